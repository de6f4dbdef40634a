/**
 * Emergencies happening now, which 12345 does not handle: fire and gas (119), crime and self-harm (110),
 * medical (120), traffic accidents (122). DOMAIN.md §4: such matters are transferred at once, so the bot
 * tells the citizen the number before anything else.
 *
 * Most messages that name a danger are ordinary 12345 reports: hazards ("存在火灾隐患", "容易引发火灾",
 * "消防通道被占用"), past events ("去年家里失火的赔偿问题") and paperwork ("交通事故责任认定咨询",
 * "车祸理赔"). So a cue counts only when it is not hypothetical, negated or habitual (look-behind, as in
 * nlu/rules/urgency.ts), not followed by a hazard or paperwork word (look-ahead), not told as a past
 * event, and the message is not about compensation, insurance or fees. `sure` cues need nothing more;
 * `weak` ones (打人, 火灾, 追尾 …) also describe ordinary reports and count only with a sign that it is
 * happening now (正在, 快来, "打人了") or, for traffic, that someone is hurt.
 *
 * When several kinds match, the one whose service runs the scene wins: FIRE (firefighters also rescue),
 * then CRIME (police secure the scene and call an ambulance), then TRAFFIC (122 dispatches with 120),
 * then MEDICAL, which is what is left when no cause is named. `injured` tells the caller to mention 120.
 */
import { readMessage } from './read.js';

export type EmergencyKind = 'FIRE' | 'CRIME' | 'MEDICAL' | 'TRAFFIC';
export type EmergencyNumber = '119' | '110' | '120' | '122';

export interface Emergency {
  readonly kind: EmergencyKind;
  readonly number: EmergencyNumber;
  /** The words that gave it away, as read (simplified, lower case). */
  readonly cue: string;
  /** Someone is hurt or unwell too: the reply should also mention 120. */
  readonly injured: boolean;
}

export const EMERGENCY_NUMBERS: Readonly<Record<EmergencyKind, EmergencyNumber>> = {
  FIRE: '119',
  CRIME: '110',
  MEDICAL: '120',
  TRAFFIC: '122',
};

/** Earlier wins when one message matches several kinds (see the file comment). */
export const EMERGENCY_PRIORITY: readonly EmergencyKind[] = ['FIRE', 'CRIME', 'TRAFFIC', 'MEDICAL'];

const CLAUSE_CHAR = String.raw`[^,.!?;:，。！？；：\n]`;
/** Hypothetical (可能, 一旦 …), negated (没有, 不是 …) or habitual (经常 …) words shortly before a cue. */
const NOT_NOW_BEFORE =
  String.raw`(?<!(?:可能|容易|极易|易引发|易发生|一旦|万一|如果|假如|要是|若|担心|害怕|生怕|防止|避免|预防|以免|以防|谨防|当心|(?<!不)小心|会引发|会引起|会导致|会造成|会发生|怎样|如何)${CLAUSE_CHAR}{0,4})` +
  // English puts more words between "if" and the cue ("if there is a fire").
  String.raw`(?<!\b(?:if|in case|prevent|preventing|risk of|could|might|may|would|worried|afraid)\b${CLAUSE_CHAR}{0,24})` +
  String.raw`(?<!(?:没有|没|不是|并非|并未|未|不会|不要|别|\bno|\bnot|\bwithout)${CLAUSE_CHAR}{0,2})` +
  String.raw`(?<!(?:经常|总是|老是|天天|每天|每晚|常常|多次|屡次|频繁|时常|长期|一再|often|always|every day|usually)${CLAUSE_CHAR}{0,6})`;
/** Hazard, aftermath and paperwork words right after a cue ("火灾隐患", "车祸理赔", "抢劫案"). */
const NOT_NOW_AFTER =
  String.raw`(?!的?(?:隐患|风险|危险|可能|险|等级|通道|设施|器材|演练|演习|知识|宣传|培训|预防|防范|原因|调查|多发|频发|高发|易发|案|报告|责任|认定|鉴定|赔偿|理赔|保险|后|以后|之后|时|价|式|机|hazard|risk|exit|door|escape|safety|drill|insurance|claim|report|prevention))` +
  String.raw`(?!${CLAUSE_CHAR}{0,4}(?:好几|几|多|\d+|[一二三四五六七八九十两]+)(?:天|年|个月|周|次|回))`;

function cues(source: string): RegExp {
  return new RegExp(`${NOT_NOW_BEFORE}(?:${source})${NOT_NOW_AFTER}`, 'gu');
}

interface CueSet {
  readonly kind: EmergencyKind;
  /** An emergency on their own. */
  readonly sure: RegExp;
  /** Count only with a sign of "now" (or, for TRAFFIC, of someone hurt). */
  readonly weak?: RegExp;
}

const GAS = '(?:煤气|燃气|天然气|液化气)';
const CUE_SETS: readonly CueSet[] = [
  {
    kind: 'FIRE',
    sure: cues(
      [
        '着火|起火|失火|烧起来|烧着了|大火|火势|火光|火苗(?:窜|蹿)|冒出火苗|(?:打|叫)(?:119|消防车?)',
        `${GAS}(?:管道?|罐|瓶|灶)?(?:泄漏|泄露|漏气|漏了|在漏)|闻到.{0,4}${GAS}味|${GAS}味(?:很|好|特别|非常|太)?(?:大|浓|重|冲)`,
        '(?<!信息)爆炸|爆燃',
        String.raw`\bon fire\b|\bfire\b(?! ?(?:hazards?|risks?|exits?|doors?|escapes?|lanes?|safety|alarms?|drills?|extinguishers?|stations?|insurance|damage|department|code|inspections?|prevention|brigade|service|hydrants?|fighters?|truck))`,
        String.raw`\bgas leak|\bsmell(?:s|ing)? (?:of )?gas\b|\bexplo(?:sion|ded)\b`,
      ].join('|'),
    ),
    weak: cues(String.raw`火灾|浓烟|冒烟|烟雾|\bsmoke\b`),
  },
  {
    kind: 'CRIME',
    sure: cues(
      [
        '抢劫|打劫|抢钱|抢包|抢手机|抢(?:我|他|她|人)的?(?:包|钱|手机|东西)|被抢|抢走|持刀|拿刀|拿着刀|举着刀|动刀|持枪|拿枪|开枪|枪击|砍人|捅人|杀人|行凶|被砍|被捅|被刺(?!激)',
        '绑架|劫持|绑走|拐走|抢孩子|抢小孩|强奸|性侵|闯进(?:我家|家里|家门)|破门而入|(?:我要|帮我|快)报警|(?:打|叫)110',
        '(?:有人|要|想|准备)(?:跳楼|跳河|跳桥|自杀|轻生)|跳楼|自杀|割腕|轻生',
        String.raw`\bstabb(?:ing|ed)\b|\brobb(?:ery|ed|ing)\b|\bmugg(?:ing|ed)\b|\bhold-?up\b|\b(?:has|with|holding|pulled) a (?:knife|gun)\b|\bsomeone (?:is )?shooting\b|\bshots fired\b|\bgunshots?\b|\bgunman\b`,
        String.raw`\bkidnap|\babduct|\bmurder|\brap(?:e|ing)\b|\battack(?:ing|ed) (?:me|him|her|us|people|someone)\b|\bbreak-in\b|\b(?:breaking|broke) in(?:to)?\b|\bintruder|\bsuicide\b`,
      ].join('|'),
    ),
    weak: cues(
      String.raw`打人|打架|斗殴|群殴|殴打|打起来|被打|家暴|家庭暴力|偷东西|小偷|盗窃|入室|撬门|撬锁|偷车|砸车|打砸|闹事|持械|\bfight(?:ing)?\b|\bdomestic violence\b|\bbeating\b|\bthie(?:f|ves)\b|\bstealing\b|\bburglar`,
    ),
  },
  {
    kind: 'TRAFFIC',
    sure: cues(
      [
        '车祸|撞车|被车撞|被(?:汽车|货车|卡车|公交车?|出租车|电动车|摩托车|小车|大车)撞|撞人|撞到人|撞了人|撞伤|翻车|侧翻|连环(?:撞|追尾)|碾压|相撞|肇事逃逸',
        String.raw`\b(?:car|bus|truck|motorbike|motorcycle|bike|scooter|taxi|van) (?:crash|accident|collision)\b|\bcrashed into\b|\bcollision\b|\bhit by a (?:car|truck|bus|vehicle|motorbike|van)\b|\brun over\b|\bhit[- ]and[- ]run\b|\bpile-?up\b`,
      ].join('|'),
    ),
    weak: cues(String.raw`追尾|交通事故|出事故|撞了|刮蹭|被撞|撞上|\b(?:traffic|road) accident\b`),
  },
  {
    kind: 'MEDICAL',
    sure: cues(
      [
        '晕倒|晕过去|晕厥|昏倒|昏迷|昏过去|不省人事|失去意识|没有意识|没意识|叫不醒|心脏病(?:发作|犯了|突发|发了)|心梗|心肌梗|心脏骤停|心跳骤停',
        '(?:没有|没了|停止)(?:心跳|呼吸)|没心跳|没呼吸|没气了|呼吸困难|喘不上气|喘不过气|上不来气|透不过气',
        '大出血|大量出血|血流不止|流了很多血|流很多血|血止不住|吐血|中毒|抽搐|抽风|口吐白沫|快不行了|中风|脑溢血|脑出血|休克|窒息|噎住',
        '溺水|掉进?(?:了)?(?:河|湖|水)里|触电|倒地不起|摔倒.{0,4}起不来|难产|要生了|快生了|(?:叫|打|喊)(?:个)?(?:救护车|120)',
        String.raw`\bcollapsed\b|\bunconscious\b|\bunresponsive\b|\bnot (?:breathing|responding)\b|\bstopped breathing\b|\bcan[’']?t breathe\b|\bcannot breathe\b|\bdifficulty breathing\b`,
        String.raw`\bheart attack\b|\bcardiac arrest\b|\bstroke\b|\bseizure\b|\boverdose\b|\bpoison(?:ed|ing)\b|\bbleeding (?:heavily|badly|a lot)\b|\bsevere bleeding\b|\bchoking\b|\bfainted\b|\bpassed out\b|\bdrowning\b|\belectrocuted\b|\bin labou?r\b|\b(?:call|need) an ambulance\b`,
      ].join('|'),
    ),
  },
];

/** Signs that it is happening now, anywhere in the message. */
const NOW =
  /正在|现在|此刻|刚刚|刚才|刚|就在|快来|快点|赶紧|赶快|马上|立刻|立即|救命|紧急|还在|在打|打起来|\bright now\b|\bnow\b|\bin progress\b|\bcurrently\b|\bhappening\b|\bhelp\b/u;
/** A weak cue followed directly by 了 ("打人了", "冒烟了") reads as news, not as a topic. */
const JUST_HAPPENED = /^了/u;
const INJURY =
  /受伤|伤者|伤员|有人伤|撞伤|流血|出血|血流|昏迷|不省人事|晕|骨折|压在|卡在车|被困|起不来|抢救|死了|死亡|身亡|\binjur|\bhurt\b|\bbleeding\b|\bunconscious\b|\btrapped\b/u;
/** Compensation, insurance, fees, certificates: the message is about paperwork after the event. */
const PAPERWORK =
  /赔偿|理赔|索赔|赔付|赔钱|保险|责任认定|事故认定|认定书|鉴定|报销|定损|医药费|误工费|维修费|罚款|扣分|起诉|诉讼|法院|判决|仲裁|收费|费用|补贴|补助|证明|手续|怎么办理|如何办理|流程|\bcompensation\b|\binsurance\b|\bclaims?\b|\bliability\b|\brefund\b|\bfees?\b|\bcertificate\b|\blawsuit\b/u;
/** A question about procedure: weak cues are then its topic ("请问交通事故现在怎么处理"). */
const ASKS_HOW = /请问|咨询|\bhow (?:do|can|to|should)\b/u;
/** Unmistakable calls for help override paperwork words. */
const CALL_FOR_HELP = /救命|快来人?|快救|\bhelp me\b|\bhelp!|\bhurry\b/u;
const PAST =
  /去年|前年|上个?月|上周|上星期|上次|以前|之前|曾经|当年|那年|那天|那次|几年前|\d+年前|[一二三四五六七八九十几两]+(?:年|个月|天|周)前|前几天|前些天|前段时间|前阵子|昨天|昨晚|前天|当时|\blast (?:year|month|week|night|time)\b|\byesterday\b|\bago\b|\bpreviously\b/gu;
/** The emergency is over: put out, taken to hospital, closed. */
const OVER =
  /已经?(?:被)?扑灭|火(?:已经?)?灭了|已经?(?:被)?送(?:往|到|去)?医院|已送医|已经?出院|已经?抢救过来|已经?处理完|已经?结案|事后|事发后|\bput out\b|\balready (?:in|at) (?:the )?hospital\b/u;

interface Hit {
  readonly kind: EmergencyKind;
  readonly cue: string;
}

export function detectEmergency(text: string): Emergency | undefined {
  const read = readMessage(text);
  if (OVER.test(read) || (PAPERWORK.test(read) && !CALL_FOR_HELP.test(read))) return undefined;
  const now = NOW.test(read);
  const injured = INJURY.test(read);
  const hits = CUE_SETS.flatMap((set) => hitsOf(read, set, now, injured));
  const hit = EMERGENCY_PRIORITY.map((kind) => hits.find((h) => h.kind === kind)).find((h) => h !== undefined);
  if (!hit) return undefined;
  const medical = hits.some((h) => h.kind === 'MEDICAL');
  return { kind: hit.kind, number: EMERGENCY_NUMBERS[hit.kind], cue: hit.cue, injured: hit.kind === 'MEDICAL' || medical || injured };
}

function hitsOf(read: string, set: CueSet, now: boolean, injured: boolean): Hit[] {
  const hits: Hit[] = [];
  for (const match of read.matchAll(set.sure)) {
    if (!toldAsPast(read, match.index)) hits.push({ kind: set.kind, cue: match[0] });
  }
  if (!set.weak || ASKS_HOW.test(read)) return hits;
  for (const match of read.matchAll(set.weak)) {
    const soon = now || JUST_HAPPENED.test(read.slice(match.index + match[0].length));
    const counts = soon || (set.kind === 'TRAFFIC' && injured);
    if (counts && !toldAsPast(read, match.index)) hits.push({ kind: set.kind, cue: match[0] });
  }
  return hits;
}

/** A past-time word before the cue, with no "now" word between them: "前天晚上，楼下失火，…". */
function toldAsPast(read: string, at: number): boolean {
  let lastPast = -1;
  for (const match of read.slice(0, at).matchAll(PAST)) lastPast = match.index + match[0].length;
  return lastPast >= 0 && !NOW.test(read.slice(lastPast, at));
}
