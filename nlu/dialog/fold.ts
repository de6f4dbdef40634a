/**
 * The message as the readers here match it (NFKC, lower case, simplified, whitespace as single spaces),
 * with, for every folded character, the offset it came from. Matching happens on the folded text and
 * answers are cut from what the citizen wrote, in their own characters ("人民路128号", "中山區").
 */
import { toSimplified } from '../text/simplify.js';

export interface FoldedText {
  readonly text: string;
  /** `origin[i]` is the offset in the original of folded character `i`; `origin[text.length]` is its length. */
  readonly origin: readonly number[];
}

const SPACE = /\s/u;

export function foldWithOrigin(original: string): FoldedText {
  let text = '';
  const origin: number[] = [];
  let offset = 0;
  for (const char of original) {
    // Per character, so every folded character knows where it came from; phrase-level conversion is not needed to match.
    const folded = SPACE.test(char) ? ' ' : toSimplified(char.normalize('NFKC')).toLowerCase();
    for (let i = 0; i < folded.length; i += 1) origin.push(offset);
    text += folded;
    offset += char.length;
  }
  origin.push(offset);
  return { text, origin };
}

/** The original text behind folded `[start, end)`. */
export function originalSpan(original: string, folded: FoldedText, start: number, end: number): string {
  return original.slice(
    folded.origin[start],
    end > start ? folded.origin[end - 1]! + codePointLength(original, folded.origin[end - 1]!) : folded.origin[start],
  );
}

function codePointLength(text: string, at: number): number {
  return (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
}
