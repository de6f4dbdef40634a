/** Open311 POST requests: form decoding, validation, identity, dedup keys and the 404 prechecks. */
import { describe, expect, test } from 'vitest';

import { open311ConfigSchema, open311FromEnv } from '../../../channels/open311/definition.js';
import { decodeForm } from '../../../channels/open311/form.js';
import { channelUserId, dedupKey, fullName, parseOpen311Request, type Open311Raw } from '../../../channels/open311/inbound.js';
import { open311Binding } from '../../../channels/open311/index.js';
import { precheckCreate } from '../../../channels/open311/signature.js';
import { NotFoundError } from '../../../core/errors/index.js';
import { PRINCIPAL, SPEC_EXAMPLE_BODY, encodeForm, open311Fields, open311Request } from '../../fixtures/open311/requests.js';

const config = open311ConfigSchema.parse({
  enabled: true,
  jurisdictionId: 'hotline.example.gov.cn',
  contact: '热线',
  serviceNotice: '已收到',
});

function parsedMessage(body: string, headers: Record<string, string> = {}) {
  const parsed = parseOpen311Request(open311Request(body, { headers }));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value[0]!;
}

describe('form decoding', () => {
  const cases = [
    { description: 'when a value is plain, then it is a string', body: 'attribute[A]=1', expects: { A: '1' } },
    { description: 'when a code ends in [], then it is a list', body: 'attribute[A][]=1&attribute[A][]=2', expects: { A: ['1', '2'] } },
    {
      description: 'when a plain code repeats, then the values become a list',
      body: 'attribute[A]=1&attribute[A]=2',
      expects: { A: ['1', '2'] },
    },
    { description: 'when a single [] value is sent, then it is still a list', body: 'attribute[A][]=x', expects: { A: ['x'] } },
    {
      description: 'when brackets are percent-encoded, then they decode the same',
      body: 'attribute%5BA%5D%5B%5D=%E6%98%AF',
      expects: { A: ['是'] },
    },
    { description: 'when an attribute value is empty, then it is absent', body: 'attribute[A]=&attribute[B][]=', expects: {} },
    {
      description: 'when the code is __proto__, then it is an ordinary key',
      body: 'attribute[__proto__]=1',
      expects: { ['__proto__']: '1' },
    },
  ];
  test.each(cases)('$description', ({ body, expects }) => {
    const decoded = decodeForm(Buffer.from(body));
    expect(decoded.ok && decoded.value.attributes).toEqual(expects);
  });

  test('when the api_key is in the body, then it is dropped; empty fields are absent; CRLF becomes LF', () => {
    const decoded = decodeForm(Buffer.from('api_key=sqk_secret&email=&description=%E4%B8%80%0D%0A%E4%BA%8C&constructor=x'));
    expect(decoded.ok && decoded.value.fields).toEqual({ description: '一\n二', constructor: 'x' });
  });

  test.each([
    { description: 'a field repeats', body: 'description=a&description=b' },
    { description: 'an attribute key is nested deeper', body: 'attribute[a][b]=1' },
    { description: 'an attribute key has no code', body: 'attribute[]=1' },
  ])('when $description, then decoding fails', ({ body }) => {
    expect(decodeForm(Buffer.from(body)).ok).toBe(false);
  });
});

describe('the specification example (DOMAIN.md §11.6)', () => {
  test('when the example POST is parsed, then every field lands where suqiu keeps it and the api_key is not stored', () => {
    const message = parsedMessage(SPEC_EXAMPLE_BODY);
    expect(message).toMatchObject({
      channel: 'open311',
      kind: 'text',
      text: 'A large sinkhole is destroying the street',
      channelUserId: 'city-app:account:123456',
      sender: { name: 'john smith', phone: '111111111' },
      location: { lat: 37.76524078, lng: -122.4212043, datum: 'WGS84', label: '1234 5th street' },
      locationText: '1234 5th street',
      media: [{ kind: 'image', url: 'http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg' }],
      raw: {
        jurisdiction_id: 'city.gov',
        service_code: '001',
        email: 'smit333@sfgov.edu',
        device_id: 'tt222111',
        attributes: { WHISPAWN: '123456', WHISDORN: 'COISL001' },
      },
    });
    expect(message.dedupKey).toMatch(/^city-app:hash:[0-9a-f]{64}$/);
    expect(JSON.stringify(message)).not.toContain('xyz');
  });
});

describe('validation', () => {
  const long = '很'.repeat(4_001);
  const cases: { description: string; fields: Record<string, string | undefined>; error: RegExp }[] = [
    { description: 'service_code is missing', fields: { service_code: undefined }, error: /service_code: required/ },
    { description: 'description is missing', fields: { description: undefined }, error: /description: required/ },
    { description: 'description is only spaces', fields: { description: '   ' }, error: /description: required/ },
    { description: 'description has more than 4000 characters', fields: { description: long }, error: /4000/ },
    { description: 'description contains HTML', fields: { description: '路灯坏了<script>x</script>' }, error: /HTML/ },
    { description: 'no location is given', fields: { lat: undefined, long: undefined, address_string: undefined }, error: /location/ },
    { description: 'lat comes without long', fields: { long: undefined, address_string: undefined }, error: /together/ },
    { description: 'lat is out of range', fields: { lat: '91' }, error: /between/ },
    { description: 'long is not a number', fields: { long: '121,47' }, error: /decimal degrees/ },
    { description: 'the e-mail is not one', fields: { email: 'not-mail' }, error: /e-mail/ },
    { description: 'the phone is letters', fields: { phone: 'call me' }, error: /phone/ },
    { description: 'media_url is not http(s)', fields: { media_url: 'ftp://example.com/a.jpg' }, error: /http/ },
  ];
  test.each(cases)('when $description, then parse refuses it with a reason', ({ fields, error }) => {
    const parsed = parseOpen311Request(open311Request(encodeForm(open311Fields(fields))));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(error);
  });

  test.each([
    { description: 'only address_string is given', fields: { lat: undefined, long: undefined } },
    { description: 'only address_id is given', fields: { lat: undefined, long: undefined, address_string: undefined, address_id: 'A-17' } },
    { description: 'description has exactly 4000 characters', fields: { description: '很'.repeat(4_000) } },
    { description: 'description has a < that is no tag', fields: { description: '温度 < 5 度，暖气不热' } },
  ])('when $description, then parse accepts it', ({ fields }) => {
    expect(parseOpen311Request(open311Request(encodeForm(open311Fields(fields)))).ok).toBe(true);
  });

  test('when only address_id is given, then agents see it as the location text', () => {
    const message = parsedMessage(
      encodeForm(open311Fields({ lat: undefined, long: undefined, address_string: undefined, address_id: 'A-17' })),
    );
    expect(message.location).toBeUndefined();
    expect(message.locationText).toBe('地址编号 A-17');
  });

  test.each<{ description: string; headers: Record<string, string>; error: RegExp }>([
    { description: 'the body is JSON', headers: { 'content-type': 'application/json' }, error: /x-www-form-urlencoded/ },
    { description: 'the charset is GBK', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=GBK' }, error: /UTF-8/ },
    { description: 'the Idempotency-Key has spaces', headers: { 'idempotency-key': 'a b' }, error: /Idempotency-Key/ },
  ])('when $description, then parse refuses it', ({ headers, error }) => {
    const parsed = parseOpen311Request(open311Request(encodeForm(open311Fields()), { headers }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(error);
  });

  test('when no API key was resolved, then verify and parse refuse the request', () => {
    const binding = open311Binding(config);
    const req = open311Request(undefined, { principal: null });
    expect(binding.adapter.verify(req)).toBe(false);
    expect(binding.adapter.parse(req).ok).toBe(false);
  });
});

describe('identity and dedup keys', () => {
  const base: Open311Raw = { service_code: 'X', description: 'd', address_string: 'a', attributes: {} };

  test.each([
    {
      description: 'an account id wins',
      raw: { ...base, account_id: '7', device_id: 'd', email: 'e@x.cn' },
      expects: 'city-app:account:7',
    },
    { description: 'a device id comes next', raw: { ...base, device_id: 'd', email: 'e@x.cn' }, expects: 'city-app:device:d' },
    { description: 'an e-mail is lower-cased', raw: { ...base, email: 'Li@Example.CN' }, expects: 'city-app:email:li@example.cn' },
    { description: 'a mobile number is normalised', raw: { ...base, phone: '138 0013 8000' }, expects: 'city-app:phone:+8613800138000' },
  ])('when $description, then the channel user id says which it is', ({ raw, expects }) => {
    expect(channelUserId(raw, 'city-app')).toBe(expects);
  });

  test('when the reporter gives nothing to recognise them by, then each request is its own anonymous reporter', () => {
    expect(channelUserId(base, 'city-app')).toMatch(/^city-app:anonymous:[0-9a-f]{16}$/);
    expect(channelUserId({ ...base, description: 'other' }, 'city-app')).not.toBe(channelUserId(base, 'city-app'));
  });

  test('when an Idempotency-Key is sent, then it is the key, scoped by source', () => {
    const message = parsedMessage(encodeForm(open311Fields()), { 'idempotency-key': 'a7f3-retry-1' });
    expect(message.dedupKey).toBe('city-app:key:a7f3-retry-1');
    expect(dedupKey({ ...base, idempotency_key: 'k' }, 'other-app')).toBe('other-app:key:k');
  });

  test('when the same content is posted again, then the hash is the same; other content or another source changes it', () => {
    const fields = open311Fields();
    const first = parsedMessage(encodeForm(fields));
    expect(parsedMessage(encodeForm(fields)).dedupKey).toBe(first.dedupKey);
    expect(parsedMessage(encodeForm({ ...fields, description: `${String(fields.description)}！` })).dedupKey).not.toBe(first.dedupKey);
    expect(dedupKey(base, 'a')).not.toBe(dedupKey(base, 'b'));
  });

  test.each([
    { first: '三', last: '张', expects: '张三' },
    { first: 'john', last: 'smith', expects: 'john smith' },
    { first: undefined, last: '张', expects: '张' },
    { first: undefined, last: undefined, expects: undefined },
  ])('when the name is $first + $last, then it reads $expects', ({ first, last, expects }) => {
    expect(fullName(first, last)).toBe(expects);
  });
});

describe('prechecks that answer 404', () => {
  const isService = (code: string) => code === 'URBAN.SANITATION';
  const run =
    (body: string, format = 'json') =>
    () =>
      precheckCreate(open311Request(body, { format }), 'hotline.example.gov.cn', isService);

  test('when the format is neither json nor xml, then it is not found', () => {
    expect(run(encodeForm(open311Fields()), 'html')).toThrow(NotFoundError);
  });

  test('when the jurisdiction_id names another jurisdiction, then it is not found', () => {
    expect(run(encodeForm(open311Fields({ jurisdiction_id: 'other.gov.cn' })))).toThrow(/jurisdiction_id other.gov.cn not found/);
  });

  test('when the jurisdiction_id is this one or absent, then it passes', () => {
    expect(run(encodeForm(open311Fields({ jurisdiction_id: 'hotline.example.gov.cn' })))).not.toThrow();
    expect(run(encodeForm(open311Fields()))).not.toThrow();
  });

  test('when the service_code is not a live leaf, then it is not found', () => {
    expect(run(encodeForm(open311Fields({ service_code: 'URBAN' })))).toThrow(/service_code URBAN not found/);
  });

  test('when the binding authenticates a request, then it passes the resolved principal on', async () => {
    const binding = open311Binding(config, isService);
    await expect(binding.http!.authenticate!(open311Request())).resolves.toEqual(PRINCIPAL);
    await expect(binding.http!.authenticate!(open311Request(encodeForm(open311Fields({ service_code: 'NOPE' }))))).rejects.toThrow(
      NotFoundError,
    );
  });
});

describe('configuration', () => {
  const shared = { secret: 's'.repeat(32), webchatTokenTtlMs: 1 };

  test.each([
    { env: {}, expects: undefined },
    { env: { OPEN311_ENABLED: 'false' }, expects: undefined },
    { env: { OPEN311_ENABLED: ' ' }, expects: undefined },
  ])('when OPEN311_ENABLED is $env.OPEN311_ENABLED, then the channel is off', ({ env, expects }) => {
    expect(open311FromEnv(env, shared)).toBe(expects);
  });

  test('when OPEN311_ENABLED=true, then defaults fill the texts and SUQIU_PUBLIC_URL is kept', () => {
    const raw = open311FromEnv({ OPEN311_ENABLED: 'true' }, { ...shared, publicUrl: 'https://hotline.example.gov.cn' });
    expect(open311ConfigSchema.parse(raw)).toMatchObject({ enabled: true, publicUrl: 'https://hotline.example.gov.cn' });
  });

  test('when OPEN311_ENABLED is neither true nor false, or the jurisdiction has spaces, then the start fails', () => {
    expect(open311ConfigSchema.safeParse(open311FromEnv({ OPEN311_ENABLED: 'yes' }, shared)).success).toBe(false);
    const spaced = open311FromEnv({ OPEN311_ENABLED: 'true', OPEN311_JURISDICTION_ID: 'a b' }, shared);
    expect(open311ConfigSchema.safeParse(spaced).success).toBe(false);
  });
});
