import { describe, expect, test } from 'vitest';

import { extractPhone, findTicketNumbers, parseChoiceIndex } from '../../../../nlu/dialog/index.js';

interface TestCase<I, E> {
  description: string;
  input: I;
  expects: E;
}

describe('findTicketNumbers', () => {
  test.each<TestCase<string, string[]>>([
    { description: 'the canonical form after a label', input: '工单号20261121-000123', expects: ['20261121-000123'] },
    { description: 'no hyphen', input: '20261121000123', expects: ['20261121-000123'] },
    { description: 'full-width digits and dash', input: '２０２６１１２１－０００１２３', expects: ['20261121-000123'] },
    { description: 'spaces', input: '2026 1121 000123', expects: ['20261121-000123'] },
    { description: 'a space instead of the hyphen', input: '20261121 000123', expects: ['20261121-000123'] },
    { description: 'an en dash', input: '20261121–000123', expects: ['20261121-000123'] },
    {
      description: 'several, one repeated',
      input: '查一下20261121-000123和20261122-000045，还有20261121-000123',
      expects: ['20261121-000123', '20261122-000045'],
    },
    { description: 'an 11-digit mobile number', input: '我的电话13800138000', expects: [] },
    { description: 'an 18-digit ID number', input: '身份证430102199001011234', expects: [] },
    { description: 'an impossible month', input: '20261321-000123', expects: [] },
    { description: '30 February', input: '20260230-000001', expects: [] },
    { description: 'letters glued on (another system’s number)', input: 'GD20261121000123', expects: [] },
    { description: 'a date alone', input: '2026年11月21日反映的问题', expects: [] },
  ])('when the text has $description, then it finds $expects', ({ input, expects }) => {
    expect(findTicketNumbers(input)).toEqual(expects);
  });
});

describe('extractPhone', () => {
  test.each<TestCase<string, string | undefined>>([
    { description: 'a mobile after a label', input: '我的电话是13800138000', expects: '13800138000' },
    { description: 'a mobile with +86 and spaces', input: '手机：+86 138 0013 8000', expects: '13800138000' },
    { description: 'a mobile with 0086 and hyphens', input: '联系电话：0086-138-0013-8000', expects: '13800138000' },
    { description: 'a hyphenated mobile', input: '138-0013-8000', expects: '13800138000' },
    { description: 'a full-width mobile', input: '１３８００１３８０００', expects: '13800138000' },
    { description: 'a Beijing landline', input: '座机010-62345678', expects: '01062345678' },
    { description: 'a landline with +86 and no trunk 0', input: '电话：+86 10 62345678', expects: '01062345678' },
    { description: 'a landline with an extension', input: '0731-88888888转123', expects: '073188888888' },
    { description: 'a landline with a hyphenated extension', input: '0731-8888888-123', expects: '07318888888' },
    { description: 'a landline in brackets', input: '(0731)8888888', expects: '07318888888' },
    { description: 'the first of two numbers', input: '我的手机13800138000，座机0731-88888888', expects: '13800138000' },
    { description: 'a ticket number only', input: '工单号20261121-000123', expects: undefined },
    { description: 'no number', input: '没有电话', expects: undefined },
  ])('when the reply has $description, then the phone is $expects', ({ input, expects }) => {
    expect(extractPhone(input)).toBe(expects);
  });
});

describe('parseChoiceIndex', () => {
  test.each<TestCase<{ text: string; count: number }, number | undefined>>([
    { description: '"1"', input: { text: '1', count: 3 }, expects: 0 },
    { description: 'a full-width digit', input: { text: '１', count: 3 }, expects: 0 },
    { description: 'a keycap emoji', input: { text: '2️⃣', count: 3 }, expects: 1 },
    { description: 'a circled digit', input: { text: '③', count: 3 }, expects: 2 },
    { description: '第一个', input: { text: '第一个', count: 3 }, expects: 0 },
    { description: '第2条', input: { text: '第2条', count: 3 }, expects: 1 },
    { description: '选3', input: { text: '选3', count: 3 }, expects: 2 },
    { description: '第十个', input: { text: '第十个', count: 10 }, expects: 9 },
    { description: '最后一个', input: { text: '最后一个', count: 4 }, expects: 3 },
    { description: 'one', input: { text: 'one', count: 3 }, expects: 0 },
    { description: '#2', input: { text: '#2', count: 3 }, expects: 1 },
    { description: 'option two', input: { text: 'Option two', count: 3 }, expects: 1 },
    { description: 'the first one', input: { text: 'the first one', count: 2 }, expects: 0 },
    { description: 'a number past the list', input: { text: '4', count: 3 }, expects: undefined },
    { description: 'zero', input: { text: '0', count: 3 }, expects: undefined },
    { description: 'a word that starts with a numeral (一般)', input: { text: '一般', count: 3 }, expects: undefined },
    { description: 'a sentence', input: { text: '第一个不太对', count: 3 }, expects: undefined },
  ])('when the reply is $description, then the index is $expects', ({ input, expects }) => {
    expect(parseChoiceIndex(input.text, input.count)).toBe(expects);
  });
});
