/**
 * Aliyun RPC signature v1.0 for SendSms, and the push authentication (path secret + allowlist).
 * The signature is checked three ways: Aliyun's two published worked examples (ECS DescribeRegions
 * and the SMS SendSms example of the SMS "HTTP协议及签名" page), and a SendSms request of our own
 * whose signature this test derives step by step from the documented algorithm, independently of
 * the adapter's code.
 */
import { createHmac } from 'node:crypto';

import { describe, expect, test } from 'vitest';

import { IpAllowlist } from '../../../channels/sms-aliyun/allowlist.js';
import { canonicalQuery, percentEncode, rpcSignature, rpcStringToSign, signedQuery } from '../../../channels/sms-aliyun/rpc-signature.js';
import { verifyAliyunPush } from '../../../channels/sms-aliyun/signature.js';
import { PUSH_SECRET, pushRequest } from '../../fixtures/sms-aliyun/requests.js';

describe('percent-encoding (RFC 3986 unreserved only)', () => {
  test.each([
    { input: 'AZaz09-_.~', expects: 'AZaz09-_.~' },
    { input: 'a b', expects: 'a%20b' },
    { input: '*', expects: '%2A' },
    { input: "!'()", expects: '%21%27%28%29' },
    { input: '+/=&', expects: '%2B%2F%3D%26' },
    { input: '2016-02-23T12:46:24Z', expects: '2016-02-23T12%3A46%3A24Z' },
    { input: '阿里云', expects: '%E9%98%BF%E9%87%8C%E4%BA%91' },
    { input: '{"content":"x"}', expects: '%7B%22content%22%3A%22x%22%7D' },
  ])('when "$input" is encoded, then it reads $expects', ({ input, expects }) => {
    expect(percentEncode(input)).toBe(expects);
  });
});

describe('published worked examples', () => {
  test('when the ECS DescribeRegions example is signed with "testsecret", then the documented string and signature come out', () => {
    const params = {
      Timestamp: '2016-02-23T12:46:24Z',
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Version: '2014-05-26',
      SignatureVersion: '1.0',
    };
    expect(rpcStringToSign('GET', params)).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1' +
        '%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0' +
        '%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
    expect(rpcSignature('testsecret', 'GET', params)).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  test('when the SendSms example is signed with "testSecret", then the documented signature and URL come out', () => {
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    expect(rpcSignature('testSecret', 'GET', params)).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    expect(signedQuery('testSecret', params)).toBe(
      'Signature=zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D&AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001' +
        '&RegionId=cn-hangzhou&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8' +
        '&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0&TemplateCode=SMS_71390007' +
        '&TemplateParam=%7B%22customer%22%3A%22test%22%7D&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25',
    );
  });
});

describe('a worked example derived from the documented steps', () => {
  // A reply as suqiu sends it: Chinese text with a space, "*", "~" and "(1/2)", which standard URL
  // encoders treat differently from Aliyun's rules.
  const params: Record<string, string> = {
    AccessKeyId: 'LTAI5tSuqiuTestKey',
    Action: 'SendSms',
    Format: 'JSON',
    OutId: '6f1c2a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f-1',
    PhoneNumbers: '13800138000',
    RegionId: 'cn-hangzhou',
    SignName: '某市12345热线',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '0b4f7d2e-6a71-4c8e-9f3a-2d5e8c1b7a90',
    SignatureVersion: '1.0',
    TemplateCode: 'SMS_465871234',
    TemplateParam: '{"content":"(1/2)您的诉求已受理，工单号 20261121-000001。*~"}',
    Timestamp: '2026-11-21T02:00:00Z',
    Version: '2017-05-25',
  };
  const secret = 'suqiuTestSecret0123456789abcdef';

  /** Step 1: each byte of the UTF-8 form outside A-Z a-z 0-9 - _ . ~ becomes %XY, upper-case hex. */
  const encode = (text: string) =>
    [...Buffer.from(text, 'utf8')]
      .map((byte) =>
        /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
          ? String.fromCharCode(byte)
          : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
      )
      .join('');

  test('when the steps are followed by hand, then the adapter computes the same canonical query, string and signature', () => {
    // Step 2: sort by parameter name, join encoded name=value with "&".
    const canonical = Object.keys(params)
      .sort()
      .map((name) => `${encode(name)}=${encode(params[name]!)}`)
      .join('&');
    // Step 3: HTTP method, "&", the encoded "/", "&", the encoded canonical query.
    const stringToSign = `GET&%2F&${encode(canonical)}`;
    // Step 4: HMAC-SHA1 keyed with the secret followed by "&", Base64.
    const signature = createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');

    expect(canonical).toContain('TemplateParam=%7B%22content%22%3A%22%281%2F2%29');
    expect(canonical).toContain('%20');
    expect(canonical).toContain('%2A~');
    expect(canonicalQuery(params)).toBe(canonical);
    expect(rpcStringToSign('GET', params)).toBe(stringToSign);
    expect(rpcSignature(secret, 'GET', params)).toBe(signature);
    expect(signedQuery(secret, params)).toBe(`Signature=${encode(signature)}&${canonical}`);
  });

  test('when a Signature parameter is present, then it takes no part in signing', () => {
    expect(rpcSignature(secret, 'GET', { ...params, Signature: 'x' })).toBe(rpcSignature(secret, 'GET', params));
  });

  test('when any value or the secret changes, then the signature changes', () => {
    const base = rpcSignature(secret, 'GET', params);
    expect(rpcSignature(secret, 'GET', { ...params, PhoneNumbers: '13800138001' })).not.toBe(base);
    expect(rpcSignature(`${secret}x`, 'GET', params)).not.toBe(base);
    expect(rpcSignature(secret, 'POST', params)).not.toBe(base);
  });
});

describe('push authentication', () => {
  const open = new IpAllowlist([]);
  const aliyunOnly = new IpAllowlist(['203.0.113.0/24', '2001:db8:a::/48']);

  test.each([
    { description: 'the right secret from an allowed address', secret: PUSH_SECRET, address: '203.0.113.10', list: aliyunOnly, ok: true },
    {
      description: 'the right secret from an IPv4-mapped allowed address',
      secret: PUSH_SECRET,
      address: '::ffff:203.0.113.77',
      list: aliyunOnly,
      ok: true,
    },
    {
      description: 'the right secret from an allowed IPv6 address',
      secret: PUSH_SECRET,
      address: '2001:db8:a:1::5',
      list: aliyunOnly,
      ok: true,
    },
    { description: 'the right secret from another address', secret: PUSH_SECRET, address: '198.51.100.7', list: aliyunOnly, ok: false },
    { description: 'the right secret with no known address', secret: PUSH_SECRET, address: undefined, list: aliyunOnly, ok: false },
    {
      description: 'a secret with one character changed',
      secret: PUSH_SECRET.replace(/.$/, 'X'),
      address: '203.0.113.10',
      list: aliyunOnly,
      ok: false,
    },
    { description: 'a prefix of the secret', secret: PUSH_SECRET.slice(0, 24), address: '203.0.113.10', list: aliyunOnly, ok: false },
    { description: 'the secret with something appended', secret: `${PUSH_SECRET}x`, address: '203.0.113.10', list: aliyunOnly, ok: false },
    { description: 'an empty secret', secret: '', address: '203.0.113.10', list: aliyunOnly, ok: false },
    { description: 'the right secret, no allowlist configured', secret: PUSH_SECRET, address: '198.51.100.7', list: open, ok: true },
    {
      description: 'a wrong secret, no allowlist configured',
      secret: 'wrong-secret-0123456789abcdef',
      address: '198.51.100.7',
      list: open,
      ok: false,
    },
  ])('when a push comes with $description, then verify is $ok', ({ secret, address, list, ok }) => {
    expect(verifyAliyunPush(pushRequest(undefined, { secret, remoteAddress: address }), PUSH_SECRET, list)).toBe(ok);
  });

  test('when the route gives no secret parameter, then verify fails', () => {
    const req = pushRequest();
    expect(verifyAliyunPush({ ...req, params: {} }, PUSH_SECRET, open)).toBe(false);
  });
});
