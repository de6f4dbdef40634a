/**
 * Character n-grams for Chinese: no word segmentation needed, robust to typos and new words.
 * Text is cut into runs of Han characters and runs of Latin letters/digits; Han runs give 1..maxN-grams,
 * Latin runs give whole tokens (numbers are folded to one token: house numbers carry no topic).
 */
const HAN = /\p{Script=Han}+/u;
const SEGMENT = /\p{Script=Han}+|[a-z]+|[0-9]+/gu;

export function charNgrams(normalized: string, maxN = 3): string[] {
  const grams: string[] = [];
  for (const match of normalized.matchAll(SEGMENT)) {
    const segment = match[0];
    if (!HAN.test(segment)) {
      grams.push(/^[0-9]/.test(segment) ? '#num' : segment);
      continue;
    }
    const chars = Array.from(segment);
    for (let n = 1; n <= maxN; n += 1) {
      for (let i = 0; i + n <= chars.length; i += 1) grams.push(chars.slice(i, i + n).join(''));
    }
  }
  return grams;
}
