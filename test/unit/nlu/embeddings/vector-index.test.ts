import { describe, expect, test } from 'vitest';

import { VectorIndex } from '../../../../nlu/embeddings/index.js';

const v = (...values: number[]) => Float32Array.from(values);

function indexOf(entries: Record<string, Float32Array>): VectorIndex {
  const index = new VectorIndex(2);
  for (const [id, vector] of Object.entries(entries)) index.upsert(id, vector);
  return index;
}

describe('vector index', () => {
  test('when searching, then the k most similar come first with their cosine, whatever the stored lengths', () => {
    const index = indexOf({ east: v(10, 0), northEast: v(1, 1), north: v(0, 3), west: v(-1, 0) });
    const found = index.search(v(1, 0.1), 2);
    expect(found.map((n) => n.id)).toEqual(['east', 'northEast']);
    expect(found[0]!.score).toBeCloseTo(1 / Math.hypot(1, 0.1), 5);
  });

  test('when more than k match, then exactly k come back; when fewer are stored, then all', () => {
    const index = indexOf({ a: v(1, 0), b: v(0, 1), c: v(1, 1) });
    expect(index.search(v(1, 0), 2)).toHaveLength(2);
    expect(index.search(v(1, 0), 10)).toHaveLength(3);
  });

  test('when a minimum score and a filter are given, then results below it or refused by it are left out', () => {
    const index = indexOf({ self: v(1, 0), near: v(1, 0.2), far: v(0, 1) });
    const found = index.search(v(1, 0), 5, { minScore: 0.5, filter: (id) => id !== 'self' });
    expect(found.map((n) => n.id)).toEqual(['near']);
  });

  test('when an id is stored again, then its vector is replaced, not duplicated', () => {
    const index = indexOf({ a: v(1, 0), b: v(0, 1) });
    index.upsert('a', v(-1, 0));
    expect(index.size).toBe(2);
    expect(index.search(v(-1, 0), 1)[0]).toEqual({ id: 'a', score: expect.closeTo(1, 6) });
  });

  test('when an id is removed, then it is no longer found and the others keep their vectors', () => {
    const index = indexOf({ a: v(1, 0), b: v(0, 1), c: v(-1, 0) });
    expect(index.remove('a')).toBe(true);
    expect(index.remove('a')).toBe(false);
    expect(index.has('a')).toBe(false);
    expect(index.search(v(-1, 0), 1)[0]!.id).toBe('c');
    expect(index.search(v(0, 1), 1)[0]!.id).toBe('b');
  });

  test('when more vectors are added than the first capacity, then all are kept and found', () => {
    const index = new VectorIndex<number>(2);
    for (let i = 0; i < 500; i += 1) index.upsert(i, v(Math.cos(i / 100), Math.sin(i / 100)));
    expect(index.size).toBe(500);
    expect(index.search(v(Math.cos(4.2), Math.sin(4.2)), 1)[0]!.id).toBe(420);
  });

  test('when a vector has the wrong dimension, then storing or searching it throws', () => {
    const index = new VectorIndex(2);
    expect(() => index.upsert('a', v(1, 2, 3))).toThrow(/dimension 2, got 3/);
    expect(() => index.search(v(1), 1)).toThrow(/dimension 2, got 1/);
  });
});
