/**
 * Mainland phone numbers. Mobiles are 11 digits starting 13–19, landlines an area code (010 and 02x with
 * 8-digit numbers, 0xxx with 7 or 8) or a 400/800 service number. Ticket numbers (`20261121-000123`),
 * dates, amounts and house numbers are refused by the leading-digit rules and the boundaries.
 */
import { finding, maskMiddle } from './mask.js';
import { NO_ALNUM_AFTER, NO_ALNUM_BEFORE, NOT_A_QUANTITY, digitsOf, groupSpan } from './shared.js';
import { type PiiFinding } from './types.js';

const COUNTRY = String.raw`(?:\+|00)86[ -]?|\(\+?86\)[ -]?`;

const MOBILE = new RegExp(
  String.raw`${NO_ALNUM_BEFORE}(?<!\+)((?:${COUNTRY}|86[ -]?)?)(1[3-9]\d[ -]?\d{4}[ -]?\d{4})${NO_ALNUM_AFTER}${NOT_A_QUANTITY}`,
  'dg',
);

const AREA = String.raw`(?:10|2\d|[3-9]\d{2})`;
/** Group 1: area part (kept when masking); 2: the area digits; 3: local number; 4: extension. */
const LANDLINE = new RegExp(
  String.raw`${NO_ALNUM_BEFORE}(?<!\+|\d[-/.])` +
    String.raw`((?:(?:${COUNTRY})?\(0?(${AREA})\)|(?:${COUNTRY})0?(${AREA})|0(${AREA}))[ -]?)` +
    String.raw`([2-9]\d{2,3}[ -]?\d{4})` +
    String.raw`((?: ?(?:-|转|轉|分机|分機|ext\.?|x) ?\d{1,6})?)` +
    `${NO_ALNUM_AFTER}${NOT_A_QUANTITY}`,
  'dgi',
);

const SERVICE = new RegExp(
  String.raw`${NO_ALNUM_BEFORE}([48]00[ -]?(?:\d{3}[ -]?\d{4}|\d{4}[ -]?\d{3}))${NO_ALNUM_AFTER}${NOT_A_QUANTITY}`,
  'dg',
);

/** A local number without area code is only taken right after a word that says it is a phone number. */
const LOCAL_AFTER_LABEL = new RegExp(
  String.raw`(?<=(?:电话|電話|座机|座機|固话|固話|tel|phone)(?:号码|號碼|号|號)?(?:是|为|為)?[: ]{0,2})` +
    String.raw`([2-8]\d{2,3}[ -]?\d{4})${NO_ALNUM_AFTER}${NOT_A_QUANTITY}`,
  'dgi',
);

const DATE_LIKE = /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/;

export function detectMobiles(folded: string, original: string): PiiFinding[] {
  const found: PiiFinding[] = [];
  for (const match of folded.matchAll(MOBILE)) {
    const [start, end] = groupSpan(match, 0);
    const [numberStart] = groupSpan(match, 2);
    const masked = original.slice(start, numberStart) + maskMiddle(original.slice(numberStart, end), folded.slice(numberStart, end), 3, 4);
    found.push(finding('mobile', start, end, masked));
  }
  return found;
}

function landlineMask(folded: string, original: string, start: number, localStart: number, localEnd: number, end: number): string {
  const local = maskMiddle(original.slice(localStart, localEnd), folded.slice(localStart, localEnd), 0, 4);
  return original.slice(start, localStart) + local + original.slice(localEnd, end);
}

export function detectLandlines(folded: string, original: string): PiiFinding[] {
  const found: PiiFinding[] = [];
  for (const match of folded.matchAll(LANDLINE)) {
    const area = match[2] ?? match[3] ?? match[4] ?? '';
    const local = digitsOf(match[5] ?? '');
    // Beijing, Shanghai, Guangzhou… (010, 02x) have 8-digit local numbers; shorter is something else.
    if (area.length === 2 && local.length !== 8) continue;
    const [start, end] = groupSpan(match, 0);
    const [localStart, localEnd] = groupSpan(match, 5);
    found.push(finding('landline', start, end, landlineMask(folded, original, start, localStart, localEnd, end)));
  }
  for (const match of folded.matchAll(SERVICE)) {
    const [start, end] = groupSpan(match, 0);
    found.push(finding('landline', start, end, maskMiddle(original.slice(start, end), folded.slice(start, end), 3, 4)));
  }
  for (const match of folded.matchAll(LOCAL_AFTER_LABEL)) {
    if (DATE_LIKE.test(digitsOf(match[1] ?? ''))) continue;
    const [start, end] = groupSpan(match, 1);
    found.push(finding('landline', start, end, maskMiddle(original.slice(start, end), folded.slice(start, end), 0, 4)));
  }
  return found;
}
