/**
 * The text suqiu's models see: NFKC (full-width letters, digits and punctuation become half-width),
 * traditional → simplified, URLs replaced by a tag, runs of the same punctuation squeezed to one,
 * whitespace collapsed. Case is kept: `normalizeText` (the trained classifier's own step) lowercases
 * afterwards, and embedding models may use it.
 */
import { toSimplified } from './simplify.js';

export const URL_TAG = '<URL>';

/**
 * ASCII only, on purpose: after NFKC a full-width comma is a `,`, and a URL pattern that stopped only at
 * full-width punctuation would swallow the Chinese that follows (`https://baidu.com/,请尽快处理`).
 */
const URL = /\b(?:https?:\/\/|www\.)[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gi;
const URL_TRAILING = /[.,;:!?'()[\]]+$/;
const REPEATED_PUNCTUATION = /([\p{P}\p{S}])\1+/gu;
/** Only what needs replacing: a single space is left alone, which is most of them. */
const WHITESPACE = /\s{2,}|[^\S ]/g;

function replaceUrl(url: string): string {
  const trailing = URL_TRAILING.exec(url)?.[0] ?? '';
  return ` ${URL_TAG}${trailing} `;
}

export function normalizeForModels(text: string): string {
  return toSimplified(text.normalize('NFKC')).replace(URL, replaceUrl).replace(REPEATED_PUNCTUATION, '$1').replace(WHITESPACE, ' ').trim();
}
