import { describe, expect, test } from 'vitest';

import { detectGreeting, isEmptyMessage } from '../../../../nlu/safety/index.js';

interface TestCase<I, E> {
  description: string;
  input: I;
  expects: E;
}

const cases: TestCase<string, { empty: boolean; greeting: boolean }>[] = [
  { description: 'nothing', input: '', expects: { empty: true, greeting: false } },
  { description: 'whitespace', input: ' \n\u3000 ', expects: { empty: true, greeting: false } },
  { description: 'question marks', input: '？？', expects: { empty: true, greeting: false } },
  { description: 'dots', input: '。。。...', expects: { empty: true, greeting: false } },
  { description: 'emoji', input: '😀😀👍🏻', expects: { empty: true, greeting: false } },
  { description: 'WeChat emoticon codes', input: '[微笑][捂脸]', expects: { empty: true, greeting: false } },
  { description: 'interjections', input: '嗯嗯。。', expects: { empty: true, greeting: false } },
  { description: 'English interjections', input: 'hmm... uh?', expects: { empty: true, greeting: false } },
  { description: 'ok (an answer, not filler)', input: 'ok', expects: { empty: false, greeting: false } },
  { description: 'laughter', input: '哈哈哈 hahaha', expects: { empty: true, greeting: false } },
  { description: '你好', input: '你好', expects: { empty: false, greeting: true } },
  { description: '您好！', input: '您好！', expects: { empty: false, greeting: true } },
  { description: '在吗？', input: '在吗？', expects: { empty: false, greeting: true } },
  { description: '在不在', input: '在不在', expects: { empty: false, greeting: true } },
  { description: '有人吗', input: '有人吗？？', expects: { empty: false, greeting: true } },
  { description: 'a greeting with the hotline’s name', input: '12345你好', expects: { empty: false, greeting: true } },
  { description: 'two greetings', input: '你好呀，在吗', expects: { empty: false, greeting: true } },
  { description: 'traditional characters', input: '您好，有人嗎', expects: { empty: false, greeting: true } },
  { description: 'hi', input: 'Hi', expects: { empty: false, greeting: true } },
  { description: 'hello there', input: 'Hello there!', expects: { empty: false, greeting: true } },
  { description: 'good morning', input: 'good morning 😊', expects: { empty: false, greeting: true } },
  { description: 'a greeting followed by a request', input: '你好，我要投诉', expects: { empty: false, greeting: false } },
  { description: 'a report', input: '路灯坏了', expects: { empty: false, greeting: false } },
  { description: 'thanks', input: '谢谢', expects: { empty: false, greeting: false } },
  { description: '"this" (not hi)', input: 'this', expects: { empty: false, greeting: false } },
];

describe('isEmptyMessage and detectGreeting', () => {
  test.each(cases)(
    'when the message is $description, then empty is $expects.empty and greeting $expects.greeting',
    ({ input, expects }) => {
      expect({ empty: isEmptyMessage(input), greeting: detectGreeting(input) }).toEqual(expects);
    },
  );

  test('when a long run of laughter ends in a stray letter, then the answer is still quick (no runaway backtracking)', () => {
    const started = performance.now();

    const result = isEmptyMessage(`${'ha'.repeat(5000)}x`);

    expect(result).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
