/**
 * A short reply reduced to its words: read like every message (NFKC, lower case, simplified), thumbs-up
 * and cross emoji turned into "ok" and "no", other emoji and punctuation dropped, apostrophes removed
 * ("i'd" → "id"), and spaces kept only between Latin words ("转 人工" → "转人工", "talk to a person").
 */
import { EMOJI, readMessage } from '../safety/read.js';

const YES_EMOJI = /[👍👌✅✔☑🙆]/gu;
const NO_EMOJI = /[👎❌✖🙅]/gu;
const APOSTROPHE = /['’]/gu;
const NOISE = /[\p{P}\p{S}\s]+/gu;
const SPACE_BY_HAN = / (?=\p{Script=Han})|(?<=\p{Script=Han}) /gu;

export function replyText(text: string): string {
  return readMessage(text)
    .replace(YES_EMOJI, ' ok ')
    .replace(NO_EMOJI, ' no ')
    .replace(EMOJI, ' ')
    .replace(APOSTROPHE, '')
    .replace(NOISE, ' ')
    .trim()
    .replace(SPACE_BY_HAN, '');
}
