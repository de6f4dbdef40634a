/** WeChat pushes → InboundMessage: every message kind and event, dedup keys, the three encryption modes, refusals. */
import { describe, expect, test } from 'vitest';

import type { InboundMessage } from '../../../channels/types.js';
import { wechatConfigSchema, wechatFromEnv } from '../../../channels/wechat/definition.js';
import { WeChatAdapter } from '../../../channels/wechat/index.js';
import { MemoryTokenStore } from '../../../core/tokens/token-store.js';
import { inboundJobId } from '../../../intake/jobs.js';
import {
  ACCOUNT,
  APP_ID,
  APP_SECRET,
  ENCODING_AES_KEY,
  events,
  forge,
  messages,
  OPENID,
  sha1Sorted,
  signedPost,
  toRaw,
  toXml,
  TOKEN,
  withQuery,
  type Fields,
  type Mode,
} from '../../fixtures/wechat/requests.js';
import { SAFE_MODE_VECTOR as V } from '../../fixtures/wechat/vectors.js';

function adapter(env: Record<string, string> = {}, withKey = true): WeChatAdapter {
  const config = wechatConfigSchema.parse(
    wechatFromEnv({
      WECHAT_APP_ID: APP_ID,
      WECHAT_APP_SECRET: APP_SECRET,
      WECHAT_TOKEN: TOKEN,
      ...(withKey ? { WECHAT_ENCODING_AES_KEY: ENCODING_AES_KEY } : {}),
      ...env,
    }),
  );
  return new WeChatAdapter(config, { fetch, tokens: new MemoryTokenStore() });
}

const safe = adapter();
const plain = adapter({}, false);

function parseOne(fields: Fields | string, mode: Mode = 'safe'): InboundMessage {
  const parsed = (mode === 'plaintext' ? plain : safe).parse(toRaw(signedPost(fields, { mode })));
  if (!parsed.ok) throw new Error(parsed.error.message);
  expect(parsed.value).toHaveLength(1);
  return parsed.value[0]!;
}

interface KindCase {
  description: string;
  input: () => Fields;
  expects: (fields: Fields) => Partial<InboundMessage>;
}

const kinds: KindCase[] = [
  {
    description: 'text → text',
    input: () => messages.text('小区门口路灯坏了三天'),
    expects: (f) => ({ kind: 'text', text: '小区门口路灯坏了三天', dedupKey: f.MsgId, externalId: f.MsgId, media: [] }),
  },
  {
    description: 'image → a photo to fetch by MediaId',
    input: () => messages.image(),
    expects: (f) => ({ kind: 'image', media: [{ kind: 'image', ref: f.MediaId! }] }),
  },
  {
    description: 'voice with Recognition → asrText and the audio',
    input: () => messages.voice({ Recognition: '幸福路的井盖丢了。' }),
    expects: (f) => ({ kind: 'voice', asrText: '幸福路的井盖丢了。', media: [{ kind: 'audio', ref: f.MediaId!, mime: 'audio/amr' }] }),
  },
  {
    description: 'voice without Recognition → the audio only',
    input: () => messages.voice({ Recognition: '' }),
    expects: (f) => ({ kind: 'voice', asrText: undefined, media: [{ kind: 'audio', ref: f.MediaId!, mime: 'audio/amr' }] }),
  },
  {
    description: 'voice in Speex → audio/speex',
    input: () => messages.voice({ Format: 'speex' }),
    expects: (f) => ({ kind: 'voice', media: [{ kind: 'audio', ref: f.MediaId!, mime: 'audio/speex' }] }),
  },
  {
    description: 'video → a video to fetch',
    input: () => messages.video(),
    expects: (f) => ({ kind: 'video', media: [{ kind: 'video', ref: f.MediaId!, mime: 'video/mp4' }] }),
  },
  {
    description: 'shortvideo → a video to fetch',
    input: () => messages.shortvideo(),
    expects: (f) => ({ kind: 'video', media: [{ kind: 'video', ref: f.MediaId!, mime: 'video/mp4' }] }),
  },
  {
    description: 'location → latitude from Location_X, longitude from Location_Y, GCJ-02, the label',
    input: () => messages.location(),
    expects: () => ({ kind: 'location', location: { lat: 23.134521, lng: 113.358803, datum: 'GCJ02', label: '广州市天河区五山路' } }),
  },
  {
    description: 'link → title, description and URL as text',
    input: () => messages.link(),
    expects: () => ({ kind: 'link', text: '占道经营\n人行道被摊位占满\nhttps://mp.weixin.qq.com/s/abc' }),
  },
  {
    description: 'subscribe → event without key',
    input: () => events.subscribe(),
    expects: () => ({ kind: 'event', event: { name: 'subscribe', key: undefined } }),
  },
  {
    description: 'subscribe through a parameter QR code → event keyed by the scene (qrscene_ removed)',
    input: () => events.qrSubscribe('1201'),
    expects: () => ({ kind: 'event', event: { name: 'subscribe', key: '1201' } }),
  },
  {
    description: 'unsubscribe → event',
    input: () => events.unsubscribe(),
    expects: () => ({ kind: 'event', event: { name: 'unsubscribe', key: undefined } }),
  },
  {
    description: 'SCAN → event keyed by the scene',
    input: () => events.scan('1201'),
    expects: () => ({ kind: 'event', event: { name: 'SCAN', key: '1201' } }),
  },
  {
    description: 'CLICK → event keyed by the menu key',
    input: () => events.click('QUERY_PROGRESS'),
    expects: () => ({ kind: 'event', event: { name: 'CLICK', key: 'QUERY_PROGRESS' } }),
  },
  {
    description: 'VIEW → event keyed by the URL',
    input: () => events.view('https://12345.example.gov.cn/report'),
    expects: () => ({ kind: 'event', event: { name: 'VIEW', key: 'https://12345.example.gov.cn/report' } }),
  },
  {
    description: 'LOCATION report → event with the location',
    input: () => events.location(),
    expects: () => ({ kind: 'event', event: { name: 'LOCATION' }, location: { lat: 23.137466, lng: 113.352425, datum: 'WGS84' } }),
  },
  {
    description: 'TEMPLATESENDJOBFINISH → event keyed by the template msgid',
    input: () => events.templateFinished('200228332', 'failed:user block'),
    expects: () => ({ kind: 'event', event: { name: 'TEMPLATESENDJOBFINISH', key: '200228332' } }),
  },
];

describe('message kinds and events', () => {
  test.each(kinds)('when WeChat pushes $description', ({ input, expects }) => {
    const fields = input();
    const message = parseOne(fields);
    expect(message).toMatchObject({
      channel: 'wechat',
      channelUserId: OPENID,
      sentAt: new Date(Number(fields.CreateTime) * 1000),
      receivedAt: new Date('2026-11-21T02:00:00Z'),
      raw: fields,
      ...expects(fields),
    });
  });

  test('when an event arrives, then it has no external id (events carry no MsgId)', () => {
    expect(parseOne(events.subscribe()).externalId).toBeUndefined();
    expect(parseOne(messages.image()).text).toBeUndefined();
  });

  test('when a menu event WeChat nests (scancode_push) arrives, then it is an event with its key and the nested data in raw', () => {
    const xml =
      `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName>` +
      '<CreateTime>1790000500</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[scancode_push]]></Event>' +
      '<EventKey><![CDATA[SCAN_REPORT]]></EventKey><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType>' +
      '<ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo></xml>';
    const message = parseOne(xml);
    expect(message).toMatchObject({ kind: 'event', event: { name: 'scancode_push', key: 'SCAN_REPORT' } });
    expect(message.raw).toMatchObject({ ScanCodeInfo: { ScanType: 'qrcode', ScanResult: '1' } });
  });

  test('when an unknown MsgType arrives, then it is stored as an event named after it, deduplicated by its MsgId', () => {
    const fields: Fields = { ...messages.text(), MsgType: 'miniprogrampage', Title: '小程序卡片' };
    delete fields.Content;
    expect(parseOne(fields)).toMatchObject({ kind: 'event', event: { name: 'miniprogrampage' }, dedupKey: fields.MsgId });
  });

  test('when an unknown MsgType has no MsgId, then it is deduplicated like an event', () => {
    const fields = { ToUserName: ACCOUNT, FromUserName: OPENID, CreateTime: '1790000600', MsgType: 'newthing' };
    expect(parseOne(fields).dedupKey).toMatch(/^event-[0-9a-f]{64}$/);
  });
});

describe('a tapped msgmenu option (bizmsgmenuid)', () => {
  test.each(['plaintext', 'safe'] as const)(
    'when the citizen taps an option (%s mode), then it is a callback event keyed by the option id, with its words as text',
    (mode) => {
      const fields = messages.menuChoice('确认提交', 'confirm');
      expect(parseOne(fields, mode)).toMatchObject({
        channel: 'wechat',
        channelUserId: OPENID,
        kind: 'event',
        event: { name: 'callback', key: 'confirm' },
        text: '确认提交',
        dedupKey: fields.MsgId,
        externalId: fields.MsgId,
        media: [],
        sentAt: new Date(Number(fields.CreateTime) * 1000),
        raw: fields,
      });
    },
  );

  test.each([
    { description: 'a value with colons and dashes', id: 'cb:20261121-000123:sat:S' },
    { description: 'a numeric id (written bare, as WeChat writes numbers)', id: '101' },
    { description: 'an id of 64 characters', id: 'v'.repeat(64) },
  ])('when the id is $description, then the key is exactly that id', ({ id }) => {
    expect(parseOne(messages.menuChoice('满意', id)).event).toEqual({ name: 'callback', key: id });
  });

  test('when the tap comes without a MsgId, then it is deduplicated like an event: the same tap again has the same key', () => {
    const fields = messages.menuChoice('是', 'yes');
    delete fields.MsgId;
    const first = parseOne(fields);
    expect(first).toMatchObject({ kind: 'event', event: { name: 'callback', key: 'yes' }, externalId: undefined });
    expect(first.dedupKey).toMatch(/^event-[0-9a-f]{64}$/);
    expect(parseOne(fields).dedupKey).toBe(first.dedupKey);
    expect(parseOne({ ...fields, bizmsgmenuid: 'no' }).dedupKey).not.toBe(first.dedupKey);
  });

  test('when bizmsgmenuid is empty, then the message is an ordinary text', () => {
    expect(parseOne(messages.menuChoice('是', '', {}))).toMatchObject({ kind: 'text', text: '是' });
  });

  test.each([
    { description: 'the id has a space', fields: () => messages.menuChoice('是', 'yes please') },
    { description: 'the id is longer than 128 characters', fields: () => messages.menuChoice('是', 'v'.repeat(129)) },
    { description: 'the tap has no Content', fields: () => ({ ...messages.menuChoice(), Content: undefined as unknown as string }) },
  ])('when $description, then parse returns an error naming the field', ({ fields }) => {
    const f = Object.fromEntries(Object.entries(fields()).filter(([, v]) => v !== undefined));
    const parsed = safe.parse(toRaw(signedPost(f)));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(/^invalid WeChat menu choice: (bizmsgmenuid|Content)/);
  });

  test('when a menu CLICK event arrives, then it stays a CLICK event with its key (not a callback)', () => {
    expect(parseOne(events.click('myTickets'))).toMatchObject({ kind: 'event', event: { name: 'CLICK', key: 'myTickets' } });
  });
});

describe('deduplication', () => {
  test('when the MsgId exceeds 2^53, then it stays the exact decimal string (a number would round it)', () => {
    const msgId = '6054768590064713728';
    expect(Number(msgId)).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    expect(String(Number(msgId))).not.toBe(msgId);
    const message = parseOne(messages.text('路灯', { MsgId: msgId }));
    expect(message.dedupKey).toBe(msgId);
    expect(message.externalId).toBe(msgId);
    expect((message.raw as Fields).MsgId).toBe(msgId);
  });

  test('when two MsgIds differ only beyond 2^53 precision, then their dedup keys differ', () => {
    const a = parseOne(messages.text('a', { MsgId: '6054768590064713728' }));
    const b = parseOne(messages.text('b', { MsgId: '6054768590064713729' }));
    expect(a.dedupKey).not.toBe(b.dedupKey);
  });

  test('when the same event is pushed again (even with a new timestamp and nonce), then the dedup key is the same', () => {
    const click = events.click('REPORT_NEW');
    expect(parseOne(click).dedupKey).toBe(parseOne(click).dedupKey);
    expect(parseOne(click).dedupKey).toMatch(/^event-[0-9a-f]{64}$/);
  });

  test.each([
    { description: 'another second', change: { CreateTime: '1799999999' } },
    { description: 'another menu key', change: { EventKey: 'EVALUATE' } },
    { description: 'another event', change: { Event: 'VIEW' } },
    { description: 'another citizen', change: { FromUserName: 'oyORnuAnotherCitizen0000000x' } },
    { description: 'another account', change: { ToUserName: 'gh_aaaaaaaaaaaa' } },
  ] as { description: string; change: Fields }[])('when an event differs by $description, then its dedup key differs', ({ change }) => {
    const click = events.click('REPORT_NEW');
    expect(parseOne({ ...click, ...change }).dedupKey).not.toBe(parseOne(click).dedupKey);
  });

  test('when two template delivery results arrive in the same second, then their different msgids keep them apart', () => {
    const first = events.templateFinished('200228332');
    const second = { ...first, MsgID: '200228333' };
    expect(parseOne(first).dedupKey).not.toBe(parseOne(second).dedupKey);
  });

  test.each([
    { description: 'a message', fields: () => messages.text() },
    { description: 'an event', fields: () => events.view('https://a.example/x:y?z=1') },
  ])('when $description becomes a job id, then BullMQ accepts it (no colon, not an integer)', ({ fields }) => {
    const jobId = inboundJobId('wechat', parseOne(fields()).dedupKey);
    expect(jobId).not.toContain(':');
    expect(jobId).toMatch(/^wechat-/);
    expect(Number.isInteger(Number(jobId))).toBe(false);
  });
});

describe('plaintext, compatible and safe mode', () => {
  test('when the account runs in plaintext mode, then a signed plaintext push parses', () => {
    const fields = messages.text('噪音扰民');
    expect(parseOne(fields, 'plaintext')).toMatchObject({ kind: 'text', text: '噪音扰民', dedupKey: fields.MsgId });
  });

  test('when no AES key is configured and WeChat runs compatible mode, then the plaintext fields are read', () => {
    const fields = messages.text('兼容模式');
    const parsed = plain.parse(toRaw(signedPost(fields, { mode: 'compatible' })));
    expect(parsed.ok && parsed.value[0]?.text).toBe('兼容模式');
  });

  test('when no AES key is configured but WeChat sends safe mode, then the parse error says what to configure', () => {
    const req = toRaw(signedPost(messages.text(), { mode: 'safe' }));
    expect(plain.verify(req)).toBe(true);
    const parsed = plain.parse(req);
    expect(!parsed.ok && parsed.error.message).toMatch(/WECHAT_ENCODING_AES_KEY/);
  });

  test('when compatible mode carries different plaintext fields, then only the encrypted (authenticated) message counts', () => {
    const fields = messages.text('真实内容');
    const post = signedPost(fields, { mode: 'compatible' });
    const altered = { ...post, body: post.body.replace('<Content><![CDATA[真实内容]]></Content>', '<Content><![CDATA[伪造]]></Content>') };
    expect(altered.body).not.toBe(post.body);
    const req = toRaw(altered);
    expect(safe.verify(req)).toBe(true);
    const parsed = safe.parse(req);
    expect(parsed.ok && parsed.value[0]?.text).toBe('真实内容');
  });

  test('when the official vector arrives for its account, then it verifies and parses with MsgId intact', () => {
    const vectorAdapter = adapter({ WECHAT_APP_ID: V.appId, WECHAT_TOKEN: V.token, WECHAT_ENCODING_AES_KEY: V.encodingAESKey });
    const query = new URLSearchParams({
      signature: sha1Sorted(V.token, V.timestamp, V.nonce),
      timestamp: V.timestamp,
      nonce: V.nonce,
      openid: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
      encrypt_type: 'aes',
      msg_signature: V.expected.msgSignature,
    });
    const req = toRaw({
      path: `/webhooks/wechat?${query}`,
      body: `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[${V.encrypt}]]></Encrypt></xml>`,
    });
    expect(vectorAdapter.verify(req)).toBe(true);
    const parsed = vectorAdapter.parse(req);
    expect(parsed.ok && parsed.value[0]).toMatchObject({ kind: 'text', text: 'abcdteT', dedupKey: '6054768590064713728' });
  });
});

describe('authenticity', () => {
  const valid = () => toRaw(signedPost(messages.text()));

  test.each([
    { description: 'the signature is forged', req: () => withQuery(valid(), 'signature', forge(valid().query.signature!)) },
    { description: 'the signature is missing', req: () => withQuery(valid(), 'signature', undefined) },
    { description: 'the timestamp was changed', req: () => withQuery(valid(), 'timestamp', '1409735670') },
    { description: 'the msg_signature is forged', req: () => withQuery(valid(), 'msg_signature', forge(valid().query.msg_signature!)) },
    { description: 'the msg_signature is missing', req: () => withQuery(valid(), 'msg_signature', undefined) },
    {
      description: 'it is plaintext although an AES key is configured',
      req: () => toRaw(signedPost(messages.text(), { mode: 'plaintext' })),
    },
    { description: 'encrypt_type was dropped', req: () => withQuery(valid(), 'encrypt_type', undefined) },
    { description: 'it was signed with another Token', req: () => toRaw(signedPost(messages.text(), { token: 'anotherToken' })) },
    { description: 'it was encrypted for another AppId', req: () => toRaw(signedPost(messages.text(), { appId: 'wx0000000000000000' })) },
    {
      description: 'it was encrypted with another key',
      req: () => toRaw(signedPost(messages.text(), { key: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg' })),
    },
    {
      description: 'the Encrypt element was swapped for another message’s',
      req: () => {
        const a = signedPost(messages.text('a'));
        const b = signedPost(messages.text('b'));
        return toRaw({ path: a.path, body: b.body });
      },
    },
  ])('when $description, then verify refuses it', ({ req }) => {
    const request = req();
    expect(safe.verify(request)).toBe(false);
    expect(safe.parse(request).ok).toBe(false);
  });

  test('when a plaintext-mode push is forged, then verify refuses it', () => {
    const req = toRaw(signedPost(messages.text(), { mode: 'plaintext' }));
    expect(plain.verify(req)).toBe(true);
    expect(plain.verify(withQuery(req, 'signature', forge(req.query.signature!)))).toBe(false);
  });
});

describe('malformed but authentic pushes', () => {
  const base = messages.text();
  const without = (fields: Fields, ...names: string[]) => Object.fromEntries(Object.entries(fields).filter(([n]) => !names.includes(n)));
  const cases: { description: string; body: () => Fields | string; mode?: Mode }[] = [
    { description: 'the body is JSON', body: () => '{"MsgType":"text"}' },
    { description: 'the XML is cut off', body: () => toXml(base).slice(0, -10) },
    {
      description: 'the root is not <xml>',
      body: () =>
        toXml(base)
          .replace(/^<xml>/, '<message>')
          .replace(/<\/xml>$/, '</message>'),
    },
    { description: 'it declares a DOCTYPE', body: () => `<!DOCTYPE xml [<!ENTITY a "aaaa">]>${toXml({ ...base, Content: 'x' })}` },
    { description: 'FromUserName is missing', body: () => without(base, 'FromUserName') },
    { description: 'MsgType is missing', body: () => without(base, 'MsgType') },
    { description: 'a text has no Content', body: () => without(base, 'Content') },
    { description: 'MsgId is not a number', body: () => ({ ...base, MsgId: 'abc' }) },
    { description: 'MsgId is missing on a message', body: () => without(base, 'MsgId') },
    { description: 'CreateTime is not Unix seconds', body: () => ({ ...base, CreateTime: '2026-11-21' }) },
    { description: 'an image has no MediaId', body: () => without(messages.image(), 'MediaId') },
    { description: 'a latitude is not a number', body: () => messages.location({ Location_X: 'north' }) },
    { description: 'a latitude is beyond 90', body: () => messages.location({ Location_X: '123.5' }) },
    { description: 'an event has no Event', body: () => without(events.click(), 'Event') },
    { description: 'a LOCATION report has no Latitude', body: () => without(events.location(), 'Latitude') },
    { description: 'Content is an element tree', body: () => toXml(base).replace(/<Content>.*<\/Content>/, '<Content><b>x</b></Content>') },
    {
      description: 'the envelope has no Encrypt',
      body: () => `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName></xml>`,
      mode: 'plaintext',
    },
  ];

  test.each(cases)('when $description, then verify passes and parse returns an error', ({ body, mode }) => {
    const content = body();
    // Most bodies are encrypted as a whole; the envelope case is sent as it is, with a valid signature and encrypt_type=aes.
    const post =
      mode === 'plaintext'
        ? { ...signedPost('', { mode: 'plaintext' }), body: content as string }
        : signedPost(typeof content === 'string' ? content : toXml(content));
    const req = mode === 'plaintext' ? withQuery(toRaw(post), 'encrypt_type', 'aes') : toRaw(post);
    expect(safe.verify(req)).toBe(true);
    const parsed = safe.parse(req);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(/^invalid WeChat/);
  });

  test('when a field is malformed, then the error names it', () => {
    const parsed = safe.parse(toRaw(signedPost({ ...base, MsgId: '12ab' })));
    expect(!parsed.ok && parsed.error.issues).toEqual([{ path: 'MsgId', message: 'must be a decimal message id' }]);
  });
});
