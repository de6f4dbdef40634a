/**
 * Names of government units as replies write them, and one canonical spelling per unit: the
 * jurisdiction prefix (省/市/区/县, resolved from the message when the reply says only "市"/"区"),
 * common abbreviations spelled out, and renamed units under their current name, so that
 * "市人社局" and "A市人力资源和社会保障局" become one label.
 */

/** Unit-type endings, longest first so "委员会" wins over "委". */
const SUFFIXES = [
  '街道办事处',
  '管理委员会',
  '人民政府',
  '委员会',
  '办公室',
  '办公厅',
  '管委会',
  '街道办',
  '派出所',
  '指挥部',
  '政府',
  '街道',
  '分局',
  '支队',
  '大队',
  '中队',
  '中心',
  '集团',
  '公司',
  '局',
  '委',
  '镇',
  '乡',
];

/** A jurisdiction as anonymised in the data: 西地省, A市, A3区, A7县, J11市. */
const JURISDICTION = String.raw`(?:西地省|[A-Z]\d{1,2}县市|[A-Z]\d{0,2}[市区县])`;

/**
 * Characters a unit name never contains; cutting at them finds where a name starts in running text
 * ("已转交A市教育局" → "A市教育局").
 */
const BREAK_WORDS =
  /.*(?:[^\p{Script=Han}A-Z0-9]|已转交|转交给|转交|转至|转由|交由|转给|已转|转到|交给|交至|经过|根据|请|由|对此|督促|通知|联系|咨询|会同|联合|组织|协调|要求|目前|现在|同时|已|及|与|向|将|被|对|在|后|我|您|你|的|了|是|并|即|又|再)/u;

const NAME_TAIL = new RegExp(`(?:${SUFFIXES.join('|')})$`, 'u');
const PREFIXED = new RegExp(`^(?:中共)?(?:${JURISDICTION}|[省市区县])`, 'u');
/** Township-level units carry their own place name and need no prefix: 泉塘街道办事处, 安沙镇人民政府. */
const TOWNSHIP = /^[\p{Script=Han}]{2,5}(?:街道办事处|街道办|街道|镇人民政府|镇政府|镇|乡人民政府|乡政府|乡)$/u;
/** Words that look like names but only say "the relevant departments" or "our bureau". */
const NOT_A_NAME = /^(?:有关|相关|上级|职能|主管|各级|该|本|我|贵|城乡|乡镇|村镇|街道|社区|城镇)/u;

/** Abbreviations and former names → the unit's full current name (applied to the part after the prefix). */
const ALIASES: [RegExp, string][] = [
  [/^(?:住建局|住房城乡建设局|住房和城乡建设委员会|住建委|城乡建设局|建设局)$/u, '住房和城乡建设局'],
  [/^(?:人社局|人力资源社会保障局|人力资源和社会保障局|劳动和社会保障局|劳动保障局)$/u, '人力资源和社会保障局'],
  [/^(?:城管局|城管执法局|城市管理局|城市管理和行政执法局|城市管理和综合执法局|城市管理行政执法局|城管执法大队)$/u, '城市管理和综合执法局'],
  [/^(?:卫计局|卫计委|卫生局|卫生计生委|卫生和计划生育委员会|卫生健康委|卫健委|卫健局|卫生健康局)$/u, '卫生健康委员会'],
  [/^(?:环保局|环境保护局|生态环境局)$/u, '生态环境局'],
  [/^(?:规划局|城乡规划局|国土局|国土资源局|自然资源局|规划分局|自然资源和规划局)$/u, '自然资源和规划局'],
  [/^(?:交通局|交通运输局)$/u, '交通运输局'],
  [/^(?:教体局|教育体育局)$/u, '教育体育局'],
  [/^(?:市监局|市场监管局|市场监督管理局|工商局|工商行政管理局|食药监局|质监局)$/u, '市场监督管理局'],
  [/^(?:发改委|发展改革委|发展和改革委员会|发展和改革局)$/u, '发展和改革委员会'],
  [/^(?:交警支队|公安局交警支队|公安局交通警察支队|公安交警支队)$/u, '公安局交通警察支队'],
  [/^(?:交警大队|公安局交警大队|公安局交通警察大队|公安交警大队)$/u, '公安局交通警察大队'],
  [/^(?:政府|人民政府)$/u, '人民政府'],
  [/^(?:文体局|文广新局|文化体育广播电视局|文化旅游广电体育局|文旅广体局)$/u, '文化旅游广电体育局'],
];

const TOWNSHIP_ALIASES: [RegExp, string][] = [
  [/(?:街道办事处|街道办|街道)$/u, '街道办事处'],
  [/(?:镇人民政府|镇政府|镇)$/u, '镇人民政府'],
  [/(?:乡人民政府|乡政府|乡)$/u, '乡人民政府'],
];

/** Where the message happens, for names that say only "市"/"区"/"县" or name a township. */
export interface Jurisdictions {
  city?: string;
  district?: string;
}

/** The most frequent city and district/county named in a text (the message, then the reply). */
export function jurisdictionsOf(...texts: string[]): Jurisdictions {
  const count = (pattern: RegExp): string | undefined => {
    for (const text of texts) {
      const tally = new Map<string, number>();
      for (const match of text.matchAll(pattern)) tally.set(match[0], (tally.get(match[0]) ?? 0) + 1);
      const best = [...tally.entries()].sort((a, b) => b[1] - a[1])[0];
      if (best) return best[0];
    }
    return undefined;
  };
  return { city: count(/[A-Z]\d{0,2}市/gu), district: count(/[A-Z]\d{1,2}[区县]/gu) };
}

/**
 * The unit name that ends a span of running text, or undefined when the span does not end in one.
 * Only prefixed names (A市…, 区…, 中共…) and township units count: bare "教育局" could be anyone's.
 */
export function unitNameAtEnd(span: string): string | undefined {
  if (!NAME_TAIL.test(span)) return undefined;
  const name = span.replace(BREAK_WORDS, '').replace(/^(?:有关|相关)/u, '');
  if (name.length < 2 || name.length > 24 || NOT_A_NAME.test(name)) return undefined;
  if (TOWNSHIP.test(name)) return name;
  const body = name.replace(PREFIXED, '');
  // "县级人民政府", "A6区分局": a prefix followed by a level word or a bare ending names no unit.
  if (!PREFIXED.test(name) || /^(?:级|分局|中心|支队|大队)/u.test(body)) return undefined;
  return name;
}

/** One spelling per unit, with the jurisdiction prefix. */
export function canonicalUnitName(name: string, where: Jurisdictions): string {
  const party = name.startsWith('中共') ? '中共' : '';
  const rest = name.slice(party.length);
  const prefix = new RegExp(`^${JURISDICTION}`, 'u').exec(rest)?.[0];
  if (prefix) return party + prefix + canonicalBody(rest.slice(prefix.length));
  const bare = /^[省市区县]/u.exec(rest)?.[0];
  if (bare) return party + resolveBare(bare, where) + canonicalBody(rest.slice(1));
  // A township: its place name is unique within a district, so the district is its prefix.
  let township = rest;
  for (const [pattern, suffix] of TOWNSHIP_ALIASES) township = township.replace(pattern, suffix);
  return party + (where.district ?? '') + township;
}

function resolveBare(bare: string, where: Jurisdictions): string {
  if (bare === '市') return where.city ?? '市';
  if (bare === '省') return '西地省';
  const district = where.district;
  // "区教育局" in a message about A7县 is still the district-level unit the reply names: keep its kind.
  return district && district.endsWith(bare) ? district : bare;
}

function canonicalBody(body: string): string {
  for (const [pattern, full] of ALIASES) if (pattern.test(body)) return full;
  if (TOWNSHIP.test(body)) for (const [pattern, suffix] of TOWNSHIP_ALIASES) body = body.replace(pattern, suffix);
  return body;
}
