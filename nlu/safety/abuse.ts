/**
 * Insults and obscenity, and whether a real report is left once they are taken out. Angry citizens
 * swear inside genuine complaints ("他妈的门口垃圾堆了三天没人管"): those are `substantive` and must be
 * accepted like any other report. Only a message that is abuse and nothing else may be answered with a
 * warning instead of a ticket.
 *
 * Words that are also ordinary vocabulary only count when aimed at someone: 垃圾 and 废物 ("垃圾政府",
 * "一群废物", not "垃圾堆了三天"), 滚 (not 滚动, 滚烫), 他妈 (not 他妈妈), 妈的 (not 我妈的医保卡).
 */
import { EMOJI, readMessage } from './read.js';

export interface AbuseVerdict {
  /** Insults or obscenity aimed at the hotline or anyone. */
  readonly abusive: boolean;
  /** A real report remains without the abuse: about six Han characters, or three English words, of content. */
  readonly substantive: boolean;
}

/** Whom 垃圾/废物 are aimed at; not 都是/这些, which describe real rubbish ("门口都是垃圾"). */
const TARGET = '(?:你们?|您|一群|一帮|这群|这帮|那群|那帮)';
const DIRT = '(?:废物|垃圾|饭桶|蠢货|蠢猪|窝囊废)';
const NOT_RUBBISH = '(?!分类|桶|站|箱|车|清运|处理|回收|堆|场|房|池|袋|费|乱)';
const END = String.raw`(?=[\p{P}\s]*$)`;
const ABUSE_ZH = new RegExp(
  [
    '傻[逼比b屄笔币哔x叉屌吊]|煞笔|沙比|二逼|装逼|脑残|智障|弱智|白痴|蠢货|蠢猪|人渣|败类|贱人|贱货|婊子|畜生|畜牲|王八蛋|混蛋|狗官|狗东西|狗日的|狗屁|放屁',
    '[操肏艹](?:你|尼|泥|n)|[草日](?:你|尼|泥)(?:妈|马|玛|麻|m|大爷|祖宗)|我[操艹](?![心作持场办练劳])|我草(?![拟稿案图坪地原莓丛])|卧槽|握草',
    '他妈的|你妈的|真他妈|他妈(?:个|逼|b)|你妈(?:个|逼|b|死)|tm的|特么|尼玛(?!县)|(?<![我你他她咱俺])妈的|妈了个|去你(?:妈|大爷)',
    '去死(?!胡同)|死全家|全家死|不得好死|死妈|你们?有病|神经病',
    `${TARGET}${DIRT}${NOT_RUBBISH}|真${DIRT}${END}|${DIRT}(?:政府|部门|热线|客服|机构|领导|单位|官员|东西|玩意儿?|服务(?!站)|系统)|^${DIRT}${END}`,
    String.raw`滚(?:蛋|犊子|粗|出去)|(?:给我|你们?|都|快)滚|^滚(?=[\p{P}\s])|滚开?吧?${END}`,
  ].join('|'),
  'gu',
);
const SEP = String.raw`[\s*.\-_~#@]*`;
const ABUSE_EN = new RegExp(
  [
    String.raw`\bf${SEP}[u*@v#]${SEP}c${SEP}k\w*|\bf[*#@]+k\w*|\b(?:fck|fcuk|fuk|fuq|fk|stfu|wtf|gtfo)\b`,
    String.raw`\bsh[i1*!]t\w*|\bbullshit\b|\bidiots?\b|\bmorons?\b|\bassholes?\b|\bbitch(?:es)?\b|\bbastards?\b|\bdickheads?\b|\bcunts?\b|\bretard(?:ed|s)?\b|\bdumbass\b`,
    String.raw`\bscrew you\b|\bshut up\b|\bgo to hell\b|\bgo die\b|\bdamn you\b|\b(?:you(?:['’]?re| are)?|u r|ur) (?:so )?(?:stupid|dumb|useless|pathetic|trash|garbage)\b`,
    String.raw`\b(?:sb|cnm|nmsl|wcnm|nmb|mlgb|tmd)\b`,
  ].join('|'),
  'gu',
);
/** Obfuscation between Han characters ("傻 逼", "操*你") is squeezed out before matching. */
const HAN_GAP = /(?<=\p{Script=Han})[\s*.·_\-~#@]+(?=[\p{Script=Han}a-z])/gu;

/** Pronouns, particles and rant words that carry no report content. */
const FILLER_ZH =
  /你们|我们|他们|这些|那些|这群|那群|一群|这帮|一帮|这个|那个|这样|什么|怎么|真是|真的|就是|都是|只会|就会|只知道|知道|一天到晚|整天|天天|吃饭|干活|拿钱|办事|不作为|没用|有用|不管|管事|政府|部门|热线|客服|电话|玩意儿?|东西|你|我|他|她|们|是|都|还|也|又|太|真|个|给|啊|呀|吧|呢|了|的|吗|嘛|哦|喂|呵|哈|哎|唉|嗯|啦|么/gu;
const STOPWORDS = new Set(
  'you u your ur are r is am a an the this that these those it its i me my we us our they them he she him her so all of to and or but just what why how do does did not no yes be been was were have has had ever really very too such like get go off up out on in at for with hey hi hello oh people guys government hotline service useless nothing anything thing again never always can cant will wont would should could please'.split(
    ' ',
  ),
);
const MIN_HAN = 6;
const MIN_WORDS = 3;

export function detectAbuse(text: string): AbuseVerdict {
  const read = readMessage(text).replace(EMOJI, ' ').replace(HAN_GAP, '');
  const cleaned = read.replace(ABUSE_ZH, ' ').replace(ABUSE_EN, ' ');
  return { abusive: cleaned !== read, substantive: isSubstantive(cleaned) };
}

function isSubstantive(text: string): boolean {
  const han = text.replace(FILLER_ZH, '').match(/\p{Script=Han}/gu)?.length ?? 0;
  if (han >= MIN_HAN) return true;
  const words = text.match(/[a-z0-9]+(?:['’][a-z]+)?/gu) ?? [];
  return words.filter((word) => !STOPWORDS.has(word)).length >= MIN_WORDS;
}
