/**
 * Token ids → the model's input tensors. suqiu cuts long texts itself because transformers.js cuts
 * after adding special tokens, which drops the closing [SEP] (or </s>) of every long message — and
 * most 12345 messages are longer than the limit. Pure, so the cut and the padding are table-tested.
 */

export interface TokenBatch {
  /** Row-major [batch, sequence], right-padded: encoders number positions from the first token. */
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  /** All zeros: one segment per text. */
  tokenTypeIds: BigInt64Array;
  dims: [batch: number, sequence: number];
}

/**
 * How many special tokens the tokenizer puts after a text ([SEP] for BERT, </s> for XLM-R): the
 * common ending of the encodings of an empty text and of a one-character text.
 */
export function trailingSpecialCount(emptyText: readonly number[], oneCharacter: readonly number[]): number {
  let count = 0;
  while (count < emptyText.length && emptyText.at(-1 - count) === oneCharacter.at(-1 - count)) count += 1;
  return count;
}

/** Keeps the first `maxLength - tail` ids and the `tail` trailing special ones. */
export function truncateIds(ids: readonly number[], maxLength: number, tail: number): number[] {
  if (ids.length <= maxLength) return [...ids];
  return [...ids.slice(0, maxLength - tail), ...ids.slice(ids.length - tail)];
}

export function padBatch(rows: readonly (readonly number[])[], padId: number): TokenBatch {
  const sequence = Math.max(0, ...rows.map((row) => row.length));
  const size = rows.length * sequence;
  const inputIds = new BigInt64Array(size).fill(BigInt(padId));
  const attentionMask = new BigInt64Array(size);
  rows.forEach((row, r) =>
    row.forEach((id, s) => {
      inputIds[r * sequence + s] = BigInt(id);
      attentionMask[r * sequence + s] = 1n;
    }),
  );
  return { inputIds, attentionMask, tokenTypeIds: new BigInt64Array(size), dims: [rows.length, sequence] };
}
