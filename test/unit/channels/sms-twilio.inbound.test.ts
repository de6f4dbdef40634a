/** Twilio webhook → InboundMessage, table-driven (DOMAIN.md §11.2). */
import { describe, expect, test } from 'vitest';

import { parseTwilioRequest } from '../../../channels/sms-twilio/inbound.js';
import type { InboundMessage } from '../../../channels/types.js';
import {
  ACCOUNT_SID,
  CITIZEN_NUMBER,
  formRequest,
  HOTLINE_NUMBER,
  jsonRequest,
  messageSid,
  smsParams,
  type Params,
} from '../../fixtures/sms-twilio/requests.js';

const MEDIA = 'https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/MM1/Media/ME';

function parseOne(params: Params): InboundMessage {
  const parsed = parseTwilioRequest(formRequest(params));
  if (!parsed.ok) throw new Error(parsed.error.message);
  expect(parsed.value).toHaveLength(1);
  return parsed.value[0]!;
}

describe('parsing Twilio webhooks', () => {
  test('when an SMS arrives, then MessageSid is the dedup key and the sender is a verified phone', () => {
    const params = smsParams();
    const message = parseOne(params);
    expect(message).toMatchObject({
      channel: 'sms_twilio',
      dedupKey: params.MessageSid,
      externalId: params.MessageSid,
      channelUserId: CITIZEN_NUMBER,
      sender: { phone: CITIZEN_NUMBER, phoneVerified: true },
      kind: 'text',
      text: params.Body,
      media: [],
      address: { to: HOTLINE_NUMBER },
    });
    // Every parameter is kept, also those suqiu does not read.
    expect(message.raw).toMatchObject({ ToCountry: 'US', NumSegments: '1', ApiVersion: '2010-04-01' });
  });

  const cases: { description: string; params: Params; expects: Partial<InboundMessage> }[] = [
    {
      description: 'an MMS with text and two photos',
      params: smsParams({
        NumMedia: '2',
        MediaUrl0: `${MEDIA}1`,
        MediaContentType0: 'image/jpeg',
        MediaUrl1: `${MEDIA}2`,
        MediaContentType1: 'image/png',
        MessageSid: messageSid('MM'),
      }),
      expects: {
        kind: 'text',
        media: [
          { kind: 'image', url: `${MEDIA}1`, mime: 'image/jpeg' },
          { kind: 'image', url: `${MEDIA}2`, mime: 'image/png' },
        ],
      },
    },
    {
      description: 'a photo without text',
      params: smsParams({ Body: '', NumMedia: '1', MediaUrl0: `${MEDIA}1`, MediaContentType0: 'image/jpeg' }),
      expects: { kind: 'image', text: undefined, media: [{ kind: 'image', url: `${MEDIA}1`, mime: 'image/jpeg' }] },
    },
    {
      description: 'a voice note without text',
      params: smsParams({ Body: '', NumMedia: '1', MediaUrl0: `${MEDIA}1`, MediaContentType0: 'audio/ogg' }),
      expects: { kind: 'voice', media: [{ kind: 'audio', url: `${MEDIA}1`, mime: 'audio/ogg' }] },
    },
    {
      description: 'a video without text',
      params: smsParams({ Body: '', NumMedia: '1', MediaUrl0: `${MEDIA}1`, MediaContentType0: 'video/mp4' }),
      expects: { kind: 'video' },
    },
    {
      description: 'a document without text',
      params: smsParams({ Body: '', NumMedia: '1', MediaUrl0: `${MEDIA}1`, MediaContentType0: 'application/pdf' }),
      expects: { kind: 'text', media: [{ kind: 'file', url: `${MEDIA}1`, mime: 'application/pdf' }] },
    },
    {
      description: 'a WhatsApp message',
      params: smsParams({ From: 'whatsapp:+8613900139000', To: 'whatsapp:+14155550123', ProfileName: '王女士', WaId: '8613900139000' }),
      expects: {
        channelUserId: 'whatsapp:+8613900139000',
        sender: { name: '王女士', phone: '+8613900139000', phoneVerified: true },
        address: { to: 'whatsapp:+14155550123' },
      },
    },
    {
      description: 'a WhatsApp location',
      params: smsParams({
        From: 'whatsapp:+8613900139000',
        Body: '',
        Latitude: '31.2304',
        Longitude: '121.4737',
        Address: '上海市黄浦区人民大道200号',
        Label: '人民广场',
        MessageType: 'location',
      }),
      expects: { kind: 'location', location: { lat: 31.2304, lng: 121.4737, datum: 'WGS84', label: '人民广场' } },
    },
    {
      description: 'a Messenger sender (no phone number)',
      params: smsParams({ From: 'messenger:2468013579' }),
      expects: { channelUserId: 'messenger:2468013579', sender: { name: undefined } },
    },
    {
      description: 'only the legacy SmsSid (older webhooks)',
      params: (() => {
        const params = smsParams({ SmsSid: 'SM' + 'a'.repeat(32) });
        delete params.MessageSid;
        delete params.SmsMessageSid;
        return params;
      })(),
      expects: { dedupKey: 'SM' + 'a'.repeat(32) },
    },
    {
      description: 'STOP under Advanced Opt-Out',
      params: smsParams({ Body: 'STOP', OptOutType: 'STOP' }),
      expects: { kind: 'event', event: { name: 'opt_out.stop', key: 'STOP' }, text: 'STOP' },
    },
    {
      description: 'a WhatsApp reaction (a kind suqiu does not know)',
      params: smsParams({ Body: '', MessageType: 'reaction' }),
      expects: { kind: 'event', event: { name: 'message.reaction' }, text: undefined },
    },
    {
      description: 'an empty SMS',
      params: smsParams({ Body: '' }),
      expects: { kind: 'event', event: { name: 'message.empty' } },
    },
  ];

  test.each(cases)('when $description arrives, then it parses as expected', ({ params, expects }) => {
    expect(parseOne(params)).toMatchObject(expects);
  });

  test('when a delivery-status callback is posted here by mistake, then it is an event of the citizen, one per status', () => {
    const sid = messageSid();
    const status = (value: string) =>
      parseOne({
        MessageSid: sid,
        AccountSid: ACCOUNT_SID,
        From: HOTLINE_NUMBER,
        To: CITIZEN_NUMBER,
        MessageStatus: value,
        SmsStatus: value,
      });
    expect(status('delivered')).toMatchObject({
      kind: 'event',
      channelUserId: CITIZEN_NUMBER,
      event: { name: 'status', key: 'delivered' },
    });
    expect(status('delivered').dedupKey).not.toBe(status('undelivered').dedupKey);
  });

  test('when a JSON webhook arrives, then its fields parse like a form', () => {
    const sid = messageSid();
    const body = JSON.stringify({
      MessageSid: sid,
      AccountSid: ACCOUNT_SID,
      From: CITIZEN_NUMBER,
      To: HOTLINE_NUMBER,
      Body: '噪音扰民',
      NumMedia: 0,
      Nested: { a: 1 },
    });
    const parsed = parseTwilioRequest(jsonRequest(body));
    expect(parsed.ok && parsed.value[0]).toMatchObject({ dedupKey: sid, kind: 'text', text: '噪音扰民', raw: { NumMedia: '0' } });
  });

  test('when the same request is parsed twice, then the results are equal', () => {
    const req = formRequest(smsParams());
    expect(parseTwilioRequest(req)).toEqual(parseTwilioRequest(req));
  });

  test.each([
    {
      description: 'no MessageSid at all',
      params: (() => {
        const p = smsParams();
        delete p.MessageSid;
        delete p.SmsSid;
        delete p.SmsMessageSid;
        return p;
      })(),
      error: 'MessageSid',
    },
    { description: 'a malformed MessageSid', params: smsParams({ MessageSid: 'SM123' }), error: 'MessageSid' },
    {
      description: 'no From',
      params: (() => {
        const p = smsParams();
        delete p.From;
        return p;
      })(),
      error: 'From',
    },
    { description: 'a From that is no address', params: smsParams({ From: 'not a number' }), error: 'From' },
    {
      description: 'NumMedia without its MediaUrl',
      params: smsParams({ NumMedia: '2', MediaUrl0: `${MEDIA}1`, MediaContentType0: 'image/jpeg' }),
      error: 'MediaUrl1',
    },
    {
      description: 'a MediaUrl that is no URL',
      params: smsParams({ NumMedia: '1', MediaUrl0: 'ftp://x', MediaContentType0: 'image/jpeg' }),
      error: 'MediaUrl0',
    },
    { description: 'NumMedia above 10', params: smsParams({ NumMedia: '11' }), error: 'NumMedia' },
    { description: 'NumMedia not a number', params: smsParams({ NumMedia: 'two' }), error: 'NumMedia' },
    { description: 'a latitude without longitude', params: smsParams({ Latitude: '31.2' }), error: 'Longitude' },
  ])('when the webhook has $description, then parse returns an error naming it', ({ params, error }) => {
    const parsed = parseTwilioRequest(formRequest(params));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toContain(error);
  });

  test.each([
    { description: 'not JSON', body: '{"MessageSid":' },
    { description: 'a JSON array', body: '[]' },
  ])('when a JSON webhook is $description, then parse returns an error', ({ body }) => {
    const req = jsonRequest('{}');
    expect(parseTwilioRequest({ ...req, rawBody: Buffer.from(body) }).ok).toBe(false);
  });
});

describe('characters PostgreSQL cannot store', () => {
  test('when a Body carries a NUL character, then it verifies over the original and is stored without it', () => {
    const message = parseOne(smsParams({ Body: '路灯\u0000坏了' }));
    expect(message.text).toBe('路灯坏了');
    expect(message.raw).toMatchObject({ Body: '路灯坏了' });
  });
});
