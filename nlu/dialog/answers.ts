/**
 * Answers to the bot's closed questions: yes or no, the callback's satisfaction scale (满意 / 基本满意 /
 * 不满意, DOMAIN.md §8) and whether the matter was resolved. Anything else is `undefined`, so the bot can
 * ask again or treat the message as free text.
 */
import { replyText } from './reply-text.js';

export type Satisfaction = 'SATISFIED' | 'BASICALLY_SATISFIED' | 'UNSATISFIED';

/** Particles and thanks after an answer: 好的, 是的呢, 不用了谢谢, yes please. */
const TRAILING = /(?: ?(?:的|啊|呀|吧|呢|哦|啦|哈|滴|了|呗|嘛|谢谢(?:你|您)?|thanks|thank you|please))+$/u;
/** Hesitation before an answer: 嗯，不用了; oh yes. A lone 嗯 is itself a yes and stays. */
const LEADING = /^(?:(?:嗯|哦|噢|额|呃|啊|oh|um|uh|well) ?)+(?=\S)/u;

const YES = String.raw`是|对|没错|对头|好|行|可以|同意|确认|确定|提交|确认提交|没问题|嗯|恩|要|需要|当然|ok|okay|k|yes|y|yeah|yep|yup|ya|sure|confirm|confirmed|correct|right|agree|of course|submit|definitely`;
const NO = String.raw`否|不|不是|不对|错|错误|不同意|不可以|不用|不要|不行|不需要|不必|没有|没|不确认|不提交|no|n|nope|nah|not really|no thanks|negative|wrong|incorrect|disagree|dont`;
const ALL_YES = new RegExp(`^(?:(?:${YES}) ?)+$`, 'u');
const ALL_NO = new RegExp(`^(?:(?:${NO}) ?)+$`, 'u');

function answerText(text: string): string {
  const reply = replyText(text);
  const stripped = reply.replace(LEADING, '').replace(TRAILING, '');
  return stripped || reply;
}

export function parseYesNo(text: string): boolean | undefined {
  const answer = answerText(text);
  if (ALL_YES.test(answer)) return true;
  if (ALL_NO.test(answer)) return false;
  return undefined;
}

// Checked in this order, because 不满意 contains 满意 and "not satisfied" contains "satisfied".
const NOT_UNSATISFIED = /没(?:有|什么)?不满意|nothing to complain/u;
const UNSATISFIED =
  /不(?:太|是很|是太|怎么|大|够|很)?满意|差评|很差|太差|非常差|dissatisfied|unsatisfied|not (?:very |really |so |too |at all )?(?:satisfied|happy)|unhappy|不(?:太|是很|怎么|大)?好(?!意思)|^(?:差|不行|bad|poor|terrible|awful)$/u;
const BASICALLY =
  /基本(?:上)?满意|比较满意|还算满意|大致满意|一般般?|还行|还可以|凑合|马马虎虎|尚可|还好|(?:partly|partially|somewhat|basically|mostly|fairly|kind of|sort of) satisfied|^(?:ok|okay|so ?so|fair|average|not bad|its ok|its okay|okayish)$/u;
const SATISFIED =
  /满意|好评|(?:很|挺|非常|特别|蛮|真)好(?!意思|奇)|satisfied|^(?:好|happy|very happy|good|very good|great|excellent|perfect)$/u;
/** The numbered options the bot offers: 1 满意, 2 基本满意, 3 不满意. */
const OPTION = /^(?:选|选择|我选)?第?([123一二三])(?:个|项|号)?(?= |$|\p{Script=Han})/u;
const OPTIONS: Readonly<Record<string, Satisfaction>> = {
  '1': 'SATISFIED',
  一: 'SATISFIED',
  '2': 'BASICALLY_SATISFIED',
  二: 'BASICALLY_SATISFIED',
  '3': 'UNSATISFIED',
  三: 'UNSATISFIED',
};

function satisfactionWords(answer: string): Satisfaction | undefined {
  if (NOT_UNSATISFIED.test(answer)) return 'SATISFIED';
  if (UNSATISFIED.test(answer)) return 'UNSATISFIED';
  if (BASICALLY.test(answer)) return 'BASICALLY_SATISFIED';
  if (SATISFIED.test(answer)) return 'SATISFIED';
  return undefined;
}

export function parseSatisfaction(text: string): Satisfaction | undefined {
  const answer = answerText(text);
  const option = OPTION.exec(answer);
  // "一般" starts with 一 but is a word, not option 1: words are read first.
  const words = satisfactionWords(answer);
  if (!option) return words;
  const chosen = OPTIONS[option[1]!];
  const rest = answer.slice(option[0].length).trim();
  if (!rest) return chosen;
  const restWords = satisfactionWords(rest);
  if (restWords === undefined) return words;
  // "1 满意" confirms the option; "1 不满意" contradicts it, and the bot should ask again.
  return restWords === chosen ? chosen : undefined;
}

const PARTLY = /部分|一半|partly|partially|half/u;
const NOT_RESOLVED =
  /(?:没|未|还没|尚未|并没|并未|不)(?:有)?(?:得到|被|能|完全)?(?:解决|处理|修好|修复|弄好|搞好|好(?!意思)|搞定|落实|整改)|依旧|依然|仍然|照旧|还是(?:老样子|一样|坏的|没|不)|一点(?:都|也)没变|not (?:yet )?(?:been )?(?:resolved|solved|fixed|sorted|handled|done)|unresolved|unsolved|still (?:broken|not|there|the same|happening|a problem)|nothing (?:has )?changed/u;
const RESOLVED =
  /解决|处理好|处理完|修好|修复|弄好|搞好|搞定|好了|落实了|整改完|resolved|solved|fixed|sorted|taken care of|^done$|works now|working now/u;

export function parseResolved(text: string): boolean | undefined {
  // Not `answerText`: its trailing-particle cut would turn 好了 ("fixed") into 好.
  const answer = replyText(text);
  if (!answer) return undefined;
  if (NOT_RESOLVED.test(answer)) return PARTLY.test(answer) ? undefined : false;
  if (RESOLVED.test(answer)) return PARTLY.test(answer) ? undefined : true;
  return parseYesNo(text);
}
