/**
 * Resident ID numbers (GB 11643). The 18-digit form is taken only when the province code, the birth date
 * and the MOD 11-2 check character all hold, so a random 18-digit number is masked as an ID about once in
 * several thousand. The old 15-digit form has no check digit: it needs a word such as 身份证 just before it.
 */
import { idCardCheckChar, isCalendarDate, isProvinceCode } from './checks.js';
import { finding, maskMiddle } from './mask.js';
import { NO_ALNUM_AFTER, NO_ALNUM_BEFORE, groupSpan } from './shared.js';
import { type PiiFinding } from './types.js';

const DATE8 = String.raw`(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])`;
/** Written whole, or as 6-8-4 with one separator (`430102 19900101 1238`). */
const ID18 = new RegExp(String.raw`${NO_ALNUM_BEFORE}([1-9]\d{5})([ -]?)(${DATE8})\2(\d{3}[0-9Xx])${NO_ALNUM_AFTER}`, 'dg');
const ID15 = new RegExp(
  String.raw`${NO_ALNUM_BEFORE}([1-9]\d{5})(\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(\d{3})${NO_ALNUM_AFTER}`,
  'dg',
);
const ID_LABEL = /身份证|身份證|证件|證件|身份号|身份號|id/i;
const LABEL_WINDOW = 16;

export function detectIdCards(folded: string, original: string): PiiFinding[] {
  const found: PiiFinding[] = [];
  for (const match of folded.matchAll(ID18)) {
    const [area = '', , date = '', tail = ''] = match.slice(1);
    const first17 = area + date + tail.slice(0, 3);
    if (!isProvinceCode(area.slice(0, 2)) || !isCalendarDate(date)) continue;
    if (idCardCheckChar(first17) !== tail.slice(3).toUpperCase()) continue;
    found.push(masked(match, folded, original));
  }
  for (const match of folded.matchAll(ID15)) {
    const [start] = groupSpan(match, 0);
    const [area = '', date = ''] = match.slice(1);
    if (!isProvinceCode(area.slice(0, 2)) || !isCalendarDate(`19${date}`)) continue;
    if (!ID_LABEL.test(folded.slice(Math.max(0, start - LABEL_WINDOW), start))) continue;
    found.push(masked(match, folded, original));
  }
  return found;
}

function masked(match: RegExpMatchArray, folded: string, original: string): PiiFinding {
  const [start, end] = groupSpan(match, 0);
  return finding('idCard', start, end, maskMiddle(original.slice(start, end), folded.slice(start, end), 4, 4));
}
