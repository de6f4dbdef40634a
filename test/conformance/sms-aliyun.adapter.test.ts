/** The Aliyun SMS channel against the adapter conformance suite, replies going to the fake Aliyun SMS API. */
import { randomUUID } from 'node:crypto';

import { afterAll, describe, expect } from 'vitest';

import { aliyunSmsConfigSchema } from '../../channels/sms-aliyun/definition.js';
import { AliyunSmsAdapter } from '../../channels/sms-aliyun/index.js';
import {
  ALIYUN_PUSH_ADDRESS,
  DEST_CODE,
  PUSH_SECRET,
  pushBody,
  pushItem,
  pushRequest,
  SIGN_NAME,
} from '../fixtures/sms-aliyun/requests.js';
import { startFakeAliyunSms, type FakeAliyunSms } from '../helpers/fakes/sms-aliyun.js';
import { runAdapterConformance } from './channel-adapter.suite.js';

const fakes: FakeAliyunSms[] = [];
afterAll(async () => Promise.all(fakes.map((fake) => fake.close())));

const KEY = { accessKeyId: 'LTAI5tSuqiuTestKey', accessKeySecret: 'suqiuTestSecret0123456789abcdef' };

describe('sms_aliyun channel', () => {
  runAdapterConformance(async () => {
    const aliyun = await startFakeAliyunSms(KEY);
    fakes.push(aliyun);
    const adapter = new AliyunSmsAdapter(
      aliyunSmsConfigSchema.parse({
        pushSecret: PUSH_SECRET,
        allowedIps: ['203.0.113.0/24'],
        signName: SIGN_NAME,
        destCodes: [DEST_CODE],
        ...KEY,
        templateCode: 'SMS_465871234',
        templateParam: 'content',
        paramMaxChars: 35,
        apiBase: aliyun.url,
      }),
      fetch,
    );
    const item = pushItem({ phone_number: '13912345678' });
    return {
      name: 'sms_aliyun',
      adapter,
      valid: () => pushRequest([pushItem(), pushItem()]),
      // Aliyun redelivers the same body (up to ten times) when the first answer was not a 200 with code 0.
      redeliver: (req) => ({ ...req, receivedAt: new Date(req.receivedAt.getTime() + 60_000) }),
      tamper: (req) => ({ ...req, params: { secret: `${PUSH_SECRET.slice(0, -1)}x` } }),
      malformed: [
        { description: 'not JSON', request: () => pushRequest([], { body: '[{"phone_number":"13800138000"' }) },
        { description: 'a number instead of an array', request: () => pushRequest([], { body: '42' }) },
        { description: 'no phone_number', request: () => pushRequest([{ ...pushItem(), phone_number: undefined }]) },
        { description: 'a masked phone_number', request: () => pushRequest([pushItem({ phone_number: '1381111****' })]) },
        {
          description: 'a fractional sequence_id',
          request: () => pushRequest([], { body: pushBody([pushItem({ sequence_id: '12.5' })]) }),
        },
      ],
      // A reply to another signature of the same Aliyun account: stored, not a ticket.
      unknownKind: () => pushRequest([pushItem({ sign_name: '某某物业' })], { remoteAddress: ALIYUN_PUSH_ADDRESS }),
      expected: {
        channel: 'sms_aliyun',
        kind: 'text',
        sender: { phone: expect.stringMatching(/^\+86\d{11}$/), phoneVerified: true },
      },
      reply: {
        purpose: 'reply',
        messageId: randomUUID(),
        channel: 'sms_aliyun',
        channelUserId: `+86${item.phone_number}`,
        text: '您的诉求已受理，工单号 20261121-000001。我们将核实后转交相关部门办理。',
        ticket: { id: randomUUID(), number: '20261121-000001', status: 'ACCEPTED' },
      },
      delivered: async () => {
        expect(aliyun.sends.map((send) => send.TemplateParam.content)).toEqual([
          '(1/2)您的诉求已受理，工单号 20261121-000001。',
          '(2/2)我们将核实后转交相关部门办理。',
        ]);
        for (const send of aliyun.sends)
          expect(send).toMatchObject({ PhoneNumbers: item.phone_number, SignName: SIGN_NAME, TemplateCode: 'SMS_465871234' });
      },
    };
  });
});
