/**
 * The bag of terms a report's text is compared on: Han characters and character bigrams, and Latin
 * words. Unigrams and bigrams (not trigrams) because citizens describe one problem in different
 * words (路灯坏了 / 路灯不亮 / 灯不亮了): on synthetic paraphrases 1–2-grams separated same-incident
 * pairs from different-problem pairs best. Numbers are left out (`#num`: house numbers and dates
 * say nothing about the topic).
 */
import { charNgrams } from '../text/features.js';
import { normalizeText } from '../text/normalize.js';

/** Distinct terms with sublinear term frequency (1 + ln count), parallel arrays. */
export interface TermBag {
  terms: string[];
  tf: Float32Array;
}

/**
 * `without` are strings cut out first — the place names, so that the text score says *what* is
 * reported and the place score *where*; otherwise two different problems at one crossing look alike
 * through the crossing's name, and one problem at two crossings looks less alike than it is.
 */
export function termBag(text: string, without: readonly string[] = []): TermBag {
  let normalized = normalizeText(text);
  for (const cut of [...without].sort((a, b) => b.length - a.length)) normalized = normalized.replaceAll(cut, ' ');
  const counts = new Map<string, number>();
  for (const gram of charNgrams(normalized, 2)) {
    if (gram !== '#num') counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return { terms: [...counts.keys()], tf: Float32Array.from(counts.values(), (count) => 1 + Math.log(count)) };
}
