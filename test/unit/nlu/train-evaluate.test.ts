/**
 * The learning curve a training run stores: held-out macro-F1 of models trained on a half, three
 * quarters and all of the training part, and whether it is still rising — the admin's "would more
 * decisions help?".
 */
import { describe, expect, test } from 'vitest';

import { trainAndEvaluate } from '../../../nlu/train-evaluate.js';

const CATEGORIES = ['URBAN.LIGHT', 'ENV.FUMES', 'LABOR.WAGES'];
const TEMPLATES = ['请处理{}的问题', '{}的事情一直没人管', '反映一下{}，希望尽快解决', '关于{}，请有关部门处理'];

/** A two-character word no other word shares a character with (the only evidence a message carries). */
function word(n: number): string {
  return String.fromCodePoint(0x4e00 + 97 * (2 * n), 0x4e00 + 97 * (2 * n + 1));
}

/** `words` words per category, each in `uses` messages with the same wording around them whatever the category. */
function messages(words: number, uses: number): { text: string; label: string }[] {
  return CATEGORIES.flatMap((label, c) =>
    Array.from({ length: words * uses }, (_, i) => ({
      text: TEMPLATES[i % TEMPLATES.length]!.replace('{}', word(c * words + Math.floor(i / uses))),
      label,
    })),
  );
}

const options = { holdout: 0.2, targetPrecision: 0.95, seed: 7, version: 'curve-test' };

describe('learning curve', () => {
  test('when held-out messages use words only some training messages teach, then the curve rises and says more decisions help', () => {
    // 20 words per category, each in four messages (a word needs two training messages to count): a
    // smaller training part has not learned many of the held-out messages' words.
    const { learningCurve, evaluation } = trainAndEvaluate(messages(20, 4), options);
    const [half, threeQuarters, all] = learningCurve.points;
    expect(learningCurve.points.map((p) => p.share)).toEqual([0.5, 0.75, 1]);
    expect(half!.examples).toBeLessThan(threeQuarters!.examples);
    expect(threeQuarters!.examples).toBeLessThan(all!.examples);
    expect(all!.macroF1).toBe(evaluation.macroF1);
    expect(all!.macroF1 - half!.macroF1).toBeGreaterThan(0.1);
    expect(learningCurve.gainPerDoubling).toBeGreaterThan(0.1);
    expect(learningCurve.stillRising).toBe(true);
  });

  test('when every category has one word that half of the messages already teach, then the curve is flat', () => {
    const { learningCurve } = trainAndEvaluate(messages(1, 40), options);
    expect(learningCurve.points.map((p) => p.macroF1)).toEqual([1, 1, 1]);
    expect(learningCurve.gainPerDoubling).toBe(0);
    expect(learningCurve.stillRising).toBe(false);
  });
});
