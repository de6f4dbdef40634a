/**
 * Messages with nothing to act on. `isEmptyMessage`: whitespace, punctuation, emoji, WeChat emoticon
 * codes (`[微笑]`) or interjections (嗯, 哦, hmm) only. Greetings are not empty — the bot answers them
 * with its menu — so `detectGreeting` recognises a message that is a greeting and nothing else ("你好，
 * 在吗？", "hi there"); "你好，我要投诉" is a report, not a greeting.
 */
import { EMOJI, readMessage } from './read.js';

/** WeChat and QQ send their emoticons as text: `[微笑]`, `[捂脸]`, `[ok]`. */
const EMOTICON_CODE = /\[[\p{Script=Han}a-z]{1,4}\]/gu;
const NOISE = /[\p{P}\p{S}\s]+/gu;
// No nested repetition: these sit inside `*`, and "(?:ha)+" there would backtrack exponentially.
const INTERJECTION = String.raw`嗯|恩|啊|哦|噢|喔|呃|额|唉|哎|诶|欸|呀|哈|嘿|呵|嘻|hm+|um+|uh+|ah+|oh+|er+m?|ha|he|lol`;
const EMPTY = new RegExp(`^(?:${INTERJECTION})*$`, 'u');

const GREETING = String.raw`你们?好|您们?好|大家好|哈喽|哈啰|哈罗|嗨|喂|在吗|在么|在嘛|在不在|在线吗|在线么|有人吗|有人么|有人在吗|有没有人|早上好|上午好|中午好|下午好|晚上好|早安|早|请问|打扰了|打扰一下|nihao|hello|hallo|hiya|hi|hey|yo|greetings|good(?:morning|afternoon|evening|day)|morning|(?:is)?any(?:one|body)(?:there|here)|howareyou`;
/** Words that may stand beside a greeting without making it more than one. */
const ADDRESS = String.raw`12345|客服|小助手|助手|工作人员|同志|领导|热线|老师|你|您|there|everyone|all|sir|madam`;
const GREETING_ONLY = new RegExp(
  `^(?:${GREETING}|${ADDRESS}|${INTERJECTION})*(?:${GREETING})(?:${GREETING}|${ADDRESS}|${INTERJECTION})*$`,
  'u',
);

/** The message without punctuation, emoji, emoticon codes or spaces. */
function bare(text: string): string {
  return readMessage(text).replace(EMOTICON_CODE, '').replace(EMOJI, '').replace(NOISE, '');
}

export function isEmptyMessage(text: string): boolean {
  return EMPTY.test(bare(text));
}

export function detectGreeting(text: string): boolean {
  return GREETING_ONLY.test(bare(text));
}
