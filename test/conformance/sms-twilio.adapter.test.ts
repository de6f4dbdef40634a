/** The Twilio SMS channel against the adapter conformance suite, replies going to the fake Twilio. */
import { randomUUID } from 'node:crypto';

import { afterAll, describe, expect } from 'vitest';

import { twilioConfigSchema } from '../../channels/sms-twilio/definition.js';
import { TwilioSmsAdapter } from '../../channels/sms-twilio/index.js';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  CITIZEN_NUMBER,
  formRequest,
  HOTLINE_NUMBER,
  smsParams,
  withBody,
  type Params,
} from '../fixtures/sms-twilio/requests.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fakes/sms-twilio.js';
import { runAdapterConformance } from './channel-adapter.suite.js';

const fakes: FakeTwilio[] = [];
afterAll(async () => Promise.all(fakes.map((fake) => fake.close())));

/** The params of a request, read back from its form body (to tamper with one value). */
const paramsOf = (body: Buffer): Params => {
  const params: Params = {};
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params[name] = value;
  return params;
};

const without = (params: Params, ...names: string[]): Params =>
  Object.fromEntries(Object.entries(params).filter(([name]) => !names.includes(name)));

describe('sms_twilio channel', () => {
  runAdapterConformance(async () => {
    const twilio = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    fakes.push(twilio);
    const adapter = new TwilioSmsAdapter(
      twilioConfigSchema.parse({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: HOTLINE_NUMBER, apiBase: twilio.url }),
      fetch,
    );
    const body = '幸福路和建设路交叉口的红绿灯坏了，早高峰很危险';
    return {
      name: 'sms_twilio',
      adapter,
      valid: () => formRequest(smsParams({ Body: body })),
      // Twilio retries the same request; only when it arrives differs.
      redeliver: (req) => ({ ...req, receivedAt: new Date(req.receivedAt.getTime() + 15_000) }),
      tamper: (req) => {
        const params = paramsOf(req.rawBody);
        return withBody(req, { ...params, Body: `${String(params.Body)}。` });
      },
      malformed: [
        { description: 'no MessageSid', request: () => formRequest(without(smsParams(), 'MessageSid', 'SmsSid', 'SmsMessageSid')) },
        { description: 'no From', request: () => formRequest(without(smsParams(), 'From')) },
        { description: 'From is no address', request: () => formRequest(smsParams({ From: '谁' })) },
        { description: 'NumMedia without MediaUrl0', request: () => formRequest(smsParams({ NumMedia: '1' })) },
        { description: 'MediaUrl0 is no URL', request: () => formRequest(smsParams({ NumMedia: '1', MediaUrl0: 'photo.jpg' })) },
        { description: 'NumMedia is not a count', request: () => formRequest(smsParams({ NumMedia: '-1' })) },
      ],
      unknownKind: () => formRequest(smsParams({ Body: '', MessageType: 'reaction', From: 'whatsapp:+8613900139000' })),
      expected: {
        channel: 'sms_twilio',
        kind: 'text',
        text: body,
        channelUserId: CITIZEN_NUMBER,
        sender: expect.objectContaining({ phone: CITIZEN_NUMBER, phoneVerified: true }),
        address: { to: HOTLINE_NUMBER },
      },
      reply: {
        purpose: 'reply',
        messageId: randomUUID(),
        channel: 'sms_twilio',
        channelUserId: CITIZEN_NUMBER,
        text: '您的诉求已受理，工单号 20261121-000001。',
        ticket: { id: randomUUID(), number: '20261121-000001', status: 'ACCEPTED' },
        address: { to: HOTLINE_NUMBER },
      },
      delivered: async () => {
        expect(twilio.messages.at(-1)).toMatchObject({
          To: CITIZEN_NUMBER,
          From: HOTLINE_NUMBER,
          Body: '您的诉求已受理，工单号 20261121-000001。',
        });
      },
    };
  });
});
