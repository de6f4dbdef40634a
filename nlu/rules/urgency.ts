/**
 * Urgency (DOMAIN.md §7.2) from danger words. Extra-urgent cases are risks to life or property;
 * urgent ones are outages of water, power, gas or heating and people trapped in lifts.
 */
import { scoreRules, type KeywordRule, type RuleScore } from './keyword-rules.js';

export const URGENCIES = ['EXTRA_URGENT', 'URGENT', 'PRIORITY', 'NORMAL', 'COMPLEX'] as const;
export type UrgencyCode = (typeof URGENCIES)[number];

const RULES: KeywordRule<UrgencyCode>[] = [
  {
    value: 'EXTRA_URGENT',
    weight: 4,
    patterns: [
      /着火|起火|火灾|爆炸|燃气泄漏|煤气泄漏|煤气味|天然气味|有人受伤|溺水|坍塌|塌陷|触电|砸伤|生命危险/u,
      /\bfire\b|explosion|gas leak|collapse/u,
    ],
  },
  {
    value: 'URGENT',
    weight: 3,
    patterns: [
      /停水|停电|停气|没水|没电|断水|断电|没有暖气|不供暖|电梯.{0,4}困|困在电梯|水管爆|爆管/u,
      /\bno (water|power|heating)\b|trapped/u,
    ],
  },
  { value: 'PRIORITY', weight: 1, patterns: [/紧急|尽快|马上|立即|十万火急|急/u, /\burgent|asap\b/u] },
];

export function scoreUrgency(normalizedText: string): RuleScore<UrgencyCode>[] {
  return scoreRules(normalizedText, RULES, 'NORMAL', 2);
}
