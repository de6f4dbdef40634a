/**
 * Urgency (DOMAIN.md §7.2) from danger words: the answer until labelled tickets exist, then a feature
 * and fallback of the trained classifier (nlu/urgency/).
 *
 * EXTRA_URGENT 特急: a risk to life or property now — fire, gas, explosion, collapse, someone trapped
 * or injured, flooding, a child or a lone old person in danger, no heating or water in freezing cold.
 * Such a cue outweighs every other word, so a polite long message with one of them still comes first.
 * URGENT 紧急: outages of water, power, gas or heating (水电气热). PRIORITY 较急: time pressure or a
 * hazard without immediate harm. COMPLEX 复杂疑难: long-running matters across several units.
 */
import { scoreRules, type KeywordRule, type RuleScore } from './keyword-rules.js';

export const URGENCIES = ['EXTRA_URGENT', 'URGENT', 'PRIORITY', 'NORMAL', 'COMPLEX'] as const;
export type UrgencyCode = (typeof URGENCIES)[number];

const OUTAGE = String.raw`(?:停水|停电|停气|没水|没电|断水|断电|没有暖气|暖气.{0,4}不热|不供暖|没有供暖|供暖.{0,6}(?:没|未|还没)|停暖)`;
const FREEZING = String.raw`(?:零下|寒潮|冰冻|严寒|冻伤|冻坏|冻感冒|冻病)`;
const CHILD = String.raw`(?:小孩|孩子|儿童|婴儿|学生)`;

/**
 * Long messages mention dangers that have not happened ("极易引发火灾", "存在触电隐患"): a cue right
 * after such a word is a hazard (PRIORITY), not an emergency.
 */
const HYPOTHETICAL = String.raw`(?<!(?:可能|容易|易|一旦|万一|如果|若|担心|防止|避免|预防|引发|造成|导致|发生|隐患|风险|以免|恐).{0,4})`;
const now = (source: string): RegExp => new RegExp(HYPOTHETICAL + String.raw`(?:${source})`, 'u');

export const URGENCY_RULES: readonly KeywordRule<UrgencyCode>[] = [
  {
    value: 'EXTRA_URGENT',
    weight: 10,
    patterns: [
      now(
        '着火|起火|失火|火灾|冒出浓烟|爆炸|燃气泄漏|煤气泄漏|漏气|煤气味|燃气味|天然气味|液化气罐|储存.{0,6}(?:液化气|炸药|烟花)|\\bfire\\b|explosion|gas leak',
      ),
      now('坍塌|塌陷|垮塌|倒塌|塌方|掉石头|滑坡|地基.{0,4}下沉|随时可能|\\bcollapse'),
      now('被困|困在|反锁在|受伤|流血|昏迷|晕倒|溺水|落水|触电|砸伤|生命危险|起不来|呼救|trapped|injur'),
      now('被淹|淹了|漫过|漫进|进水.{0,8}(?:深|电)|内涝|洪水|决堤|泡在水里|flood'),
      new RegExp(`${CHILD}.{0,12}(?:差点|掉下去|掉进|走失|被锁)|(?:井盖).{0,6}(?:丢|没了|缺失|被偷)`, 'u'),
      /(?:独居|孤寡|空巢)老人.{0,16}(?:摔|病|晕|无人|没人|断|停)|老人.{0,6}摔倒/u,
      new RegExp(`${FREEZING}.{0,20}${OUTAGE}|${OUTAGE}.{0,20}${FREEZING}`, 'u'),
    ],
  },
  {
    value: 'URGENT',
    weight: 4,
    patterns: [
      new RegExp(`${OUTAGE}|无水可用|电梯.{0,4}困|水管爆|爆管|水压.{0,4}(?:低|没)|下水道堵|污水漫`, 'u'),
      /\bno (water|power|heating)\b|outage/u,
    ],
  },
  // Two kinds of cue (time pressure, a hazard) are needed to beat NORMAL: long messages often have one.
  { value: 'PRIORITY', weight: 2, patterns: [/紧急|尽快|马上|立即|十万火急|刻不容缓|正在|此刻|连夜|即将|突发|\burgent|asap\b/u] },
  { value: 'PRIORITY', weight: 2, patterns: [/安全隐患|危险|威胁|人身安全|拖欠.{0,8}工资|欠薪|住院|污染.{0,6}(?:水源|饮用水)/u] },
  // Likewise COMPLEX needs two of: a long history, repeated petitions, a matter that spans parties or property.
  {
    value: 'COMPLEX',
    weight: 2,
    patterns: [
      /\d+年来|十年|一年了|多年来|历史遗留|长期|至今/u,
      /多次反映|多次上访|反复反映|一直没有结果|求诉无门|申诉|上访/u,
      /多个部门|各部门|征地|拆迁|补偿|产权|房产证|维修基金|业委会|账务|帐务|清算|改制|土地证/u,
    ],
  },
];

export function scoreUrgency(normalizedText: string): RuleScore<UrgencyCode>[] {
  return scoreRules(normalizedText, [...URGENCY_RULES], 'NORMAL', 3);
}
