/**
 * Bank cards: 16 to 19 digits, whole or in groups of four, with a valid Luhn digit and an issuer digit
 * (3 Amex/JCB, 4 Visa, 5 Mastercard, 6 UnionPay, 9 older domestic cards). Numbers starting 1, 2, 7 or 8
 * are refused: in citizens' messages those are dates, order and tracking numbers far more often than cards.
 */
import { isLuhnValid } from './checks.js';
import { finding, maskMiddle } from './mask.js';
import { NO_ALNUM_AFTER, NO_ALNUM_BEFORE, NOT_A_QUANTITY, digitsOf, groupSpan } from './shared.js';
import { type PiiFinding } from './types.js';

const CARD = new RegExp(
  String.raw`${NO_ALNUM_BEFORE}[3-69]\d{3}([ -]?)\d{4}\1\d{4}\1\d{4}(?:\1?\d{1,3})?${NO_ALNUM_AFTER}${NOT_A_QUANTITY}`,
  'dg',
);

export function detectBankCards(folded: string, original: string): PiiFinding[] {
  const found: PiiFinding[] = [];
  for (const match of folded.matchAll(CARD)) {
    if (!isLuhnValid(digitsOf(match[0]))) continue;
    const [start, end] = groupSpan(match, 0);
    found.push(finding('bankCard', start, end, maskMiddle(original.slice(start, end), folded.slice(start, end), 4, 4)));
  }
  return found;
}
