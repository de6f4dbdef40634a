import { type MaskStyle, type PiiFinding, type PiiKind, PII_TAGS } from './types.js';

const SIGNIFICANT = /[0-9A-Za-z]/;

/**
 * Masks the letters and digits of `original` except the first `keepFirst` and the last `keepLast`,
 * leaving separators and suffixes (`-`, spaces, `·`, `挂`) in place so the shape stays readable:
 * `138-1234-5678` → `138-****-5678`. Significance is read from the folded slice, so full-width digits count.
 */
export function maskMiddle(original: string, folded: string, keepFirst: number, keepLast: number): string {
  let total = 0;
  for (const char of folded) if (SIGNIFICANT.test(char)) total += 1;
  let seen = 0;
  let out = '';
  for (let i = 0; i < original.length; i += 1) {
    const significant = SIGNIFICANT.test(folded[i]!);
    const masked = significant && seen >= keepFirst && seen < total - keepLast;
    if (significant) seen += 1;
    out += masked ? '*' : original[i];
  }
  return out;
}

export function finding(kind: PiiKind, start: number, end: number, masked: string): PiiFinding {
  return { kind, start, end, masked, tag: PII_TAGS[kind] };
}

/** Replaces each finding (sorted by start, not overlapping, as `detectPii` returns them) in `text`. */
export function applyMasks(text: string, findings: readonly PiiFinding[], style: MaskStyle): string {
  let out = '';
  let cursor = 0;
  for (const item of findings) {
    out += text.slice(cursor, item.start) + (style === 'tag' ? item.tag : item.masked);
    cursor = item.end;
  }
  return out + text.slice(cursor);
}
