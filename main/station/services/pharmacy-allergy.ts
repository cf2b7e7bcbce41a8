/**
 * Drug-allergy warnings: the patient's free-text allergy history ("青霉素、磺胺类过敏") matched
 * against a drug's Chinese and English names. A match is a warning for the doctor, never a
 * refusal. Pure functions.
 *
 * The text is split into allergens at punctuation and conjunctions; words like 过敏 / 类 / 药物
 * are trimmed; "none"-like answers (无, 否认, NKDA) give no allergens. An allergen matches a drug
 * when either contains the other's generic name (the drug name without its dosage form), or when
 * the allergen names a drug class (penicillins, cephalosporins, sulfonamides, quinolones,
 * NSAIDs) whose members the drug's name shows (…西林, 头孢…, 磺胺…, …沙星, 布洛芬 …).
 */

export interface DrugNames {
  name: string;
  nameEn: string;
}

const SEPARATORS = /[,，、;；。.:：/\\|\s()（）[\]【】]+|和|及|与|或/u;
const TRIM_SUFFIX = /(过敏史|过敏|史|类药物|类药|类抗生素|类|药物|药|allergy|allergic)+$/iu;
const TRIM_PREFIX = /^(对|有|曾对|曾)/u;
const NONE = /^(无|没有|否认|否认药物过敏|不详|未知|暂无|无已知|none|no|nil|nkda|nka|n\/a|unknown|denies)$/iu;

/** Dosage forms stripped from a drug's name to get its generic name (longest first). */
const FORMS = [
  '缓释胶囊', '缓释片', '肠溶胶囊', '肠溶片', '分散片', '咀嚼片', '泡腾片', '口崩片', '干混悬剂', '混悬液', '口服溶液', '口服液',
  '注射液', '注射用', '滴眼液', '滴耳液', '滴鼻液', '喷雾剂', '气雾剂', '吸入剂', '颗粒', '胶囊', '软膏', '乳膏', '凝胶', '糖浆',
  '栓', '贴', '片', '丸', '散',
];

interface DrugClass {
  /** Words in the allergy text that name the class. */
  names: string[];
  /** Parts of a drug's names that mark a member. */
  members: string[];
}

const CLASSES: DrugClass[] = [
  { names: ['青霉素', 'penicillin'], members: ['青霉素', '西林', 'penicillin', 'cillin'] },
  { names: ['头孢', 'cephalosporin'], members: ['头孢', 'cef', 'ceph'] },
  { names: ['磺胺', 'sulfa', 'sulpha', 'sulfonamide'], members: ['磺胺', '新诺明', 'sulfa', 'sulpha'] },
  { names: ['喹诺酮', '沙星', 'quinolone'], members: ['沙星', 'floxacin'] },
  {
    names: ['非甾体', '解热镇痛', 'nsaid'],
    members: ['布洛芬', '对乙酰氨基酚', '双氯芬酸', '洛索洛芬', '萘普生', '吲哚美辛', '美洛昔康', '塞来昔布', '阿司匹林',
      'ibuprofen', 'diclofenac', 'loxoprofen', 'naproxen', 'indometacin', 'meloxicam', 'celecoxib', 'aspirin'],
  },
];

function clean(term: string): string {
  let t = term.normalize('NFKC').trim();
  for (let i = 0; i < 3; i++) t = t.replace(TRIM_PREFIX, '').replace(TRIM_SUFFIX, '').trim();
  return t;
}

function meaningful(t: string): boolean {
  if (t === '' || NONE.test(t)) return false;
  return /\p{Script=Han}/u.test(t) ? [...t].length >= 2 : t.length >= 3;
}

/** The allergens named in a free-text allergy history. */
export function allergensOf(text: string | null | undefined): string[] {
  if (!text) return [];
  const whole = clean(text);
  if (NONE.test(whole)) return [];
  const out: string[] = [];
  for (const part of text.split(SEPARATORS)) {
    const t = clean(part);
    if (meaningful(t) && !out.includes(t)) out.push(t);
  }
  return out;
}

/** A drug's generic name: its Chinese name without the dosage form. */
export function genericName(name: string): string {
  let n = name.normalize('NFKC').trim();
  for (const f of FORMS) {
    if (n.endsWith(f) && n.length > f.length + 1) {
      n = n.slice(0, -f.length);
      break;
    }
  }
  if (n.startsWith('注射用')) n = n.slice(3);
  return n;
}

/** The allergens of the history that the drug may provoke (empty: no warning). */
export function allergyMatches(allergyText: string | null | undefined, drug: DrugNames): string[] {
  const name = drug.name.normalize('NFKC');
  const en = drug.nameEn.normalize('NFKC').toLowerCase();
  const generic = genericName(name);
  const hits: string[] = [];
  for (const allergen of allergensOf(allergyText)) {
    const a = allergen.toLowerCase();
    const direct = name.includes(allergen) || (generic.length >= 2 && a.includes(generic.toLowerCase()))
      || (/^[a-z]/.test(a) && en !== '' && (en.includes(a) || a.includes(en)));
    const byClass = CLASSES.some((c) => c.names.some((n) => a.includes(n))
      && c.members.some((m) => name.includes(m) || (en !== '' && en.includes(m))));
    if (direct || byClass) hits.push(allergen);
  }
  return hits;
}
