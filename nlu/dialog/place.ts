/**
 * Where a report is, as the citizen wrote it: "芙蓉区五一大道与人民路交叉口", "幸福小区3栋2单元门口",
 * "人民路128号", "near People's Park". Names come from nlu/similar's `extractPlaces` (roads, 小区,
 * districts …) plus the anonymised `a3区b街道` form and bare building numbers; each is then extended
 * over what follows it in an address (128号, 3栋, 交叉口, 门口, 附近), and names joined by 与/和 or
 * written one after another become one span. The span with the most names wins, then the longest.
 */
import { detectGreeting, isEmptyMessage } from '../safety/empty.js';
import { extractPlaces } from '../similar/places.js';
import { parseYesNo } from './answers.js';
import { parseCommand } from './command.js';
import { foldWithOrigin, originalSpan } from './fold.js';

interface Span {
  readonly start: number;
  readonly end: number;
  /** How many place names the span holds. */
  readonly names: number;
}

/** The anonymised data set and many citizens write coded names: a3区, b街道, c社区, XX路. */
const CODED = /(?<![a-z0-9])[a-z]{1,3}\d{0,2}(?:街道|社区|小区|大道|区|县|镇|乡|村|路|街)/gu;
const NUMBER = '(?:[0-9]+(?:-[0-9]+)*|[一二三四五六七八九十百零两]+)';
const UNIT = '(?:号楼|号院|号门|号|栋|幢|座|单元|楼|层|室|户|弄|组|期|排|巷|段)';
const BUILDING = new RegExp(`${NUMBER}(?:号楼|栋|幢|单元)(?:${NUMBER}${UNIT})*`, 'gu');
const POSITION =
  '(?:交叉口|交汇处|十字路口|丁字路口|路口|大门口|门口|东门|西门|南门|北门|正门|侧门|后门|大门|附近|旁边|对面|楼下|楼道|楼顶|东侧|西侧|南侧|北侧|东边|西边|南边|北边|辅路|入口|出口|地下车库|车库|停车场|公交站台?|地铁站|站台|路段|沿线|一带|周边|门前|(?:[东西南北](?:侧|边|面)?)?(?:[0-9]+|[一二三四五六七八九十百]+)米处?)';
/** What may follow a name inside one address; sticky, so it only reads from where a name ends. */
const TAIL = new RegExp(`(?: ?(?:${NUMBER}${UNIT}|${POSITION}))*`, 'uy');
/** Between two names of one address: nothing, a space, or 与/和/跟/及/、. */
const JOIN = /^ ?(?:[与和跟及、] ?)?$/u;

const EN_WORD = String.raw`(?!(?:the|a|an|this|that|my|our|your|is|are|was|and|or|of|near|at|on|in|by|to)\b)[a-z][a-z'’-]*`;
const EN_STREET = new RegExp(
  String.raw`\b\d+[a-z]?\s(?:${EN_WORD}\s){1,3}(?:road|rd|street|st|avenue|ave|lane|ln|boulevard|blvd|way|drive|dr|highway|alley)\b`,
  'gu',
);
/** Group 1: a position word kept in the span ("near"); group 2: the named place. */
const EN_LANDMARK = new RegExp(
  String.raw`\b(?:(near|opposite|behind|beside|next to|outside|in front of|close to)|at|on|in|by)\s(?:the\s)?((?:${EN_WORD}\s){1,3}(?:park|road|rd|street|st|avenue|ave|lane|square|station|school|hospital|market|mall|bridge|community|estate|building|tower|plaza|gardens?|village|district|gate|intersection|junction)\b)`,
  'dgu',
);

export function extractPlace(text: string): string | undefined {
  const folded = foldWithOrigin(text);
  const best = joinSpans(folded.text, nameSpans(folded.text)).sort(
    (a, b) => b.names - a.names || b.end - b.start - (a.end - a.start) || a.start - b.start,
  )[0];
  return best ? originalSpan(text, folded, best.start, best.end).trim() : undefined;
}

function nameSpans(folded: string): Span[] {
  const spans: Span[] = [];
  const { spots, areas } = extractPlaces(folded);
  for (const name of [...spots, ...areas]) {
    for (let at = folded.indexOf(name); at >= 0; at = folded.indexOf(name, at + name.length)) {
      spans.push({ start: at, end: at + name.length, names: 1 });
    }
  }
  for (const pattern of [CODED, BUILDING, EN_STREET]) {
    for (const match of folded.matchAll(pattern)) spans.push({ start: match.index, end: match.index + match[0].length, names: 1 });
  }
  for (const match of folded.matchAll(EN_LANDMARK)) {
    const [start, end] = match.indices?.[1] ?? match.indices?.[2] ?? [match.index, match.index];
    spans.push({ start, end: Math.max(end, match.index + match[0].length), names: 1 });
  }
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

function tailEnd(folded: string, end: number): number {
  TAIL.lastIndex = end;
  return end + (TAIL.exec(folded)?.[0].length ?? 0);
}

/** Overlapping names merge; a name extends over its address tail and joins the next when only JOIN lies between. */
function joinSpans(folded: string, spans: readonly Span[]): Span[] {
  const joined: Span[] = [];
  for (const span of spans) {
    const last = joined.at(-1);
    if (last && (span.start < last.end || JOIN.test(folded.slice(last.end, span.start)))) {
      // A name inside one already taken (人民路 in 人民路128号, found twice) adds nothing.
      const names = last.names + (span.end > last.end ? 1 : 0);
      joined[joined.length - 1] = { start: last.start, end: tailEnd(folded, Math.max(last.end, span.end)), names };
    } else {
      joined.push({ ...span, end: tailEnd(folded, span.end) });
    }
  }
  return joined;
}

const DONT_KNOW = /不知道|不清楚|忘了|不记得|不确定|说不清|\bdon[’']?t know\b|\bnot sure\b|\bno idea\b|\bdunno\b/iu;
const PLACE_HINT =
  /[路街巷道村镇乡区县栋幢楼层室号院园苑湾庭城站桥场店厂馆门旁]|小区|社区|家|学校|医院|公园|广场|商场|超市|市场|公司|大厦|附近|对面|交叉|\b(?:road|rd|street|st|avenue|ave|lane|park|square|station|school|hospital|market|building|block|estate|community|village|district|near|opposite|next to|outside|behind|corner|gate)\b/iu;

/**
 * Whether a reply to "where is it?" reads like a place. Lenient on purpose: the bot accepts any short
 * answer anyway and only uses this to decide whether to ask once more.
 */
export function looksLikePlaceAnswer(text: string): boolean {
  if (isEmptyMessage(text) || detectGreeting(text) || DONT_KNOW.test(text)) return false;
  if (parseYesNo(text) !== undefined || parseCommand(text) !== undefined) return false;
  return extractPlace(text) !== undefined || PLACE_HINT.test(foldWithOrigin(text).text);
}
