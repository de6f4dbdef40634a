/** The SMS parts shared by both SMS channels: splitting long replies, sending parts in order, secret comparison. */
import { describe, expect, test } from 'vitest';

import { UpstreamError } from '../../../core/errors/index.js';
import { maskNumbers, secretsEqual, sendInParts, splitSms, withoutNul, type SmsSender } from '../../../channels/sms/index.js';

const TICKET_ZH = '您的诉求已受理，工单号 20261121-000001。我们将核实后转交相关部门办理，办理进展会通过本渠道告知您。';
const TICKET_EN =
  'Your request has been registered as ticket 20261121-000001. We will check it and pass it to the responsible department; updates will reach you here.';

describe('splitSms', () => {
  test.each([
    { description: 'a short text is one part, without numbering', text: '收到', max: 35, expects: ['收到'] },
    { description: 'surrounding whitespace goes', text: '  收到 \n', max: 35, expects: ['收到'] },
    { description: 'empty text gives no part', text: '  ', max: 35, expects: [] },
    {
      description: 'a Chinese reply splits after the sentence, with the ticket number whole',
      text: TICKET_ZH,
      max: 35,
      expects: ['(1/2)您的诉求已受理，工单号 20261121-000001。', '(2/2)我们将核实后转交相关部门办理，办理进展会通过本渠道告知您。'],
    },
    {
      description: 'without a sentence end in reach, it splits after a clause mark',
      text: '请您在工作日上午九点至下午五点之间，携带身份证件前往街道办事处一楼大厅办理',
      max: 30,
      expects: ['(1/2)请您在工作日上午九点至下午五点之间，', '(2/2)携带身份证件前往街道办事处一楼大厅办理'],
    },
    {
      description: 'a text that is exactly the limit stays whole',
      text: 'x'.repeat(35),
      max: 35,
      expects: ['x'.repeat(35)],
    },
  ])('when $description, then the parts are right', ({ text, max, expects }) => {
    expect(splitSms(text, { maxChars: max, numbered: true })).toEqual(expects);
  });

  test.each([
    { text: TICKET_ZH, max: 35 },
    { text: TICKET_EN, max: 35 },
    { text: TICKET_EN.repeat(30), max: 1_600 },
    { text: '长'.repeat(1_000), max: 35 },
    { text: `${'a'.repeat(100)} ${'好'.repeat(100)}`, max: 40 },
    { text: '提醒😀'.repeat(40), max: 35 },
  ])('when a text of $text.length characters is split into parts of $max, then every part fits and nothing is lost', ({ text, max }) => {
    const parts = splitSms(text, { maxChars: max, numbered: true });
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(max);
    const bodies = parts.map((part, index) => {
      expect(part.startsWith(`(${index + 1}/${parts.length})`)).toBe(true);
      return part.slice(`(${index + 1}/${parts.length})`.length);
    });
    expect(bodies.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    // No part starts or ends inside a surrogate pair (a broken emoji).
    for (const body of bodies) expect(body).toBe(Buffer.from(body, 'utf8').toString('utf8'));
  });

  test('when the parts pass nine, then the numbering widens and every part still fits', () => {
    const parts = splitSms('这是一句话。'.repeat(60), { maxChars: 35, numbered: true });
    expect(parts.length).toBeGreaterThan(9);
    expect(parts[0]).toMatch(/^\(1\/\d{2}\)/);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(35);
  });

  test('when English is split, then ids and words stay whole', () => {
    const parts = splitSms(TICKET_EN, { maxChars: 35, numbered: true });
    expect(parts.some((part) => part.includes('20261121-000001'))).toBe(true);
    const words = new Set(TICKET_EN.split(/\s+/));
    for (const part of parts) for (const word of part.replace(/^\(\d+\/\d+\)/, '').split(/\s+/)) expect(words).toContain(word);
  });

  test('when a break would put punctuation at the start of a part, then the break moves so the punctuation stays with its word', () => {
    const parts = splitSms('请问这个问题什么时候能够解决呢？谢谢你们的帮助', { maxChars: 20, numbered: false });
    expect(parts).toEqual(['请问这个问题什么时候能够解决呢？', '谢谢你们的帮助']);
    expect(splitSms('一二三四五六七八九十一二三四五六七八九十，后面', { maxChars: 20, numbered: false })).toEqual([
      '一二三四五六七八九十一二三四五六七八九',
      '十，后面',
    ]);
  });

  test('when numbering is off, then parts carry no prefix', () => {
    const parts = splitSms(TICKET_ZH, { maxChars: 30, numbered: false });
    expect(parts).toEqual(['您的诉求已受理，工单号 20261121-000001。', '我们将核实后转交相关部门办理，办理进展会通过本渠道告知您。']);
  });

  test('when the limit leaves no room for text after the numbering, then it throws', () => {
    expect(() => splitSms('x'.repeat(50), { maxChars: 10, numbered: true })).toThrow(RangeError);
  });
});

describe('sendInParts', () => {
  test('when a reply has several parts, then they leave in order and the ids are joined', async () => {
    const sent: string[] = [];
    const sender: SmsSender = { send: async (to, text) => (sent.push(`${to}:${text}`), { externalId: `id${sent.length}` }) };
    expect(await sendInParts(sender, '+8613800138000', ['a', 'b', 'c'])).toEqual({ externalId: 'id1,id2,id3' });
    expect(sent).toEqual(['+8613800138000:a', '+8613800138000:b', '+8613800138000:c']);
  });

  test('when a part fails, then the failure propagates (the job retries) and later parts are not sent', async () => {
    const sent: string[] = [];
    const sender: SmsSender = {
      send: async (_to, text) => {
        if (text === 'b') throw new UpstreamError('vendor down');
        sent.push(text);
        return { externalId: text };
      },
    };
    await expect(sendInParts(sender, '+1', ['a', 'b', 'c'])).rejects.toThrow('vendor down');
    expect(sent).toEqual(['a']);
  });

  test('when there is nothing to send, then it throws', async () => {
    await expect(sendInParts({ send: async () => ({ externalId: 'x' }) }, '+1', [])).rejects.toThrow();
  });
});

describe('maskNumbers and secretsEqual', () => {
  test.each([
    {
      input: "The 'To' number +8613800138000 is not a valid phone number.",
      expects: "The 'To' number [number] is not a valid phone number.",
    },
    { input: 'invalid mobile number 138 0013 8000', expects: 'invalid mobile number [number]' },
    { input: 'error 21211', expects: 'error 21211' },
  ])('when "$input" is masked, then it reads "$expects"', ({ input, expects }) => {
    expect(maskNumbers(input)).toBe(expects);
  });

  test.each([
    { given: 'secret-value', expected: 'secret-value', equal: true },
    { given: 'secret-valuE', expected: 'secret-value', equal: false },
    { given: 'secret', expected: 'secret-value', equal: false },
    { given: '', expected: 'secret-value', equal: false },
  ])('when "$given" is compared with "$expected", then equal is $equal', ({ given, expected, equal }) => {
    expect(secretsEqual(given, expected)).toBe(equal);
  });
});

describe('withoutNul', () => {
  test('when values carry NUL characters (PostgreSQL refuses them), then they are removed everywhere, keys included', () => {
    const value = { a: 'x\u0000y', list: ['\u0000', 1, null], nested: { 'k\u0000': true }, map: new Map([['m\u0000', ['v\u0000']]]) };
    expect(withoutNul(value)).toEqual({ a: 'xy', list: ['', 1, null], nested: { k: true }, map: new Map([['m', ['v']]]) });
  });
});
