/** X-Twilio-Signature: the DOMAIN.md §11.2 vectors, their negative cases, and the request-level checks. */
import { createHash } from 'node:crypto';

import { describe, expect, test } from 'vitest';

import { formParams } from '../../../channels/sms-twilio/params.js';
import {
  signatureValid,
  signedUrl,
  stringToSign,
  twilioSignature,
  urlVariants,
  verifyTwilioRequest,
} from '../../../channels/sms-twilio/signature.js';
import type { RawRequest } from '../../../channels/types.js';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  encodeForm,
  formRequest,
  jsonRequest,
  PUBLIC_WEBHOOK_URL,
  signTwilio,
  smsParams,
  withBody,
} from '../../fixtures/sms-twilio/requests.js';
import { FORM_VECTOR, JSON_VECTOR } from '../../fixtures/sms-twilio/vectors.js';
import { rawRequest } from '../../helpers/raw-request.js';

const config = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN };
const paramsOf = (record: Record<string, string>) => new Map(Object.entries(record).map(([name, value]) => [name, [value]]));

/** A vector as a request reaching the server at `url` (its public URL), signed as the vector says. */
function vectorRequest(url: string, body: string, signature: string, contentType: string): RawRequest {
  const parsed = new URL(url);
  return {
    ...rawRequest({ url: parsed.pathname + parsed.search }),
    publicUrl: url,
    rawBody: Buffer.from(body),
    headers: { 'content-type': contentType, 'x-twilio-signature': signature },
  };
}

describe('the DOMAIN.md form-body vector', () => {
  const { authToken, url, params, expectedSignature } = FORM_VECTOR;
  const form = encodeForm(params);

  test('when the string to sign is built, then it is the published one', () => {
    expect(stringToSign(url, paramsOf(params))).toBe(FORM_VECTOR.stringToSign);
  });

  test('when it is signed, then the signature is the published one', () => {
    expect(twilioSignature(authToken, url, paramsOf(params))).toBe(expectedSignature);
  });

  test('when the request arrives as a form, then it verifies', () => {
    expect(signatureValid(vectorRequest(url, form, expectedSignature, 'application/x-www-form-urlencoded'), authToken)).toBe(true);
  });

  test('when Twilio called the URL with :443, then it still verifies (Twilio signs either form)', () => {
    const withPort = url.replace('mycompany.com', 'mycompany.com:443');
    expect(signatureValid(vectorRequest(withPort, form, expectedSignature, 'application/x-www-form-urlencoded'), authToken)).toBe(true);
  });

  test.each(Object.entries(params).map(([name, value]) => ({ name, value })))(
    'when one character of $name changes, then it fails',
    ({ name, value }) => {
      const changed = { ...params, [name]: `${value.slice(0, -1)}9` };
      expect(changed[name]).not.toBe(value);
      expect(
        signatureValid(vectorRequest(url, encodeForm(changed), expectedSignature, 'application/x-www-form-urlencoded'), authToken),
      ).toBe(false);
    },
  );

  test.each([
    { description: 'another auth token', token: '12346', requestUrl: url },
    { description: 'one character of the URL changed', token: authToken, requestUrl: url.replace('foo=1', 'foo=2') },
    {
      description: 'another scheme (a proxy that terminates TLS, misconfigured)',
      token: authToken,
      requestUrl: url.replace('https:', 'http:'),
    },
    { description: 'another port', token: authToken, requestUrl: url.replace('mycompany.com', 'mycompany.com:8443') },
  ])('when checked with $description, then it fails', ({ token, requestUrl }) => {
    expect(signatureValid(vectorRequest(requestUrl, form, expectedSignature, 'application/x-www-form-urlencoded'), token)).toBe(false);
  });

  test('when a parameter is added that Twilio did not sign, then it fails', () => {
    const extra = `${form}&Injected=1`;
    expect(signatureValid(vectorRequest(url, extra, expectedSignature, 'application/x-www-form-urlencoded'), authToken)).toBe(false);
  });

  test('when the header is missing or empty, then it fails', () => {
    const req = vectorRequest(url, form, expectedSignature, 'application/x-www-form-urlencoded');
    expect(signatureValid({ ...req, headers: { ...req.headers, 'x-twilio-signature': undefined } }, authToken)).toBe(false);
    expect(signatureValid({ ...req, headers: { ...req.headers, 'x-twilio-signature': '' } }, authToken)).toBe(false);
  });
});

describe('the DOMAIN.md JSON-body vector', () => {
  const { authToken, url, body, bodySHA256, expectedSignature } = JSON_VECTOR;

  test('when the body is hashed, then it is the bodySHA256 of the URL', () => {
    expect(createHash('sha256').update(body).digest('hex')).toBe(bodySHA256);
  });

  test('when the URL alone is signed, then the signature is the published one', () => {
    expect(twilioSignature(authToken, url)).toBe(expectedSignature);
  });

  test('when the request arrives, then it verifies', () => {
    expect(signatureValid(vectorRequest(url, body, expectedSignature, 'application/json'), authToken)).toBe(true);
  });

  test.each([
    { description: 'one character of the body changed', token: authToken, requestBody: body.replace('value', 'valuf') },
    { description: 'the body re-serialised (whitespace dropped)', token: authToken, requestBody: JSON.stringify(JSON.parse(body)) },
    { description: 'another auth token', token: '54321', requestBody: body },
  ])('when $description, then it fails', ({ token, requestBody }) => {
    expect(signatureValid(vectorRequest(url, requestBody, expectedSignature, 'application/json'), token)).toBe(false);
  });

  test('when the URL carries :443, then it still verifies', () => {
    const withPort = url.replace('mycompany.com', 'mycompany.com:443');
    expect(signatureValid(vectorRequest(withPort, body, expectedSignature, 'application/json'), authToken)).toBe(true);
  });
});

describe('urlVariants', () => {
  test.each([
    { url: 'https://a.example/x?y=1', expects: ['https://a.example/x?y=1', 'https://a.example:443/x?y=1'] },
    { url: 'https://a.example:443/x', expects: ['https://a.example:443/x', 'https://a.example/x'] },
    { url: 'http://a.example/x', expects: ['http://a.example/x', 'http://a.example:80/x'] },
    { url: 'http://a.example:80/x', expects: ['http://a.example:80/x', 'http://a.example/x'] },
    { url: 'https://a.example:8443/x', expects: ['https://a.example:8443/x'] },
    { url: 'https://u:p@a.example/x', expects: ['https://u:p@a.example/x', 'https://u:p@a.example:443/x'] },
    { url: 'https://[2001:db8::1]/x', expects: ['https://[2001:db8::1]/x', 'https://[2001:db8::1]:443/x'] },
    // The path and query stay byte for byte, however they were encoded.
    { url: 'https://a.example/%7Ex?q=a%20b', expects: ['https://a.example/%7Ex?q=a%20b', 'https://a.example:443/%7Ex?q=a%20b'] },
  ])('when the URL is $url, then the variants are $expects', ({ url, expects }) => {
    expect(urlVariants(url)).toEqual(expects);
  });
});

describe('verifying a webhook request', () => {
  test('when an SMS is signed over the public URL, then it verifies', () => {
    expect(verifyTwilioRequest(formRequest(), config)).toBe(true);
  });

  test('when the Body is whitespace-trimmed after signing (a framework that trims fields), then it fails', () => {
    const params = smsParams({ Body: '  路灯不亮了  ' });
    const req = formRequest(params);
    expect(verifyTwilioRequest(req, config)).toBe(true);
    expect(verifyTwilioRequest(withBody(req, { ...params, Body: '路灯不亮了' }), config)).toBe(false);
  });

  test('when Twilio sends a parameter suqiu does not know, then it is signed over and verifies', () => {
    expect(verifyTwilioRequest(formRequest(smsParams({ AddOns: '{"status":"successful"}', NewParam2031: 'x' })), config)).toBe(true);
  });

  test('when a parameter name repeats, then every value counts, sorted', () => {
    const params = smsParams({ Tag: ['b', 'a', 'c'] });
    const req = formRequest(params);
    expect(verifyTwilioRequest(req, config)).toBe(true);
    expect(stringToSign('u', formParams(req.rawBody))).toContain('TagaTagbTagc');
    expect(verifyTwilioRequest(withBody(req, { ...params, Tag: ['a', 'c'] }), config)).toBe(false);
  });

  test('when the signature is valid but AccountSid is another account, then it fails', () => {
    expect(verifyTwilioRequest(formRequest(smsParams({ AccountSid: 'AC' + 'f'.repeat(32) })), config)).toBe(false);
  });

  test('when AccountSid is missing, then it fails', () => {
    const params = smsParams();
    delete params.AccountSid;
    expect(verifyTwilioRequest(formRequest(params), config)).toBe(false);
  });

  test('when TWILIO_WEBHOOK_URL is configured, then it is what counts, with the request query appended', () => {
    const configured = 'https://sms.hotline.example.gov.cn/twilio-in';
    const req = formRequest(smsParams(), { url: `${configured}?tenant=a`, path: '/webhooks/twilio?tenant=a' });
    expect(signedUrl(req, configured)).toBe(`${configured}?tenant=a`);
    expect(verifyTwilioRequest(req, { ...config, webhookUrl: configured })).toBe(true);
    expect(verifyTwilioRequest(req, config)).toBe(false);
  });

  test('when a JSON webhook carries our AccountSid, then it verifies; its body changed, it fails', () => {
    const body = JSON.stringify({ MessageSid: 'SM' + '1'.repeat(32), AccountSid: ACCOUNT_SID, From: '+8613800138000', Body: 'hi' });
    const req = jsonRequest(body);
    expect(verifyTwilioRequest(req, config)).toBe(true);
    expect(verifyTwilioRequest({ ...req, rawBody: Buffer.from(body.replace('hi', 'ho')) }, config)).toBe(false);
  });

  test('when the public URL is not what Twilio signed, then it fails', () => {
    const req = formRequest(smsParams(), { url: 'https://elsewhere.example/webhooks/twilio' });
    expect(req.publicUrl).toBe(PUBLIC_WEBHOOK_URL);
    expect(verifyTwilioRequest(req, config)).toBe(false);
  });

  test('when the fixture signer and the adapter sign the same thing, then they agree', () => {
    const params = smsParams();
    expect(twilioSignature(AUTH_TOKEN, PUBLIC_WEBHOOK_URL, formParams(Buffer.from(encodeForm(params))))).toBe(
      signTwilio(AUTH_TOKEN, PUBLIC_WEBHOOK_URL, params),
    );
  });
});
