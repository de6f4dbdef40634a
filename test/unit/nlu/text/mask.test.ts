import { describe, expect, test } from 'vitest';

import { foldForMatching } from '../../../../nlu/text/pii/fold.js';
import { applyMasks, finding, maskMiddle } from '../../../../nlu/text/pii/mask.js';

describe('masking', () => {
  test('when the middle is masked, then separators and non-alphanumeric suffixes stay', () => {
    expect(maskMiddle('138-1234-5678', '138-1234-5678', 3, 4)).toBe('138-****-5678');
    expect(maskMiddle('1234挂', '1234挂', 0, 1)).toBe('***4挂');
  });

  test('when the digits are full-width, then they are masked like half-width ones and kept as written', () => {
    const original = '１３８１２３４５６７８';

    expect(maskMiddle(original, foldForMatching(original), 3, 4)).toBe('１３８****５６７８');
  });

  test('when findings are applied, then readable masks and tags replace exactly their spans', () => {
    const text = '电话13812345678，车牌湘A12345。';
    const findings = [finding('mobile', 2, 13, '138****5678'), finding('plate', 16, 23, '湘A****5')];

    expect(applyMasks(text, findings, 'readable')).toBe('电话138****5678，车牌湘A****5。');
    expect(applyMasks(text, findings, 'tag')).toBe('电话<PHONE>，车牌<PLATE>。');
  });

  test('when text is folded, then its length is unchanged and full-width forms become ASCII', () => {
    const text = '１３８－１２３４　５６７８＠ｑｑ．ｃｏｍ 粤B•D12345 …';

    const folded = foldForMatching(text);

    expect(folded).toHaveLength(text.length);
    expect(folded).toBe('138-1234 5678@qq.com 粤B·D12345 …');
  });
});
