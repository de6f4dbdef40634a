/**
 * A callback number from a reply, found by nlu/text's personal-data detector (the same rules that mask
 * numbers in logs): a mainland mobile, with or without +86, or a landline with its area code. Returned
 * as digits only — `13800138000`, `01012345678`, `073188888888` — without country code or extension.
 */
import { detectPii } from '../text/index.js';

const COUNTRY = /^(?:(?:\+|00)86|\(\+?86\))[\s-]*/u;
const NON_DIGITS = /\D+/gu;
const GROUP_BREAK = /\D+/u;
const SERVICE = /^[48]00/u;
const EXTENSION = /(?:转|轉|分机|分機|ext\.?|x).*$/iu;
/** Area code and local number together are 10 to 12 digits; a shorter last group after them is an extension. */
const MIN_LANDLINE_DIGITS = 10;
const MAX_EXTENSION_DIGITS = 6;
const MOBILE_DIGITS = 11;

export function extractPhone(text: string): string | undefined {
  const finding = detectPii(text, { kinds: ['mobile', 'landline'] })[0];
  if (!finding) return undefined;
  const span = text.slice(finding.start, finding.end).normalize('NFKC');
  if (finding.kind === 'mobile') return span.replace(NON_DIGITS, '').slice(-MOBILE_DIGITS);
  return landlineDigits(span);
}

function landlineDigits(span: string): string {
  const withoutCountry = span.replace(COUNTRY, '');
  const groups = withoutCountry.replace(EXTENSION, '').split(GROUP_BREAK).filter(Boolean);
  const last = groups.at(-1) ?? '';
  const before = groups.slice(0, -1).join('');
  const main = groups.length > 1 && last.length <= MAX_EXTENSION_DIGITS && before.length >= MIN_LANDLINE_DIGITS ? before : groups.join('');
  // "+86 10 …" drops the trunk 0 of the area code; 400/800 service numbers have none.
  return main.startsWith('0') || SERVICE.test(main) || withoutCountry === span ? main : `0${main}`;
}
