/**
 * Which of the bot's numbered options a reply picks: "2", "２", "2️⃣", "第二个", "选3", "#2", "option two",
 * "the first one", "最后一个". Returned 0-based, and only when the option exists.
 */
import { readMessage } from '../safety/read.js';

const APOSTROPHE = /['’]/gu;
const DIGITS = /^[0-9]+$/u;
const HAN_NUMERAL = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/u;
const CLEAN = /\ufe0f|\u20e3|[\s\p{P}]+$/gu;
const HAN_NUMBER = '[0-9]+|[一二三四五六七八九十两]+';
const ZH_CHOICE = new RegExp(
  `^(?:我?(?:选|选择|要|挑))?第?(${HAN_NUMBER}|最后)(?:一)?(?:个|条|项|号|种|家|位|项目)?(?:吧|的|啊|呀)?$`,
  'u',
);
const EN_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const EN_ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const EN_CHOICE = new RegExp(
  `^(?:i(?:ll| will)? (?:choose|pick|take) )?(?:the )?(?:#|no\\.? ?|number |option |choice |item )?([0-9]+|${EN_WORDS.join('|')}|${EN_ORDINALS.join('|')}|last)(?: one| option)?(?: please)?$`,
  'u',
);
const HAN_DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

export function parseChoiceIndex(text: string, count: number): number | undefined {
  const reply = readMessage(text).replace(APOSTROPHE, '').replace(CLEAN, '');
  const picked = ZH_CHOICE.exec(reply)?.[1] ?? EN_CHOICE.exec(reply)?.[1];
  if (picked === undefined) return undefined;
  const number = picked === '最后' || picked === 'last' ? count : numberOf(picked);
  return number !== undefined && number >= 1 && number <= count ? number - 1 : undefined;
}

function numberOf(word: string): number | undefined {
  if (DIGITS.test(word)) return Number(word);
  const english = Math.max(EN_WORDS.indexOf(word), EN_ORDINALS.indexOf(word));
  if (english >= 0) return english + 1;
  return hanNumber(word);
}

/** 一 … 九十九, the only Chinese numerals a list of options needs. */
function hanNumber(word: string): number | undefined {
  const match = HAN_NUMERAL.exec(word);
  if (!match || word === '') return undefined;
  const [, tens, ten, units] = match;
  if (!ten) return tens && !units ? HAN_DIGITS[tens] : undefined;
  return (tens ? HAN_DIGITS[tens]! : 1) * 10 + (units ? HAN_DIGITS[units]! : 0);
}
