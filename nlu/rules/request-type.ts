/**
 * Request type (诉求类型, DOMAIN.md §4) from the citizen's wording: the answer until labelled tickets
 * exist, then a feature and fallback of the trained classifier (nlu/request-type/).
 *
 * The types citizens and agents confuse most, and how the rules tell them apart:
 * - 举报 REPORT: someone breaking the law or rules (无证, 偷排, 违建, 虚报冒领), whoever it affects;
 * - 投诉 COMPLAINT: a service or a nuisance that affects the writer (扰民, 态度恶劣, 拖欠工资, 乱收费);
 * - 咨询 CONSULT: asks for information (请问, 怎么办理, 需要什么材料, 条件, ？);
 * - 求助 HELP: asks for practical help for oneself (帮忙, 困难, 停水, 维修, 被困);
 * - 建议 SUGGEST: proposes a change (建议, 增设, 能不能增加); 表扬 PRAISE: praises (表扬, 点赞, 锦旗).
 * Explicit self-labels (我要举报, 投诉) weigh most; courtesy words (谢谢, 希望) weigh least, because
 * complaints end with them too.
 */
import { scoreRules, type KeywordRule, type RuleScore } from './keyword-rules.js';

export const REQUEST_TYPES = ['CONSULT', 'HELP', 'COMPLAINT', 'REPORT', 'SUGGEST', 'PRAISE', 'OTHER'] as const;
export type RequestTypeCode = (typeof REQUEST_TYPES)[number];

export const REQUEST_TYPE_RULES: readonly KeywordRule<RequestTypeCode>[] = [
  { value: 'REPORT', weight: 5, patterns: [/举报|检举|揭发|\breport(ing)?\b/u] },
  {
    value: 'REPORT',
    weight: 3,
    patterns: [
      /违法|违规|非法|偷排|偷倒|乱排|直排|私自|无证|无照|没有营业执照|无营业执照|黑作坊|地沟油|假冒|造假|虚报|冒领|贪污|受贿|挪用|侵占|传销|赌博|涉黄|盗采|盗伐|乱砍|滥伐|违建|违章建筑|私搭乱建|查处|\billegal/u,
    ],
  },
  { value: 'COMPLAINT', weight: 4, patterns: [/投诉|\bcomplain/u] },
  {
    value: 'COMPLAINT',
    weight: 2,
    patterns: [
      /不满|扰民|噪音|噪声|油烟|吵得|严重影响|污染|不合理|不公平|强迫|强制|霸王|一拖再拖|不给|未发放|克扣|威胁|为什么|凭什么|太差|很差|极差|奇差|反感|怨声载道|无人管|没人管|不作为|迟迟|拖欠|欠薪|推诿|推脱|踢皮球|态度恶劣|态度差|乱收|强制收费|不退|刁难|拖着|得不到解决|没有解决|不处理|一直没有|至今|坑|\bnoisy?\b|unacceptable/u,
    ],
  },
  {
    value: 'CONSULT',
    weight: 3,
    patterns: [/咨询|请问|想了解|想问|如何办理|怎么办理|怎样办理|需要(?:哪些|什么)(?:材料|手续|条件)|\bhow (do|can|to)\b/u],
  },
  {
    value: 'CONSULT',
    weight: 2,
    patterns: [/怎么|怎样|是否|哪里|哪些|什么时候|会不会|有没有|还是要|多少|流程|条件|标准|吗[?？]?$|[?？]$|\bwhere\b|\bwhen\b|\?$/u],
  },
  { value: 'SUGGEST', weight: 4, patterns: [/建议|提议|倡议|呼吁|\bsuggest/u] },
  {
    value: 'SUGGEST',
    weight: 2,
    patterns: [/增设|增加|加装|新建|延长|开通|优化|完善|出台|能不能|可否|\bplease (add|consider)\b/u],
  },
  { value: 'SUGGEST', weight: 1, patterns: [/希望|恳请|应该|加快/u] },
  { value: 'HELP', weight: 4, patterns: [/求助|求救|救命|帮帮|帮忙|\bhelp\b/u] },
  {
    value: 'HELP',
    weight: 2,
    patterns: [
      /帮助|救助|困难|急需|被困|困在|反锁|停水|停电|没水|没电|无水|没有暖气|暖气.{0,4}不热|供暖|维修|修理|疏通|堵塞|漏水|漏气|煤气味|着火|冒烟|淹|垮塌|坍塌|井盖|摔倒|走失|派人|\bstuck\b|\bno (water|power|heating)\b/u,
    ],
  },
  { value: 'PRAISE', weight: 6, patterns: [/表扬|点赞|锦旗|称赞|赞扬|好人好事|拾金不昧|\bpraise|\bgreat job\b/u] },
  { value: 'PRAISE', weight: 3, patterns: [/非常满意|很满意|服务周到|热情周到/u] },
  // Courtesy alone ties with OTHER (which wins ties): only two of these together read as praise.
  { value: 'PRAISE', weight: 1, patterns: [/感谢|谢谢|\bthank/u, /辛苦了|辛苦你们/u] },
];

export function scoreRequestType(normalizedText: string): RuleScore<RequestTypeCode>[] {
  return scoreRules(normalizedText, [...REQUEST_TYPE_RULES], 'OTHER');
}
