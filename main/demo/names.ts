/**
 * Chinese personal names for the demo: surnames weighted by how common they are (roughly the
 * 2020 census shares, per mille), a few compound surnames, and given names that follow the
 * fashion of the birth decade (建国 and 秀英 for grandparents, 子轩 and 梓涵 for children).
 */
import { Rng, Weighted } from './random';
import type { IdSex } from '../domain/residentId';

/** Surname, share per mille. */
const SURNAMES: [string, number][] = [
  ['王', 71], ['李', 70], ['张', 64], ['刘', 54], ['陈', 46], ['杨', 31], ['黄', 22], ['赵', 20], ['吴', 20], ['周', 19],
  ['徐', 15], ['孙', 14], ['马', 13], ['朱', 12], ['胡', 11], ['郭', 11], ['何', 10], ['林', 10], ['高', 10], ['罗', 9],
  ['郑', 9], ['梁', 8], ['谢', 7], ['宋', 6], ['唐', 6], ['许', 6], ['韩', 6], ['邓', 6], ['冯', 6], ['曹', 5],
  ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['潘', 4], ['袁', 4], ['蔡', 4], ['蒋', 4], ['余', 4],
  ['于', 4], ['杜', 4], ['叶', 4], ['程', 4], ['魏', 4], ['苏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['卢', 3],
  ['姚', 3], ['沈', 3], ['钟', 3], ['姜', 3], ['崔', 3], ['谭', 3], ['陆', 3], ['范', 3], ['汪', 3], ['廖', 3],
  ['石', 3], ['金', 3], ['韦', 2], ['贾', 2], ['夏', 2], ['付', 2], ['方', 2], ['邹', 2], ['熊', 2], ['白', 2],
  ['孟', 2], ['秦', 2], ['邱', 2], ['侯', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2], ['段', 2], ['雷', 2],
  ['龙', 2], ['黎', 2], ['史', 2], ['陶', 2], ['贺', 2], ['毛', 2], ['郝', 2], ['顾', 2], ['龚', 2], ['邵', 2],
  ['万', 1], ['覃', 1], ['武', 1], ['钱', 1], ['戴', 1], ['严', 1], ['莫', 1], ['孔', 1], ['向', 1], ['常', 1],
  ['汤', 1], ['康', 1], ['易', 1], ['乔', 1], ['赖', 1], ['文', 1], ['单', 1], ['解', 1], ['区', 0.5], ['查', 0.5],
  // compound surnames, rare
  ['欧阳', 0.6], ['司马', 0.2], ['诸葛', 0.1], ['上官', 0.15], ['东方', 0.1], ['皇甫', 0.1], ['令狐', 0.05],
  ['慕容', 0.05], ['夏侯', 0.05], ['尉迟', 0.03], ['公孙', 0.05], ['司徒', 0.1], ['端木', 0.03], ['长孙', 0.03],
];

const surnamePicker = new Weighted(SURNAMES);

/** Given names by birth decade band and sex: whole two-character names, then single characters to combine. */
interface GivenNames {
  whole: string[];
  chars: string[];
}

const split = (s: string) => s.split(' ');

const GIVEN: Record<'old' | 'mid' | 'young' | 'child', Record<IdSex, GivenNames>> = {
  old: { // born before 1965
    M: {
      whole: split('建国 建华 国强 国庆 卫国 卫东 志强 志明 德明 德福 福生 永红 文革 解放 援朝 建军 振华 家宝 树林 长江 春生 宝山 金山 玉明 文斌'),
      chars: split('国 建 华 明 德 福 军 林 生 山 荣 海 祥 忠 民 兴 富 贵 和 平 华 成 茂 发 宝'),
    },
    F: {
      whole: split('秀英 桂英 秀兰 淑珍 凤英 玉兰 桂兰 秀珍 玉梅 淑英 凤兰 素珍 桂芳 玉珍 翠花 月娥 金凤 美华 丽华 秀芳 玉芬 爱华 红梅 素英 桂香'),
      chars: split('英 兰 珍 芳 梅 凤 华 秀 玉 桂 淑 翠 琴 香 娥 莲 菊 霞 云 素 美 爱 红 月 金'),
    },
  },
  mid: { // 1965–1984
    M: {
      whole: split('伟 强 磊 军 勇 涛 明 超 刚 平 辉 斌 鹏 华 峰 海涛 海波 建平 志勇 志刚 晓东 立新 红军 文杰 永刚 国华 春雷 卫华 俊杰 振宇'),
      chars: split('伟 强 磊 军 勇 涛 明 刚 平 辉 斌 鹏 峰 波 东 亮 杰 宏 健 林 新 志 晓 立 文 永 春'),
    },
    F: {
      whole: split('芳 娜 敏 静 丽 艳 娟 霞 燕 玲 红 萍 丽娟 艳红 海燕 晓燕 春梅 丽萍 秀梅 桂芝 晓红 雪梅 红霞 丽丽 建英 小红 亚琴 美玲'),
      chars: split('芳 娜 敏 静 丽 艳 娟 霞 燕 玲 红 萍 梅 琴 英 莉 慧 华 洁 晓 雪 春 秋 亚 小'),
    },
  },
  young: { // 1985–2004
    M: {
      whole: split('鑫 宇 浩 凯 帆 帅 旭 宁 晨 博 阳 浩然 子豪 宇航 俊豪 家豪 天宇 文博 嘉伟 思远 一鸣 志豪 鹏飞 晓峰 明轩 雨泽 振洋 昊天'),
      chars: split('鑫 宇 浩 凯 帆 帅 旭 晨 博 阳 豪 航 轩 杰 涛 磊 鹏 飞 峰 明 文 嘉 思 俊 天 子 泽 昊'),
    },
    F: {
      whole: split('婷 雪 慧 莹 颖 倩 琳 晶 洁 欣 悦 丹 婷婷 雨婷 欣怡 佳怡 思雨 梦瑶 晓雪 雅琪 诗涵 佳琪 心怡 婉婷 雨欣 静怡 晓丽 文静'),
      chars: split('婷 雪 慧 莹 颖 倩 琳 晶 洁 欣 悦 丹 怡 琪 瑶 涵 雅 诗 佳 思 梦 晓 雨 心 婉 静 文'),
    },
  },
  child: { // 2005 and later
    M: {
      whole: split('子轩 浩宇 梓豪 宇轩 浩然 俊熙 子墨 一诺 睿泽 沐阳 宇泽 子睿 皓轩 梓睿 奕辰 宸宇 铭轩 弘毅 煜祺 承泽 俊宇 锦程 嘉懿 天佑'),
      chars: split('轩 宇 睿 泽 辰 宸 浩 铭 熙 墨 诺 阳 奕 皓 煜 锦 航 博 瑞 子 梓 俊 沐 宥'),
    },
    F: {
      whole: split('梓涵 一诺 欣怡 诗涵 语桐 雨桐 可馨 梓萱 紫涵 思彤 若汐 一涵 依诺 子涵 佳怡 梦琪 雨萱 芷若 沐晨 语汐 悦彤 欣妍 书瑶 安琪'),
      chars: split('涵 萱 桐 馨 彤 汐 妍 瑶 琪 怡 诺 若 悦 可 语 梓 紫 思 雨 芷 依 书 安 欣'),
    },
  },
};

function band(birthYear: number): keyof typeof GIVEN {
  if (birthYear < 1965) return 'old';
  if (birthYear < 1985) return 'mid';
  if (birthYear < 2005) return 'young';
  return 'child';
}

export function drawSurname(rng: Rng): string {
  return surnamePicker.draw(rng);
}

export function drawGivenName(rng: Rng, sex: IdSex, birthYear: number): string {
  const pool = GIVEN[band(birthYear)][sex];
  const x = rng.next();
  if (x < 0.45) return rng.pick(pool.whole);
  if (x < 0.55) return rng.pick(pool.chars); // single-character given name
  const a = rng.pick(pool.chars);
  let b = rng.pick(pool.chars);
  if (b === a && rng.chance(0.7)) b = rng.pick(pool.chars); // 婷婷 happens, but less often
  return a + b;
}

export function drawName(rng: Rng, sex: IdSex, birthYear: number): string {
  return drawSurname(rng) + drawGivenName(rng, sex, birthYear);
}

/** Every surname the demo may use (tests check the spread). */
export const ALL_SURNAMES: readonly string[] = SURNAMES.map(([s]) => s);
export const COMPOUND_SURNAMES: readonly string[] = ALL_SURNAMES.filter((s) => s.length > 1);
