import { describe, expect, test } from 'vitest';

import { parseResolved, parseSatisfaction, parseYesNo, type Satisfaction } from '../../../../nlu/dialog/index.js';

interface TestCase<I, E> {
  description: string;
  input: I;
  expects: E;
}

const yesNo = (words: string, expects: boolean | undefined): TestCase<string, boolean | undefined>[] =>
  words.split(' ').map((word) => ({ description: word, input: word, expects }));

describe('parseYesNo', () => {
  test.each([
    ...yesNo('是 是的 对 对的 好 好的 可以 同意 确认 提交 没问题 嗯 行 yes y ok sure confirm OK Yes 👍', true),
    ...yesNo('否 不 不是 不对 不同意 不可以 不用 不要 no n nope NO', false),
    ...yesNo('是不是 路灯坏了 不好意思 的', undefined),
    { description: 'yes with thanks', input: '好的，谢谢！', expects: true },
    { description: 'no with thanks', input: '不用了谢谢', expects: false },
    { description: 'hesitation before a no', input: '嗯，不用了', expects: false },
    { description: 'full-width', input: 'ＹＥＳ', expects: true },
    { description: 'English with please', input: 'yes please', expects: true },
    { description: 'English no thanks', input: 'no thanks', expects: false },
  ])('when the reply is "$description", then it reads as $expects', ({ input, expects }) => {
    expect(parseYesNo(input)).toBe(expects);
  });
});

describe('parseSatisfaction', () => {
  test.each<TestCase<string, Satisfaction | undefined>>([
    { description: '满意', input: '满意', expects: 'SATISFIED' },
    { description: '非常满意', input: '非常满意', expects: 'SATISFIED' },
    { description: '很满意', input: '很满意！', expects: 'SATISFIED' },
    { description: '挺满意的，谢谢', input: '挺满意的，谢谢', expects: 'SATISFIED' },
    { description: '基本满意', input: '基本满意', expects: 'BASICALLY_SATISFIED' },
    { description: '还行', input: '还行', expects: 'BASICALLY_SATISFIED' },
    { description: '一般 (starts with 一, still a word)', input: '一般', expects: 'BASICALLY_SATISFIED' },
    { description: '不满意 (contains 满意)', input: '不满意', expects: 'UNSATISFIED' },
    { description: '很不满意', input: '很不满意', expects: 'UNSATISFIED' },
    { description: '不是很满意', input: '不是很满意', expects: 'UNSATISFIED' },
    { description: '差', input: '差', expects: 'UNSATISFIED' },
    { description: '没什么不满意的 (a double negative)', input: '没什么不满意的', expects: 'SATISFIED' },
    { description: 'option 1', input: '1', expects: 'SATISFIED' },
    { description: 'option 2', input: '2', expects: 'BASICALLY_SATISFIED' },
    { description: 'option 3', input: '3', expects: 'UNSATISFIED' },
    { description: 'full-width option １', input: '１', expects: 'SATISFIED' },
    { description: 'option and label that agree', input: '1 满意', expects: 'SATISFIED' },
    { description: 'option and label that disagree', input: '3满意', expects: undefined },
    { description: 'satisfied', input: 'Satisfied', expects: 'SATISFIED' },
    { description: 'ok', input: 'ok', expects: 'BASICALLY_SATISFIED' },
    { description: 'partly satisfied', input: 'partly satisfied', expects: 'BASICALLY_SATISFIED' },
    { description: 'unsatisfied', input: 'unsatisfied', expects: 'UNSATISFIED' },
    { description: 'dissatisfied', input: 'dissatisfied', expects: 'UNSATISFIED' },
    { description: 'not satisfied', input: 'not satisfied at all', expects: 'UNSATISFIED' },
    { description: 'an unrelated reply', input: '路灯还是不亮', expects: undefined },
    { description: 'option 4, which does not exist', input: '4', expects: undefined },
  ])('when the reply is "$description", then satisfaction is $expects', ({ input, expects }) => {
    expect(parseSatisfaction(input)).toBe(expects);
  });
});

describe('parseResolved', () => {
  test.each<TestCase<string, boolean | undefined>>([
    { description: '已解决', input: '已解决', expects: true },
    { description: '解决了', input: '解决了', expects: true },
    { description: '解决', input: '解决', expects: true },
    { description: '好了', input: '好了', expects: true },
    { description: '已经好了', input: '已经好了', expects: true },
    { description: 'politeness before a yes (不好意思 is not 不好)', input: '不好意思，已经解决了', expects: true },
    { description: '没解决', input: '没解决', expects: false },
    { description: '未解决', input: '未解决', expects: false },
    { description: '还没解决', input: '还没解决', expects: false },
    { description: '没有', input: '没有', expects: false },
    { description: '还是老样子', input: '还是老样子', expects: false },
    { description: 'resolved', input: 'resolved', expects: true },
    { description: 'solved', input: 'Solved!', expects: true },
    { description: 'fixed', input: 'fixed', expects: true },
    { description: 'not resolved', input: 'not resolved', expects: false },
    { description: 'not fixed', input: 'not fixed yet', expects: false },
    { description: 'still broken', input: 'still broken', expects: false },
    { description: 'a plain yes', input: '是的', expects: true },
    { description: 'partly (left to the agent)', input: '部分解决了', expects: undefined },
    { description: 'an unrelated reply', input: '不知道', expects: undefined },
  ])('when the reply is "$description", then resolved is $expects', ({ input, expects }) => {
    expect(parseResolved(input)).toBe(expects);
  });
});
