import { describe, expect, test } from 'vitest';

import { normalizePhone } from '../../core/phone.js';
import { Cdata, element, xmlDocument } from '../../core/xml.js';

describe('phone numbers', () => {
  test.each([
    { input: '+8613812345678', expects: '+8613812345678' },
    { input: '8613812345678', expects: '+8613812345678' },
    { input: '138 1234 5678', expects: '+8613812345678' },
    { input: '138-1234-5678', expects: '+8613812345678' },
    { input: '0086 138 1234 5678', expects: '+8613812345678' },
    { input: '+1 (415) 555-0100', expects: '+14155550100' },
    { input: 'call me', expects: undefined },
    { input: '12', expects: undefined },
  ])('when "$input" is normalised, then it reads $expects', ({ input, expects }) => {
    expect(normalizePhone(input)).toBe(expects);
  });
});

describe('xml', () => {
  test('when values carry markup, then they are escaped', () => {
    expect(element('d', '<b>&"\'')).toBe('<d>&lt;b&gt;&amp;&quot;&apos;</d>');
  });

  test('when arrays and objects nest, then elements repeat and nest', () => {
    expect(
      xmlDocument('errors', {
        error: [
          { code: 403, description: 'x' },
          { code: 400, description: 'y' },
        ],
      }),
    ).toBe(
      '<?xml version="1.0" encoding="utf-8"?><errors><error><code>403</code><description>x</description></error><error><code>400</code><description>y</description></error></errors>',
    );
  });

  test('when CDATA contains its own terminator, then it is split safely', () => {
    expect(element('c', new Cdata('a]]>b'))).toBe('<c><![CDATA[a]]]]><![CDATA[>b]]></c>');
    expect(element('n', null)).toBe('<n/>');
  });
});
