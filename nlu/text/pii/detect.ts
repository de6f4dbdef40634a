/**
 * All personal data in a message, as non-overlapping findings sorted by start. When two candidates
 * overlap, the more specific kind wins, in `PRIORITY` order: an e-mail over the mobile number that is
 * its local part, a checked ID number over a bank-card or phone reading of the same digits; within one
 * kind, the longer span.
 */
import { detectBankCards } from './bank-card.js';
import { detectEmails } from './email.js';
import { foldForMatching } from './fold.js';
import { detectIdCards } from './id-card.js';
import { detectNames } from './name.js';
import { detectLandlines, detectMobiles } from './phone.js';
import { detectPlates } from './plate.js';
import { type Detector, type PiiFinding, type PiiKind, PII_KINDS } from './types.js';

const DETECTORS: Readonly<Record<PiiKind, Detector>> = {
  email: detectEmails,
  idCard: detectIdCards,
  bankCard: detectBankCards,
  mobile: detectMobiles,
  landline: detectLandlines,
  plate: detectPlates,
  name: detectNames,
};

const PRIORITY: readonly PiiKind[] = ['email', 'idCard', 'bankCard', 'mobile', 'landline', 'plate', 'name'];

export interface DetectOptions {
  /**
   * Kinds to look for.
   * @defaultValue every kind
   */
  readonly kinds?: readonly PiiKind[];
}

export function detectPii(text: string, options: DetectOptions = {}): PiiFinding[] {
  const kinds = new Set(options.kinds ?? PII_KINDS);
  const folded = foldForMatching(text);
  const candidates = PRIORITY.filter((kind) => kinds.has(kind)).flatMap((kind) => DETECTORS[kind](folded, text));
  return resolveOverlaps(candidates);
}

function rank(item: PiiFinding): number {
  return PRIORITY.indexOf(item.kind);
}

export function resolveOverlaps(candidates: readonly PiiFinding[]): PiiFinding[] {
  const ordered = [...candidates].sort((a, b) => rank(a) - rank(b) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  // One flag per character taken: linear in the text, where comparing pairs was quadratic in findings.
  const taken = new Uint8Array(candidates.reduce((max, item) => Math.max(max, item.end), 0));
  const kept: PiiFinding[] = [];
  for (const item of ordered) {
    if (taken.subarray(item.start, item.end).includes(1)) continue;
    taken.fill(1, item.start, item.end);
    kept.push(item);
  }
  return kept.sort((a, b) => a.start - b.start);
}
