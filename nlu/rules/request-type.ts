/** Request type (诉求类型, DOMAIN.md §4) from the citizen's wording, until a trained model replaces it. */
import { scoreRules, type KeywordRule, type RuleScore } from './keyword-rules.js';

export const REQUEST_TYPES = ['CONSULT', 'HELP', 'COMPLAINT', 'REPORT', 'SUGGEST', 'PRAISE', 'OTHER'] as const;
export type RequestTypeCode = (typeof REQUEST_TYPES)[number];

const RULES: KeywordRule<RequestTypeCode>[] = [
  { value: 'REPORT', weight: 3, patterns: [/举报|检举|揭发|非法|违法|偷排|偷倒|无证/u, /\breport(ing)?\b|illegal/u] },
  {
    value: 'COMPLAINT',
    weight: 2,
    patterns: [/投诉|不满|扰民|严重影响|无人管|没人管|迟迟|拖欠|欠薪|推诿|态度恶劣|乱收费/u, /\bcomplain|\bnoisy?\b|unacceptable/u],
  },
  {
    value: 'CONSULT',
    weight: 2,
    patterns: [
      /咨询|请问|如何|怎么|怎样|是否|能否|哪里|什么时候|需要什么|流程|条件|政策|[?？]$/u,
      /\bhow (do|can|to)\b|\bwhere\b|\bwhen\b|\?$/u,
    ],
  },
  { value: 'SUGGEST', weight: 2, patterns: [/建议|希望|增设|增加|能不能|可否|呼吁|应该/u, /\bsuggest|\bplease (add|consider)\b/u] },
  {
    value: 'HELP',
    weight: 2,
    patterns: [/求助|帮忙|帮助|救助|困难|急需|被困|停水|停电|没有暖气|维修/u, /\bhelp\b|\bstuck\b|\bno (water|power|heating)\b/u],
  },
  { value: 'PRAISE', weight: 4, patterns: [/表扬|感谢|谢谢|点赞|锦旗|称赞|为.{1,8}点赞/u, /\bthank|\bpraise|\bgreat job\b/u] },
];

export function scoreRequestType(normalizedText: string): RuleScore<RequestTypeCode>[] {
  return scoreRules(normalizedText, RULES, 'OTHER');
}
