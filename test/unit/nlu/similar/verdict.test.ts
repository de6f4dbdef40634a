import { describe, expect, test } from 'vitest';

import { DEFAULT_SIMILARITY_OPTIONS, type PlaceMatch, type VerdictKind, decideVerdict } from '../../../../nlu/similar/index.js';

const options = DEFAULT_SIMILARITY_OPTIONS.verdict;
const place = (evidence: PlaceMatch['evidence']): PlaceMatch => ({
  evidence,
  score: evidence === 'unknown' ? null : evidence === 'same' ? 1 : evidence === 'near' ? 0.4 : 0,
  sharedPlaces: evidence === 'same' ? ['人民路'] : [],
  sharedAreas: [],
});

interface Case {
  description: string;
  input: { text: number; evidence: PlaceMatch['evidence']; hours: number; categories?: [string, string] };
  expects: VerdictKind;
}

const cases: Case[] = [
  {
    description: 'when text is moderately similar at the same place within a day, then duplicate',
    input: { text: 0.3, evidence: 'same', hours: 20 },
    expects: 'duplicate',
  },
  {
    description: 'when the same text at the same place comes 8 days later, then related (a repeat)',
    input: { text: 1, evidence: 'same', hours: 8 * 24 },
    expects: 'related',
  },
  {
    description: 'when near-identical text at a different place, then related',
    input: { text: 0.95, evidence: 'different', hours: 1 },
    expects: 'related',
  },
  {
    description: 'when near-identical text and no place to compare, then duplicate',
    input: { text: 0.9, evidence: 'unknown', hours: 1 },
    expects: 'duplicate',
  },
  {
    description: 'when moderate text and no place to compare, then only related',
    input: { text: 0.3, evidence: 'unknown', hours: 1 },
    expects: 'related',
  },
  {
    description: 'when similar text and only the same district, then it needs the no-place threshold',
    input: { text: 0.45, evidence: 'near', hours: 1 },
    expects: 'related',
  },
  {
    description: 'when weak text at the same place with the same specific category, then duplicate',
    input: { text: 0.12, evidence: 'same', hours: 30, categories: ['URBAN.LIGHT', 'URBAN.LIGHT'] },
    expects: 'duplicate',
  },
  {
    description: 'when weak text at the same place with only the same first level, then not duplicate',
    input: { text: 0.12, evidence: 'same', hours: 30, categories: ['URBAN', 'URBAN'] },
    expects: 'unrelated',
  },
  {
    description: 'when strong text at the same place but categories on different branches, then related',
    input: { text: 0.6, evidence: 'same', hours: 2, categories: ['URBAN.LIGHT', 'URBAN.MANHOLE'] },
    expects: 'related',
  },
  {
    description: 'when one category is the parent of the other, then they do not clash',
    input: { text: 0.3, evidence: 'same', hours: 2, categories: ['URBAN', 'URBAN.LIGHT'] },
    expects: 'duplicate',
  },
  { description: 'when text barely overlaps, then unrelated', input: { text: 0.05, evidence: 'same', hours: 1 }, expects: 'unrelated' },
];

describe('decideVerdict', () => {
  test.each(cases)('$description', ({ input, expects }) => {
    const components = { text: input.text, tfidf: input.text, place: place(input.evidence), timeGapHours: input.hours, time: 1 };

    expect(decideVerdict({ components, categories: input.categories }, options).kind).toBe(expects);
  });

  test('when the duplicate gap option is widened, then the same text 8 days later becomes a duplicate', () => {
    const components = { text: 1, tfidf: 1, place: place('same'), timeGapHours: 8 * 24, time: 0 };

    expect(decideVerdict({ components }, { ...options, maxDuplicateGapHours: 10 * 24 }).kind).toBe('duplicate');
  });
});
