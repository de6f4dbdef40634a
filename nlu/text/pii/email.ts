/** E-mail addresses; the mask keeps the first character and the domain (`z***@example.com`). */
import { finding } from './mask.js';
import { groupSpan } from './shared.js';
import { type PiiFinding } from './types.js';

const EMAIL =
  /(?<![A-Za-z0-9._%+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})(?![A-Za-z0-9-])/dg;

export function detectEmails(folded: string, original: string): PiiFinding[] {
  const found: PiiFinding[] = [];
  for (const match of folded.matchAll(EMAIL)) {
    const [start, end] = groupSpan(match, 0);
    const [domainStart] = groupSpan(match, 2);
    found.push(finding('email', start, end, `${original[start]}***@${original.slice(domainStart, end)}`));
  }
  return found;
}
