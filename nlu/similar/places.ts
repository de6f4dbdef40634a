/**
 * Place names in a report, for comparing where two reports are when there are no coordinates.
 *
 * Chinese addresses have no spaces, so a name is read backwards from a place suffix (路, 小区,
 * 大厦 …) through the Han characters before it, stopping at a character that rarely belongs to a
 * name (在, 的, 我, another suffix …). The cut is not always where a gazetteer would put it, but it
 * is the same cut in every report that writes the same address, and only equality is used.
 * `areas` are administrative units (区, 县, 镇, 街道 …): shared areas mean "near", not "same spot".
 */
import { normalizeText } from '../text/normalize.js';

export interface Places {
  /** Roads, 小区, buildings, villages, schools, markets, companies … */
  spots: string[];
  /** Districts, counties, towns, 街道 (including the anonymised `a3区` form). */
  areas: string[];
}

// 省 and 市 are read (so they end names) but not kept: a city hotline's reports all share them.
const AREA_SUFFIXES = ['街道', '省', '市', '区', '县', '镇', '乡'];
const TOO_COARSE = new Set(['省', '市']);
const words = (list: string): string[] => list.split(' ');
// Longest first, so 小区 wins over 区 and 大道 over 道.
const SPOT_SUFFIXES = words(
  '幼儿园 卫生院 工业园 产业园 小区 花园 家园 新村 新城 公寓 大厦 广场 社区 大道 大街 中学 小学 大学 学院 学校 医院 市场 公园 商场 超市 车站 大桥 隧道 路 街 巷 村 苑 湾 庭 城',
);
const SUFFIXES_BY_FIRST = new Map<string, string[]>();
for (const suffix of [...SPOT_SUFFIXES, ...AREA_SUFFIXES].sort((a, b) => b.length - a.length)) {
  const first = suffix[0]!;
  SUFFIXES_BY_FIRST.set(first, [...(SUFFIXES_BY_FIRST.get(first) ?? []), suffix]);
}
const SUFFIX_CHARS = new Set(['路', '街', '巷', '村', '苑', '湾', '庭', '城', '省', '市', '区', '县', '镇', '乡']);
// A one-character suffix followed by these is part of another word (路灯, 城管, 村民, 市政 …).
const NOT_SUFFIX_BEFORE: Record<string, string> = {
  路: '灯况线费径程由子过',
  城: '管市乡区镇建中里',
  村: '民委干里',
  市: '政民场容委长级区里内面值',
  区: '域别间分',
  县: '级委长城',
  街: '道头坊',
  湾: '里',
};
// A suffix right after these is a verb compound (跑路, 逛街, 进城), not the end of a name.
const NOT_SUFFIX_AFTER: Record<string, string> = {
  路: '跑走修过让堵挡迷带引领赶问拦上半绕抄顺探铺公铁线道网电思出门',
  街: '逛上沿临满',
  村: '农乡全本该各',
  城: '进全满县',
  区: '小',
};
// Words that precede a name without being part of it ("经过特立路", "改变麓谷明珠小区").
const LEADING_WORDS = words(
  '严重影响 大部分 左拐进入 右拐进入 改变 经过 进入 距离 导致 影响 调整 位于 靠近 附近 整个 相关 部分 全体 当地 地方 很多 多个 一些 周边 旁边 对面 楼下 门口 隔壁 一条 而 线 道 房 往 过 由 近 沿 条 距 级 际',
);
// Function words and verbs that end a name when read backwards.
const BOUNDARY = new Set(
  Array.from('在的于是了和与及到从向对给我你他她们住位近旁边请问为把被将这那该此本个各每所有其要想去来说里内外上下中前后号'),
);
// Names that are generic or not places at all (马路, 十字路, 人民医院 — every city has one).
const GENERIC = new Set(
  words(
    '十字路 交叉路 断头路 快速路 水泥路 泥巴路 必经之路 走投无路 安置小区 居民小区 居民区 公共区 行政区 文明城 步行街 农贸市场 人民医院 人民政府 实验学校 实验中学 实验小学 民办学校 公办学校 公立幼儿园 配套幼儿园 公交车站 大马路 小马路 人行马路 马路 道路 公路 铁路 线路 网路 思路 出路 电路 一路 高速公路 农村 城市 城区 市区 社区 小区 学校 医院 公司 全市 全区 全县 本市 城乡 乡村 乡镇 市场 地区 辖区 园区 景区 片区 校区 山区 新城 老城 县城 进城 省市 市县 区县',
  ),
);
// Markets in the economic sense, not market halls.
const NOT_A_PLACE = /(?:房地产|经济|文化|劳务|人才|交易|金融|消费|住房|租赁)市场$/u;
const HAN = /\p{Script=Han}/u;
const MAX_NAME = 6;
// The anonymised data set writes A市, A3区, K3县; real addresses write 芙蓉区.
const CODED_AREA = /[a-z][0-9]{0,2}(?:区|县)/gu;

export function extractPlaces(...texts: (string | undefined)[]): Places {
  const spots = new Set<string>();
  const areas = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    const normalized = normalizeText(text);
    for (const match of normalized.matchAll(CODED_AREA)) areas.add(match[0]);
    const chars = Array.from(normalized);
    for (let end = 0; end < chars.length; end += 1) {
      const suffix = suffixAt(chars, end);
      if (!suffix) continue;
      if (suffix.length === 1 && isOtherWord(chars, end, suffix)) continue;
      const name = nameBefore(chars, end, suffix);
      if (name !== undefined && !TOO_COARSE.has(suffix)) (AREA_SUFFIXES.includes(suffix) ? areas : spots).add(name + suffix);
      end += suffix.length - 1;
    }
  }
  return { spots: [...spots].sort(), areas: [...areas].sort() };
}

function isOtherWord(chars: string[], at: number, suffix: string): boolean {
  return (
    (NOT_SUFFIX_BEFORE[suffix]?.includes(chars[at + 1] ?? '\n') ?? false) ||
    (NOT_SUFFIX_AFTER[suffix]?.includes(chars[at - 1] ?? '\n') ?? false)
  );
}

function suffixAt(chars: string[], start: number): string | undefined {
  // Every suffix is made of BMP characters, so string indices are character indices.
  return SUFFIXES_BY_FIRST.get(chars[start]!)?.find((suffix) => {
    for (let i = 1; i < suffix.length; i += 1) if (chars[start + i] !== suffix[i]) return false;
    return true;
  });
}

function nameBefore(chars: string[], end: number, suffix: string): string | undefined {
  let start = end;
  while (start > 0 && end - start < MAX_NAME) {
    const ch = chars[start - 1]!;
    if (!HAN.test(ch) || BOUNDARY.has(ch) || SUFFIX_CHARS.has(ch)) break;
    start -= 1;
  }
  let name = chars.slice(Math.max(start, end - MAX_NAME), end).join('');
  for (let stripped = true; stripped;) {
    const word = LEADING_WORDS.find((w) => name.startsWith(w));
    stripped = word !== undefined;
    if (word) name = name.slice(word.length);
  }
  if (Array.from(name).length < 2 || GENERIC.has(name + suffix) || NOT_A_PLACE.test(name + suffix)) return undefined;
  return name;
}
