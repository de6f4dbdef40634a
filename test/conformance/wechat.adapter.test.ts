/**
 * The WeChat Official Account channel (safe mode, as recommended) against the adapter conformance
 * suite, then its quick replies: choices out as a msgmenu, a tapped option back as a callback.
 */
import { randomUUID } from 'node:crypto';

import { afterAll, describe, expect, test } from 'vitest';

import type { RawRequest } from '../../channels/types.js';
import { wechatConfigSchema, wechatFromEnv } from '../../channels/wechat/definition.js';
import { WeChatAdapter } from '../../channels/wechat/index.js';
import { MemoryTokenStore } from '../../core/tokens/token-store.js';
import {
  ACCOUNT,
  APP_ID,
  APP_SECRET,
  ENCODING_AES_KEY,
  forge,
  messages,
  OPENID,
  signedPost,
  toRaw,
  toXml,
  TOKEN,
  withQuery,
  type Fields,
} from '../fixtures/wechat/requests.js';
import { startFakeWeChat, type FakeWeChat } from '../helpers/fakes/wechat.js';
import { runAdapterConformance } from './channel-adapter.suite.js';

const fakes: FakeWeChat[] = [];
afterAll(async () => Promise.all(fakes.map((fake) => fake.close())));

describe('wechat channel', () => {
  runAdapterConformance(async () => {
    const wechat = await startFakeWeChat({ appId: APP_ID, appSecret: APP_SECRET });
    fakes.push(wechat);
    const config = wechatConfigSchema.parse(
      wechatFromEnv({
        WECHAT_APP_ID: APP_ID,
        WECHAT_APP_SECRET: APP_SECRET,
        WECHAT_TOKEN: TOKEN,
        WECHAT_ENCODING_AES_KEY: ENCODING_AES_KEY,
        WECHAT_API_BASE: wechat.url,
      }),
    );
    const adapter = new WeChatAdapter(config, { fetch, tokens: new MemoryTokenStore() });
    const text = '幸福路和建设路交叉口的红绿灯坏了，早高峰很危险';
    const base = messages.text(text);
    const encrypted = (body: string) => toRaw(signedPost(body));
    const sent = new WeakMap<RawRequest, Fields>();
    return {
      name: 'wechat',
      adapter,
      valid: () => {
        const fields = messages.text(text);
        const req = toRaw(signedPost(fields));
        sent.set(req, fields);
        return req;
      },
      // WeChat's retry: the same message, signed with a new timestamp and nonce (and a new random prefix), arriving later.
      redeliver: (req) => {
        const retried = signedPost(sent.get(req)!, { timestamp: String(Number(req.query.timestamp) + 5), nonce: '424242' });
        return toRaw(retried, new Date(req.receivedAt.getTime() + 5_000));
      },
      tamper: (req) => withQuery(req, 'msg_signature', forge(req.query.msg_signature!)),
      malformed: [
        { description: 'decrypted body is not XML', request: () => encrypted('小区门口路灯坏了') },
        { description: 'no FromUserName', request: () => encrypted(toXml({ ...base, FromUserName: '' })) },
        {
          description: 'text without Content',
          request: () =>
            encrypted(toXml({ ToUserName: ACCOUNT, FromUserName: OPENID, CreateTime: '1790000000', MsgType: 'text', MsgId: '1' })),
        },
        { description: 'MsgId not a number', request: () => encrypted(toXml({ ...base, MsgId: 'x1' })) },
        { description: 'location without coordinates', request: () => encrypted(toXml({ ...messages.location(), Location_X: '' })) },
        {
          description: 'envelope without Encrypt',
          request: () =>
            withQuery(
              toRaw({ ...signedPost('', { mode: 'plaintext' }), body: `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName></xml>` }),
              'encrypt_type',
              'aes',
            ),
        },
      ],
      unknownKind: () => toRaw(signedPost({ ...messages.text(), MsgType: 'miniprogrampage', Content: '', Title: '小程序' })),
      expected: { channel: 'wechat', kind: 'text', text, channelUserId: OPENID, media: [] },
      reply: {
        purpose: 'reply',
        messageId: randomUUID(),
        channel: 'wechat',
        channelUserId: OPENID,
        text: '您的诉求已受理，工单号 20261121-000001。',
        ticket: { id: randomUUID(), number: '20261121-000001', status: 'ACCEPTED' },
      },
      delivered: async () => {
        expect(wechat.customMessages.at(-1)).toMatchObject({
          touser: OPENID,
          msgtype: 'text',
          text: { content: '您的诉求已受理，工单号 20261121-000001。' },
        });
        expect(wechat.tokenFetches).toBe(1);
      },
    };
  });

  describe('quick replies', () => {
    async function adapterWithFake() {
      const wechat = await startFakeWeChat({ appId: APP_ID, appSecret: APP_SECRET });
      fakes.push(wechat);
      const config = wechatConfigSchema.parse(
        wechatFromEnv({
          WECHAT_APP_ID: APP_ID,
          WECHAT_APP_SECRET: APP_SECRET,
          WECHAT_TOKEN: TOKEN,
          WECHAT_ENCODING_AES_KEY: ENCODING_AES_KEY,
          WECHAT_API_BASE: wechat.url,
        }),
      );
      return { wechat, adapter: new WeChatAdapter(config, { fetch, tokens: new MemoryTokenStore() }) };
    }

    test('when a reply offers choices, then WeChat receives one msgmenu whose option ids are the values', async () => {
      const { wechat, adapter } = await adapterWithFake();
      const messageId = randomUUID();
      const text = '请确认：幸福路 12 号路灯不亮。';
      const choices = [
        { label: '确认提交', value: 'confirm' },
        { label: '修改', value: 'edit' },
      ];
      expect(await adapter.send({ purpose: 'reply', messageId, channel: 'wechat', channelUserId: OPENID, text, choices })).toEqual({
        externalId: messageId,
      });
      expect(wechat.customMessages).toEqual([
        {
          accessToken: expect.any(String),
          touser: OPENID,
          msgtype: 'msgmenu',
          msgmenu: {
            head_content: text,
            list: [
              { id: 'confirm', content: '确认提交' },
              { id: 'edit', content: '修改' },
            ],
            tail_content: '',
          },
        },
      ]);
    });

    test('when the citizen taps an option, then the push verifies and parses into a callback event, the same on a retry', async () => {
      const { adapter } = await adapterWithFake();
      const fields = messages.menuChoice('确认提交', 'confirm');
      const req = toRaw(signedPost(fields));
      expect(adapter.verify(req)).toBe(true);
      const parsed = adapter.parse(req);
      expect(parsed.ok && parsed.value).toEqual([
        expect.objectContaining({ kind: 'event', event: { name: 'callback', key: 'confirm' }, text: '确认提交', dedupKey: fields.MsgId }),
      ]);
      const retried = adapter.parse(toRaw(signedPost(fields, { nonce: '424242' })));
      expect(retried.ok && retried.value[0]!.dedupKey).toBe(fields.MsgId);
    });
  });
});
