import { describe, expect, test } from 'vitest';

import { normalizeForModels } from '../../../../nlu/text/model-text.js';
import { normalizeText } from '../../../../nlu/text/normalize.js';

describe('normalizeForModels', () => {
  test.each([
    { description: 'full-width letters, digits and punctuation', input: 'ＡＢＣ１２３，路灯坏了！', expects: 'ABC123,路灯坏了!' },
    { description: 'traditional characters', input: '路燈壞了', expects: '路灯坏了' },
    { description: 'runs of whitespace and ideographic spaces', input: ' 路灯\n\n坏了　　好几天\t', expects: '路灯 坏了 好几天' },
    { description: 'repeated punctuation', input: '太过分了！！！！怎么办？？？……', expects: '太过分了!怎么办?.' },
    { description: 'a URL followed by a full-width comma', input: '见https://baidu.com/，请处理', expects: '见 <URL>, 请处理' },
    { description: 'a www address ending a sentence', input: '网站www.example.com。', expects: '网站 <URL> 。' },
    { description: 'case', input: 'WiFi坏了', expects: 'WiFi坏了' },
  ])('when the text has $description, then models get $expects', ({ input, expects }) => {
    expect(normalizeForModels(input)).toBe(expects);
  });

  test('when normalised text is passed through the classifier normalisation, then tags survive as tokens', () => {
    expect(normalizeText(normalizeForModels('电话<PHONE>，見https://baidu.com/'))).toBe('电话<phone>,见 <url>');
  });
});
