/**
 * Vehicle licence plates (GA 36): province character, issuing-office letter, then five characters, or six
 * for new-energy plates (D/F first or last), or four plus a suffix (挂 trailer, 警 police, 学 learner…).
 * Letters I and O are never issued; at least one digit is required, so words are not taken for plates.
 * Traditional province characters (粵, 滬…) are listed because detection runs before simplification.
 */
import { finding, maskMiddle } from './mask.js';
import { groupSpan } from './shared.js';
import { type PiiFinding } from './types.js';

const PROVINCE = '[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼滬雲遼魯蘇贛陝閩貴粵寧瓊]';
const LETTER = '[A-HJ-NP-Z]';
const CHAR = '[A-HJ-NP-Z0-9]';
const SUFFIX = '[挂掛学學警港澳领領试試超]';
const PLATE = new RegExp(
  String.raw`${PROVINCE}${LETTER}[ ·-]?(?:[DF]${CHAR}\d{4}|\d{5}[DF]|${CHAR}{5}|${CHAR}{4}${SUFFIX})(?![0-9A-Za-z])`,
  'dgi',
);

export function detectPlates(folded: string, original: string): PiiFinding[] {
  const found: PiiFinding[] = [];
  for (const match of folded.matchAll(PLATE)) {
    const [start, end] = groupSpan(match, 0);
    const body = folded.slice(start + 2, end);
    if (!/\d/.test(body)) continue;
    const kept = original.slice(start, start + 2);
    found.push(finding('plate', start, end, kept + maskMiddle(original.slice(start + 2, end), body, 0, 1)));
  }
  return found;
}
