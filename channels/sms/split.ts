/**
 * Splits a reply into SMS-sized parts at the most natural place: the end of a line or sentence
 * first, then a clause mark, then a space. A run of Latin letters and digits (a ticket number such
 * as 20261121-000001, a URL) is never cut unless it alone is longer than a part, so the number a
 * citizen needs always arrives whole.
 */
export interface SplitOptions {
  /**
   * The longest part, numbering included, in UTF-16 code units: an emoji counts two, as in the
   * UCS-2 encoding Chinese SMS use, so the count is never below what the vendor counts.
   */
  maxChars: number;
  /** Prefix `(i/n)` to each part when there are several: SMS parts can arrive out of order. */
  numbered: boolean;
}

/** Below this many characters of text per part, numbering leaves no room for the message. */
const MIN_TEXT_PER_PART = 8;

export function splitSms(text: string, options: SplitOptions): string[] {
  const clean = text.trim();
  if (!clean) return [];
  if (clean.length <= options.maxChars) return [clean];
  if (!options.numbered) return chunk(clean, options.maxChars);
  // "(i/n)" is as wide as n has digits, and n depends on how much room it leaves: widen until it fits.
  for (let digits = 1; ; digits += 1) {
    const budget = options.maxChars - (2 * digits + 3);
    if (budget < MIN_TEXT_PER_PART) throw new RangeError(`parts of ${options.maxChars} characters leave no room for text after "(i/n)"`);
    const parts = chunk(clean, budget);
    if (String(parts.length).length <= digits) return parts.map((part, index) => `(${index + 1}/${parts.length})${part}`);
  }
}

function chunk(text: string, budget: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > budget) {
    const cut = cutPoint(rest, budget);
    const head = rest.slice(0, cut).trimEnd();
    if (head) parts.push(head);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

const enum Level {
  Sentence = 0,
  Clause = 1,
  Space = 2,
  Word = 3,
}

/**
 * Where to end the next part (an index into `s`, at least 1). The best level wins if it leaves the
 * part at least half full; otherwise a lower level that does; otherwise the latest break of any
 * kind; a hard cut only when there is no break at all.
 */
function cutPoint(s: string, budget: number): number {
  const limit = isHighSurrogate(s.charCodeAt(budget - 1)) ? budget - 1 : budget;
  const latest: (number | undefined)[] = [undefined, undefined, undefined, undefined];
  for (let i = 1; i <= limit; i += 1) {
    if (isHighSurrogate(s.charCodeAt(i - 1)) && isLowSurrogate(s.charCodeAt(i))) continue;
    const level = breakLevel(s, i);
    if (level !== undefined) latest[level] = i;
  }
  const half = Math.ceil(limit / 2);
  for (const position of latest) if (position !== undefined && position >= half) return position;
  const any = latest.filter((position): position is number => position !== undefined);
  return any.length > 0 ? Math.max(...any) : Math.max(limit, 1);
}

const CJK_SENTENCE_END = /[。！？；…\n]/;
const LATIN_SENTENCE_END = /[.!?;]/;
const CLOSING = /[”’"'」』）)】》]/;
const CJK_CLAUSE = /[，、：]/;
const LATIN_CLAUSE = /[,:]/;
const SPACE = /\s/;
/** Punctuation that must not begin a part (the 避头 rule of Chinese typesetting). */
const NO_PART_START = /[。，、；：？！…）」』”’》】,.;:!?)\]}]/;
/** Characters of Latin tokens (numbers, ids, URLs, e-mail addresses) that must stay together. */
const TOKEN = /[A-Za-z0-9_\-./:@%+#=?&~]/;

/** How good a place is the gap before s[i] to end a part; undefined: not a place at all. */
function breakLevel(s: string, i: number): Level | undefined {
  const before = s[i - 1] ?? '';
  const after = s[i] ?? '';
  if (NO_PART_START.test(after)) return undefined;
  const latinGap = !TOKEN.test(after);
  if (CJK_SENTENCE_END.test(before) || (LATIN_SENTENCE_END.test(before) && latinGap)) return Level.Sentence;
  if (CLOSING.test(before) && i >= 2 && (CJK_SENTENCE_END.test(s[i - 2] ?? '') || LATIN_SENTENCE_END.test(s[i - 2] ?? ''))) {
    return Level.Sentence;
  }
  if (CJK_CLAUSE.test(before) || (LATIN_CLAUSE.test(before) && latinGap)) return Level.Clause;
  if (SPACE.test(before) || SPACE.test(after)) return Level.Space;
  if (!(TOKEN.test(before) && TOKEN.test(after))) return Level.Word;
  return undefined;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
