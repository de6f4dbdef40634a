import { describe, expect, test } from 'vitest';

import { idCardCheckChar, isCalendarDate, isLuhnValid, isProvinceCode } from '../../../../nlu/text/pii/checks.js';

describe('identifier checks', () => {
  test.each([
    { input: '43010219900101004', expects: '0' },
    { input: '43010219900101009', expects: '1' },
    { input: '43010219900101003', expects: '2' },
    { input: '43010219900101008', expects: '3' },
    { input: '43010219900101002', expects: '4' },
    { input: '43010219900101007', expects: '5' },
    { input: '43010219900101001', expects: '6' },
    { input: '43010219900101006', expects: '7' },
    { input: '43010219900101000', expects: '8' },
    { input: '43010219900101005', expects: '9' },
    { input: '43010219900101018', expects: 'X' },
    { input: '11010519491231002', expects: 'X' },
  ])('when the first 17 digits are $input, then the MOD 11-2 check character is $expects', ({ input, expects }) => {
    expect(idCardCheckChar(input)).toBe(expects);
  });

  test.each([
    { input: '4111111111111111', expects: true },
    { input: '6222021234567894', expects: true },
    { input: '6222021234567890', expects: false },
    { input: '6217002870001234564', expects: true },
  ])('when Luhn checks $input, then it says $expects', ({ input, expects }) => {
    expect(isLuhnValid(input)).toBe(expects);
  });

  test.each([
    { input: '19900101', expects: true },
    { input: '20000229', expects: true },
    { input: '19000229', expects: false },
    { input: '19900230', expects: false },
    { input: '19901301', expects: false },
  ])('when $input is read as a date, then it is valid: $expects', ({ input, expects }) => {
    expect(isCalendarDate(input)).toBe(expects);
  });

  test.each([
    { input: '43', expects: true },
    { input: '81', expects: true },
    { input: '99', expects: false },
    { input: '10', expects: false },
  ])('when $input is read as a province code, then it is known: $expects', ({ input, expects }) => {
    expect(isProvinceCode(input)).toBe(expects);
  });
});
