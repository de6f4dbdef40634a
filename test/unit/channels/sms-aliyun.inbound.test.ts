/** Aliyun 上行 push → InboundMessages (DOMAIN.md §11.3): big sequence ids, times, numbers, recipient rules. */
import { describe, expect, test } from 'vitest';

import { dedupKey, parseAliyunPush, parseSendTime, toE164, type RecipientRules } from '../../../channels/sms-aliyun/inbound.js';
import { integerText, parseJsonKeepingNumbers } from '../../../channels/sms-aliyun/json.js';
import { DEST_CODE, pushBody, pushItem, pushRequest, SIGN_NAME, type PushItem } from '../../fixtures/sms-aliyun/requests.js';

const anyRecipient: RecipientRules = { destCodes: [] };

function parse(items: Partial<PushItem>[], rules = anyRecipient) {
  const parsed = parseAliyunPush(pushRequest(items), rules);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

describe('parsing pushes', () => {
  test('when a push carries one SMS, then it becomes a text message from a verified +86 phone', () => {
    const item = pushItem({ phone_number: '13912345678' });
    expect(parse([item])).toEqual([
      {
        channel: 'sms_aliyun',
        dedupKey: item.sequence_id,
        externalId: item.sequence_id,
        channelUserId: '+8613912345678',
        sender: { phone: '+8613912345678', phoneVerified: true },
        receivedAt: new Date('2026-11-21T02:00:00Z'),
        sentAt: new Date('2026-11-21T02:15:30Z'),
        kind: 'text',
        text: item.content,
        event: undefined,
        media: [],
        raw: { ...item },
      },
    ]);
  });

  test('when a push carries several SMS, then each becomes its own message, in order', () => {
    const items = [pushItem(), pushItem(), pushItem()];
    expect(parse(items).map((m) => m.dedupKey)).toEqual(items.map((i) => i.sequence_id));
  });

  test('when sequence_id is beyond 2^53, then every digit is kept (JSON.parse would round it)', () => {
    const big = '9223372036854775807';
    const body = pushBody([pushItem({ sequence_id: big })]);
    expect(String((JSON.parse(body) as { sequence_id: number }[])[0]!.sequence_id)).not.toBe(big);
    expect(parse([pushItem({ sequence_id: big })])[0]).toMatchObject({ dedupKey: big, externalId: big });
  });

  test('when two ids differ only beyond double precision, then their dedup keys differ', () => {
    const [a, b] = parse([pushItem({ sequence_id: '9007199254740993' }), pushItem({ sequence_id: '9007199254740992' })]);
    expect(a!.dedupKey).not.toBe(b!.dedupKey);
  });

  test.each([
    { description: 'a JSON string', raw: '"1234567890123456789"', expects: '1234567890123456789' },
    { description: 'a double with .0', raw: '1234567890.0', expects: '1234567890' },
    { description: 'exponent notation (a long through a double)', raw: '1.23456789E9', expects: '1234567890' },
  ])('when sequence_id arrives as $description, then the key is its integer digits', ({ raw, expects }) => {
    const body = pushBody([pushItem()]).replace(/"sequence_id":\d+/, `"sequence_id":${raw}`);
    const parsed = parseAliyunPush(pushRequest([], { body }), anyRecipient);
    expect(parsed.ok && parsed.value[0]!.dedupKey).toBe(expects);
  });

  test('when the same push is parsed twice, then the results are equal', () => {
    const req = pushRequest([pushItem(), pushItem()]);
    expect(parseAliyunPush(req, anyRecipient)).toEqual(parseAliyunPush(req, anyRecipient));
  });

  test('when an item has no sequence_id, then the key is a hash of phone, time and content (stable on redelivery)', () => {
    const { sequence_id: _drop, ...item } = pushItem();
    const [first] = parse([item]);
    const [again] = parse([item]);
    expect(first!.dedupKey).toMatch(/^h-[0-9a-f]{64}$/);
    expect(again!.dedupKey).toBe(first!.dedupKey);
    expect(parse([{ ...item, content: `${item.content}!` }])[0]!.dedupKey).not.toBe(first!.dedupKey);
    expect(dedupKey({ ...item, content: item.content })).toBe(first!.dedupKey);
  });

  test('when the body is one object instead of an array, then it is one message', () => {
    const item = pushItem();
    const parsed = parseAliyunPush(pushRequest([], { body: pushBody([item]).slice(1, -1) }), anyRecipient);
    expect(parsed.ok && parsed.value.map((m) => m.dedupKey)).toEqual([item.sequence_id]);
  });

  test('when the push is an empty array, then there is nothing to store (and it is not an error)', () => {
    expect(parse([])).toEqual([]);
  });

  test('when the content is empty, then the message has no text (stored, no ticket)', () => {
    expect(parse([pushItem({ content: '  ' })])[0]).toMatchObject({ kind: 'text', text: undefined });
  });

  test('when Aliyun adds a field, then it is kept in raw', () => {
    expect(parse([{ ...pushItem(), ...({ operator: 'CMCC' } as object) }])[0]!.raw).toMatchObject({ operator: 'CMCC' });
  });

  test('when the body starts with a byte-order mark, then it still parses', () => {
    const item = pushItem();
    const parsed = parseAliyunPush(pushRequest([], { body: `\uFEFF${pushBody([item])}` }), anyRecipient);
    expect(parsed.ok).toBe(true);
  });
});

describe('recipient rules (ALIYUN_SMS_SIGN_NAME, ALIYUN_SMS_DEST_CODES)', () => {
  const rules: RecipientRules = { signName: SIGN_NAME, destCodes: [DEST_CODE, '8762'] };

  test.each([
    { description: 'the hotline signature and code', item: { sign_name: SIGN_NAME, dest_code: DEST_CODE }, kind: 'text', key: undefined },
    { description: 'the second configured code', item: { sign_name: SIGN_NAME, dest_code: '8762' }, kind: 'text', key: undefined },
    { description: 'another signature', item: { sign_name: '某某物业', dest_code: DEST_CODE }, kind: 'event', key: 'sign_name=某某物业' },
    { description: 'another code', item: { sign_name: SIGN_NAME, dest_code: '9999' }, kind: 'event', key: 'dest_code=9999' },
    { description: 'no signature', item: { sign_name: undefined }, kind: 'event', key: 'sign_name=' },
  ])('when a message answers $description, then it is a $kind', ({ item, kind, key }) => {
    const message = parse([pushItem(item)], rules)[0]!;
    expect(message.kind).toBe(kind);
    expect(message.event).toEqual(key ? { name: 'unexpected_recipient', key } : undefined);
    expect(message.text).toBeDefined();
  });

  test('when no rule is configured, then any signature and code is the hotline’s', () => {
    expect(parse([pushItem({ sign_name: '某某物业', dest_code: '1' })])[0]!.kind).toBe('text');
  });
});

describe('malformed pushes', () => {
  test.each([
    { description: 'not JSON', body: '[{"phone_number":' },
    { description: 'a bare number', body: '12' },
    { description: 'a JSON string', body: '"hello"' },
    { description: 'an invalid number token', body: '[{"phone_number":"13800138000","sequence_id":01}]' },
    { description: 'an item without phone_number', body: '[{"content":"x","sequence_id":1}]' },
    { description: 'a phone_number that is no number', body: '[{"phone_number":"1381111****","content":"x","sequence_id":1}]' },
    { description: 'a fractional sequence_id', body: '[{"phone_number":"13800138000","content":"x","sequence_id":1.5}]' },
    { description: 'a sequence_id that is text', body: '[{"phone_number":"13800138000","content":"x","sequence_id":"abc"}]' },
    { description: 'an item that is not an object', body: '[1]' },
    { description: 'content that is not text', body: '[{"phone_number":"13800138000","content":{"a":1},"sequence_id":1}]' },
  ])('when the push is $description, then parse returns an error (it never throws)', ({ body }) => {
    const parsed = parseAliyunPush(pushRequest([], { body }), anyRecipient);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).not.toBe('');
  });
});

describe('send_time', () => {
  test.each([
    { input: '2017-09-01 00:00:00', expects: '2017-08-31T16:00:00.000Z' },
    { input: '20170901000000', expects: '2017-08-31T16:00:00.000Z' },
    { input: '2026-11-21 10:15:30', expects: '2026-11-21T02:15:30.000Z' },
    { input: '2026-11-21T10:15:30', expects: '2026-11-21T02:15:30.000Z' },
    { input: '2026-11-21 10:15:30.123', expects: '2026-11-21T02:15:30.000Z' },
    { input: '2026-02-30 10:00:00', expects: undefined },
    { input: '2026-11-21 24:00:00', expects: undefined },
    { input: '21/11/2026 10:15', expects: undefined },
    { input: '', expects: undefined },
  ])('when send_time is "$input", then sentAt is $expects (China Standard Time)', ({ input, expects }) => {
    expect(parseSendTime(input)?.toISOString()).toBe(expects);
  });

  test('when send_time cannot be read, then the message is kept without sentAt', () => {
    expect(parse([pushItem({ send_time: 'yesterday' })])[0]).toMatchObject({ sentAt: undefined, kind: 'text' });
  });
});

describe('phone numbers', () => {
  test.each([
    { input: '13800138000', expects: '+8613800138000' },
    { input: '8613800138000', expects: '+8613800138000' },
    { input: '+8613800138000', expects: '+8613800138000' },
    { input: '008613800138000', expects: '+8613800138000' },
    { input: '138 0013 8000', expects: '+8613800138000' },
    { input: '1440123456789', expects: '+861440123456789' },
    { input: '01012345678', expects: '+861012345678' },
    { input: '+85291234567', expects: '+85291234567' },
    { input: '1381111****', expects: undefined },
    { input: '', expects: undefined },
  ])('when Aliyun sends "$input", then the citizen is $expects', ({ input, expects }) => {
    expect(toE164(input)).toBe(expects);
  });
});

describe('lossless JSON', () => {
  test.each([
    { text: '[1, -2, 3.5, 1e3, 12345678901234567890]', expects: ['1', '-2', '3.5', '1e3', '12345678901234567890'] },
    { text: '{"a":"1\\"2","b":[true,null,false]}', expects: { a: '1"2', b: [true, null, false] } },
    { text: '{"n":"not 5 a number","m":5}', expects: { n: 'not 5 a number', m: '5' } },
    { text: '"\\\\"', expects: '\\' },
  ])('when $text is read, then numbers stay text and strings stay untouched', ({ text, expects }) => {
    expect(parseJsonKeepingNumbers(text)).toEqual({ ok: true, value: expects });
  });

  test.each([{ text: '[01]' }, { text: '[1-2]' }, { text: '[1.]' }, { text: '{' }])(
    'when $text is read, then it is an error',
    ({ text }) => {
      expect(parseJsonKeepingNumbers(text).ok).toBe(false);
    },
  );

  test.each([
    { token: '42', expects: '42' },
    { token: '0042', expects: '42' },
    { token: '1.0', expects: '1' },
    { token: '1.5', expects: undefined },
    { token: '1.5E1', expects: '15' },
    { token: '1E-1', expects: undefined },
    { token: '-1', expects: undefined },
    { token: '12345678901234567890', expects: '12345678901234567890' },
  ])('when "$token" is an id, then its integer is $expects', ({ token, expects }) => {
    expect(integerText(token)).toBe(expects);
  });
});

describe('characters PostgreSQL cannot store', () => {
  test('when content carries a NUL character, then it is removed from text and raw', () => {
    const body = pushBody([pushItem({ content: '井盖丢失' })]).replace('井盖', '井\\u0000盖');
    const parsed = parseAliyunPush(pushRequest([], { body }), anyRecipient);
    expect(parsed.ok && parsed.value[0]).toMatchObject({ text: '井盖丢失', raw: { content: '井盖丢失' } });
  });
});
