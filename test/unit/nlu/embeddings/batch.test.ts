import { describe, expect, test } from 'vitest';

import { padBatch, trailingSpecialCount, truncateIds } from '../../../../nlu/embeddings/batch.js';

interface TestCase<I, E> {
  description: string;
  input: I;
  expects: E;
}

describe('cutting token ids', () => {
  test.each<TestCase<[number[], number, number], number[]>>([
    { description: 'when ids fit, then they are kept as they are', input: [[101, 7, 8, 102], 4, 1], expects: [101, 7, 8, 102] },
    {
      description: 'when ids are too long, then the text is cut and the closing special kept',
      input: [[101, 7, 8, 9, 102], 4, 1],
      expects: [101, 7, 8, 102],
    },
    {
      description: 'when the tokenizer adds no closing special, then only the end of the text goes',
      input: [[7, 8, 9], 2, 0],
      expects: [7, 8],
    },
  ])('$description', ({ input, expects }) => {
    expect(truncateIds(...input)).toEqual(expects);
  });

  test.each<TestCase<[number[], number[]], number>>([
    {
      description: 'when BERT encodes [CLS] [SEP], then one special closes a text',
      input: [
        [101, 102],
        [101, 15, 102],
      ],
      expects: 1,
    },
    {
      description: 'when RoBERTa-like pairs close with two, then both are counted',
      input: [
        [0, 2, 2],
        [0, 15, 2, 2],
      ],
      expects: 2,
    },
    { description: 'when the tokenizer adds nothing, then none', input: [[], [15]], expects: 0 },
  ])('$description', ({ input, expects }) => {
    expect(trailingSpecialCount(...input)).toBe(expects);
  });
});

describe('padding a batch', () => {
  test('when rows differ in length, then shorter ones are padded on the right and masked', () => {
    const batch = padBatch(
      [
        [101, 7, 102],
        [101, 102],
      ],
      0,
    );
    expect(batch.dims).toEqual([2, 3]);
    expect(Array.from(batch.inputIds, Number)).toEqual([101, 7, 102, 101, 102, 0]);
    expect(Array.from(batch.attentionMask, Number)).toEqual([1, 1, 1, 1, 1, 0]);
    expect(Array.from(batch.tokenTypeIds, Number)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  test('when the pad id is not 0, then padding uses it', () => {
    expect(
      Array.from(
        padBatch(
          [
            [0, 5, 2],
            [0, 2],
          ],
          1,
        ).inputIds,
        Number,
      ),
    ).toEqual([0, 5, 2, 0, 2, 1]);
  });
});
