/**
 * Where the demo's patients come from: the clinic sits in Shanghai (徐汇区), most patients were
 * born there, many elsewhere (their ID number carries the county of birth). Addresses are
 * Shanghai streets; phones are mobile numbers with real carrier prefixes, a few landlines.
 */
import { Rng, Weighted } from './random';

/** County-level division codes (GB/T 2260) with a weight: where patients were born. */
const BIRTH_REGIONS: [string, number][] = [
  ['310101', 6], ['310104', 14], ['310105', 7], ['310106', 7], ['310107', 6], ['310109', 5], ['310110', 6],
  ['310112', 9], ['310113', 4], ['310115', 10], ['310116', 2], ['310117', 3], ['310118', 2], ['310120', 2],
  ['320102', 1.5], ['320106', 1], ['320205', 1], ['320506', 1.5], ['320583', 1], ['320682', 1], ['321002', 0.8],
  ['330106', 1.5], ['330203', 1], ['330381', 1], ['330602', 0.6], ['340102', 1.5], ['340104', 1], ['341202', 1.2],
  ['341302', 0.8], ['410105', 1], ['411502', 0.8], ['420106', 1], ['430103', 0.8], ['510107', 1], ['511302', 0.6],
  ['360102', 0.8], ['362201', 0.6], ['370102', 0.8], ['370211', 0.6], ['350102', 0.6], ['440106', 0.5],
  ['110105', 0.6], ['120101', 0.4], ['230103', 0.5], ['210102', 0.5], ['220102', 0.4], ['620102', 0.3],
  ['500103', 0.8], ['450103', 0.3], ['530102', 0.3], ['140105', 0.4], ['130102', 0.4], ['610113', 0.5],
];
const regionPicker = new Weighted(BIRTH_REGIONS);

export function drawBirthRegion(rng: Rng): string {
  return regionPicker.draw(rng);
}

const DISTRICTS: [string, string[]][] = [
  ['徐汇区', ['漕溪北路', '天钥桥路', '宜山路', '龙华中路', '肇嘉浜路', '零陵路', '中山南二路', '虹梅路', '田林路', '钦州路', '桂林路', '凯旋路']],
  ['长宁区', ['延安西路', '天山路', '仙霞路', '古北路', '中山西路', '虹桥路']],
  ['闵行区', ['莘松路', '七莘路', '沪闵路', '春申路', '古美路', '顾戴路', '都市路']],
  ['静安区', ['南京西路', '延安中路', '江宁路', '共和新路', '万航渡路']],
  ['黄浦区', ['瞿溪路', '制造局路', '复兴中路', '西藏南路', '丽园路']],
  ['浦东新区', ['浦东南路', '张杨路', '杨高南路', '锦绣路', '成山路', '上南路']],
];

export function drawAddress(rng: Rng): string {
  const x = rng.next();
  const [district, roads] = x < 0.55 ? DISTRICTS[0]! : rng.pick(DISTRICTS);
  const road = rng.pick(roads);
  const lane = rng.range(1, 1200);
  const building = rng.range(1, 40);
  const room = rng.range(1, 24) * 100 + rng.range(1, 6);
  return rng.chance(0.7)
    ? `上海市${district}${road}${lane}弄${building}号${room}室`
    : `上海市${district}${road}${lane}号${rng.range(1, 30)}楼${room % 100}室`;
}

const MOBILE_PREFIXES: [string, number][] = [
  ['138', 8], ['139', 8], ['137', 5], ['136', 5], ['135', 5], ['134', 2], ['150', 5], ['151', 4], ['152', 3], ['157', 2],
  ['158', 4], ['159', 4], ['182', 3], ['183', 3], ['187', 4], ['188', 3], ['130', 4], ['131', 4], ['132', 3], ['155', 3],
  ['156', 3], ['185', 3], ['186', 4], ['176', 2], ['133', 3], ['153', 2], ['180', 3], ['181', 3], ['189', 4], ['177', 2],
  ['173', 1], ['199', 2], ['191', 1], ['198', 1], ['166', 1], ['195', 1],
];
const prefixPicker = new Weighted(MOBILE_PREFIXES);

export function drawMobile(rng: Rng): string {
  let s = prefixPicker.draw(rng);
  for (let i = 0; i < 8; i++) s += String(rng.int(10));
  return s;
}

/** A Shanghai landline in the normalised form '021-64381234'. */
export function drawLandline(rng: Rng): string {
  let s = `021-${rng.pick(['5', '6'])}${rng.int(10)}`;
  for (let i = 0; i < 6; i++) s += String(rng.int(10));
  return s;
}

/**
 * The stored `phone_rev` column: the phone's digits read backwards (dashes dropped), so "last
 * four digits" is an indexed prefix — as the patients service stores it (a test checks both agree).
 */
export function reversePhone(phone: string): string {
  return [...phone.replaceAll('-', '')].reverse().join('');
}
