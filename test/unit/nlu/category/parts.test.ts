import { describe, expect, test } from 'vitest';

import { brierScore, categoryMetrics, pathOf, rollUp } from '../../../../nlu/category/index.js';
import { termsOf } from '../../../../nlu/category/terms.js';
import { bandFor } from '../../../../nlu/category/model.js';

describe('hierarchy', () => {
  test('when a label has ancestors, then its path runs from the root', () => {
    expect(pathOf('c', { c: 'b', b: 'a' })).toEqual(['a', 'b', 'c']);
  });

  test('when the parent map has a cycle, then the path stops at the repeat', () => {
    expect(pathOf('a', { a: 'b', b: 'a' })).toEqual(['b', 'a']);
  });

  test('when leaves are rolled up, then parents get the sum of their children', () => {
    const levels = rollUp(
      [
        { label: 'x1', score: 0.5 },
        { label: 'y1', score: 0.3 },
        { label: 'x2', score: 0.2 },
      ],
      { x1: 'X', x2: 'X', y1: 'Y' },
    );
    expect(levels[0]!.map((l) => [l.label, Number(l.score.toFixed(6))])).toEqual([
      ['X', 0.7],
      ['Y', 0.3],
    ]);
    expect(levels[1]!.map((l) => l.path)).toEqual([
      ['X', 'x1'],
      ['Y', 'y1'],
      ['X', 'x2'],
    ]);
  });
});

describe('terms', () => {
  test('when a text is cut, then char grams, words and lead grams come in separate groups and numbers fold', () => {
    const [char, word, lead] = termsOf('路灯坏了 12号', { charMaxN: 2, words: true, wordBigrams: false, leadChars: 2, maxChars: 100 });
    expect(char).toEqual(['路', '灯', '坏', '了', '路灯', '灯坏', '坏了', '#', '号']);
    expect(word).toContain('路灯');
    expect(lead).toEqual(['路', '灯', '路灯']);
  });

  test('when a text is longer than maxChars, then the tail is ignored', () => {
    const [char] = termsOf('路灯油烟', { charMaxN: 1, words: false, wordBigrams: false, leadChars: 0, maxChars: 2 });
    expect(char).toEqual(['路', '灯']);
  });
});

describe('metrics', () => {
  test('when predictions are certain and right, then Brier is 0; when certain and wrong, then 2', () => {
    const right = {
      label: 'a',
      scores: [
        { label: 'a', score: 1 },
        { label: 'b', score: 0 },
      ],
    };
    const wrong = {
      label: 'b',
      scores: [
        { label: 'a', score: 1 },
        { label: 'b', score: 0 },
      ],
    };
    expect(brierScore([right])).toBe(0);
    expect(brierScore([wrong])).toBe(2);
  });

  test('when thresholds are given, then coverage counts only top scores at or above their own class threshold', () => {
    const examples = [
      { label: 'a', scores: [{ label: 'a', score: 0.9 }] },
      { label: 'b', scores: [{ label: 'a', score: 0.6 }] },
      { label: 'b', scores: [{ label: 'b', score: 0.7 }] },
    ];
    const metrics = categoryMetrics(examples, { a: { auto: 0.8, suggest: 0.5 }, b: { auto: null, suggest: 0.5 } });
    expect(metrics.coverageAtPrecision95).toMatchObject({ coverage: 1 / 3, precision: 1, routed: 1 });
  });
});

describe('routing band', () => {
  const thresholds = { a: { auto: 0.8, suggest: 0.4 }, b: { auto: null, suggest: null } };
  test.each([
    { description: 'above the auto threshold → AUTO', top: { label: 'a', score: 0.85 }, expects: 'AUTO' },
    { description: 'between suggest and auto → SUGGEST', top: { label: 'a', score: 0.5 }, expects: 'SUGGEST' },
    { description: 'below suggest → ABSTAIN', top: { label: 'a', score: 0.3 }, expects: 'ABSTAIN' },
    { description: 'a class that never reached the precision → never AUTO', top: { label: 'b', score: 0.99 }, expects: 'SUGGEST' },
  ])('when the top score is $description', ({ top, expects }) => {
    expect(bandFor(top, thresholds)).toBe(expects);
  });
});
