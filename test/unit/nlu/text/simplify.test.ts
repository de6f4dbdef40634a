import { describe, expect, test } from 'vitest';

import { toSimplified } from '../../../../nlu/text/simplify.js';

describe('toSimplified', () => {
  test.each([
    { description: 'Taiwan traditional', input: '我們這裡的路燈壞了，請儘快維修。', expects: '我们这里的路灯坏了，请尽快维修。' },
    { description: 'Taiwan 著 used for 着', input: '這個問題著實讓人著急', expects: '这个问题着实让人着急' },
    { description: 'Hong Kong variants', input: '電綫杆倒了，説了很久', expects: '电线杆倒了，说了很久' },
    { description: 'a traditional question', input: '什麼時候能解決？', expects: '什么时候能解决？' },
    {
      description: 'stray traditional characters in simplified text',
      input: '物业一直沒有处理，強行收费',
      expects: '物业一直没有处理，强行收费',
    },
  ])('when the text is $description, then it becomes mainland simplified', ({ input, expects }) => {
    expect(toSimplified(input)).toBe(expects);
  });

  test.each([
    { description: 'a final 么 (Taiwan variants would give 幺)', input: '这个能办证么？' },
    { description: '显著 (Taiwan variants would give 显着)', input: '效果显著' },
    { description: '文件 and 程序 (Taiwan phrases would give 文档 and 进程)', input: '按文件规定的程序办理' },
    { description: '乾 and 昇 in names', input: '乾源路和昇明路交叉口' },
    { description: 'Latin letters, digits and emoji', input: 'A市A3区 128号 😀' },
  ])('when simplified text holds $description, then it is unchanged', ({ input }) => {
    expect(toSimplified(input)).toBe(input);
  });
});
