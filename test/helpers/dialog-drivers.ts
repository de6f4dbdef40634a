/**
 * A citizen talking to suqiu through a real channel: web chat over its HTTP API, WeChat through signed
 * (safe-mode) webhook posts with replies read from the fake WeChat server, Telegram through
 * secret-checked updates with replies read from the fake Bot API. The same dialog script runs
 * through each (test/component/dialog.test.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { expect } from 'vitest';

import { TELEGRAM_SECRET, TELEGRAM_TOKEN, privateMessage, update } from '../fixtures/telegram/updates.js';
import { APP_ID, APP_SECRET, ENCODING_AES_KEY, TOKEN, events, messages, signedPost } from '../fixtures/wechat/requests.js';
import type { FakeTelegram } from './fakes/telegram.js';
import type { FakeWeChat } from './fakes/wechat.js';
import { http, waitFor } from './http.js';

export interface Reply {
  text: string;
  choices: { label: string; value: string }[];
}

/** What a citizen can send: words, a button press, a shared location, a photo, a follow. */
export type Utterance =
  | string
  /** A button, by its value or its label. */
  | { choice: string }
  | { location: { lat: number; lng: number; label: string } }
  | { photo: true }
  | { follow: true };

export interface Citizen {
  /** The channel and the citizen's id on it (ChannelIdentity). */
  channel: string;
  channelUserId: string;
  send(utterance: Utterance): Promise<void>;
  /** Replies not read yet, waiting until `count` have arrived. */
  replies(count?: number): Promise<Reply[]>;
  /** Waits a moment and returns whatever arrived (for turns the bot must not answer). */
  silence(): Promise<Reply[]>;
}

export interface Driver {
  channel: string;
  env(): Record<string, string>;
  citizen(url: string): Promise<Citizen>;
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Reads replies from a growing list, remembering how many were read. */
function reader(list: () => Promise<Reply[]>) {
  let seen = 0;
  return {
    replies: async (count = 1) => {
      const all = await waitFor(
        async () => {
          const current = await list();
          return current.length >= seen + count ? current : undefined;
        },
        20_000,
        `${count} more bot replies`,
      );
      const fresh = all.slice(seen);
      seen = all.length;
      return fresh;
    },
    silence: async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const current = await list();
      const fresh = current.slice(seen);
      seen = current.length;
      return fresh;
    },
  };
}

export const webDriver: Driver = {
  channel: 'web',
  env: () => ({}),
  citizen: async (url) => {
    const session = await http(`${url}/api/v1/webchat/sessions`, { body: { locale: 'zh' } });
    expect(session.status).toBe(201);
    const token = session.body.token as string;
    const post = async (body: Record<string, unknown>) => {
      const response = await http(`${url}/api/v1/webchat/messages`, { body: { clientMessageId: randomUUID(), ...body }, token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    };
    const read = reader(async () => {
      const items = (await http(`${url}/api/v1/webchat/messages`, { token })).body.items as {
        direction: string;
        text: string;
        choices?: Reply['choices'];
      }[];
      return items.filter((m) => m.direction === 'OUTBOUND').map((m) => ({ text: m.text, choices: m.choices ?? [] }));
    });
    let lastChoices: Reply['choices'] = [];
    return {
      channel: 'web',
      channelUserId: session.body.sessionId as string,
      send: async (utterance) => {
        if (typeof utterance === 'string') return post({ text: utterance });
        if ('choice' in utterance) {
          const offered = pick(lastChoices, utterance.choice);
          return post({ choice: { value: offered.value, label: offered.label } });
        }
        if ('location' in utterance) return post({ location: utterance.location });
        if ('photo' in utterance) {
          const uploaded = await http(`${url}/api/v1/webchat/attachments`, {
            raw: PNG,
            headers: { 'content-type': 'image/png' },
            token,
            method: 'POST',
          });
          expect(uploaded.status).toBe(201);
          return post({ attachmentIds: [uploaded.body.id] });
        }
        // The page has no follow event; its greeting is the session itself.
        return post({ text: '你好' });
      },
      replies: async (count) => {
        const fresh = await read.replies(count);
        lastChoices = fresh.at(-1)?.choices ?? lastChoices;
        return fresh;
      },
      silence: read.silence,
    };
  },
};

export function weChatDriver(fake: () => FakeWeChat): Driver {
  return {
    channel: 'wechat',
    env: () => ({
      WECHAT_APP_ID: APP_ID,
      WECHAT_APP_SECRET: APP_SECRET,
      WECHAT_TOKEN: TOKEN,
      WECHAT_ENCODING_AES_KEY: ENCODING_AES_KEY,
      WECHAT_API_BASE: fake().url,
    }),
    citizen: async (url) => {
      const openid = `o${randomBytes(14).toString('hex').slice(0, 27)}`;
      const from = { FromUserName: openid };
      const post = async (fields: Record<string, string>) => {
        const signed = signedPost(fields, { mode: 'safe' });
        const response = await fetch(`${url}${signed.path}`, {
          method: 'POST',
          headers: { 'content-type': 'text/xml' },
          body: signed.body,
        });
        expect(response.status).toBe(200);
      };
      const read = reader(async () =>
        fake()
          .customMessages.filter((m) => m.touser === openid)
          .map((m) => ({
            text: m.text?.content ?? m.msgmenu?.head_content ?? '',
            choices: (m.msgmenu?.list ?? []).map((item) => ({ label: item.content, value: item.id })),
          })),
      );
      let lastChoices: Reply['choices'] = [];
      return {
        channel: 'wechat',
        channelUserId: openid,
        send: async (utterance) => {
          if (typeof utterance === 'string') return post(messages.text(utterance, from));
          if ('choice' in utterance) {
            const offered = pick(lastChoices, utterance.choice);
            return post(messages.menuChoice(offered.label, offered.value, from));
          }
          if ('location' in utterance) {
            const { lat, lng, label } = utterance.location;
            return post(messages.location({ ...from, Location_X: String(lat), Location_Y: String(lng), Label: label }));
          }
          if ('photo' in utterance) return post(messages.image({ ...from, MediaId: fake().addMedia(PNG, 'image/png') }));
          return post(events.subscribe(from));
        },
        replies: async (count) => {
          const fresh = await read.replies(count);
          lastChoices = fresh.at(-1)?.choices ?? lastChoices;
          return fresh;
        },
        silence: read.silence,
      };
    },
  };
}

let telegramUsers = 20_000_000;

export function telegramDriver(fake: () => FakeTelegram): Driver {
  return {
    channel: 'telegram',
    env: () => ({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET, TELEGRAM_API_ROOT: fake().url }),
    citizen: async (url) => {
      telegramUsers += 1;
      const from = { id: telegramUsers, is_bot: false, first_name: 'Chen', language_code: 'zh-hans' };
      const post = async (body: unknown) => {
        const response = await fetch(`${url}/webhooks/telegram`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
          body: JSON.stringify(body),
        });
        expect(response.status).toBe(200);
      };
      const read = reader(async () =>
        fake()
          .sent()
          .filter((m) => String(m.chat_id) === String(from.id))
          .map((m) => ({
            text: String(m.text),
            choices: ((m.reply_markup?.inline_keyboard ?? []) as { text: string; callback_data: string }[][])
              .flat()
              .map((b) => ({ label: b.text, value: b.callback_data })),
          })),
      );
      let lastChoices: Reply['choices'] = [];
      return {
        channel: 'telegram',
        channelUserId: String(from.id),
        send: async (utterance) => {
          if (typeof utterance === 'string') return post(privateMessage({ text: utterance }, from));
          if ('choice' in utterance) {
            return post(
              update('callback_query', {
                id: randomBytes(8).toString('hex'),
                from,
                chat_instance: '-1234',
                message: { message_id: 1, date: 1_790_000_000, chat: { id: from.id, type: 'private' } },
                data: pick(lastChoices, utterance.choice).value,
              }),
            );
          }
          if ('location' in utterance) {
            return post(privateMessage({ location: { latitude: utterance.location.lat, longitude: utterance.location.lng } }, from));
          }
          if ('photo' in utterance) {
            const fileId = fake().addFile(PNG, { path: 'photos/p.png' });
            return post(privateMessage({ photo: [{ file_id: fileId, file_unique_id: fileId, width: 1, height: 1 }] }, from));
          }
          return post(privateMessage({ text: '/start' }, from));
        },
        replies: async (count) => {
          const fresh = await read.replies(count);
          lastChoices = fresh.at(-1)?.choices ?? lastChoices;
          return fresh;
        },
        silence: read.silence,
      };
    },
  };
}

/** The button the bot offered last with this value or label. */
function pick(choices: Reply['choices'], wanted: string): Reply['choices'][number] {
  const found = choices.find((c) => c.value === wanted || c.label === wanted);
  expect(found, `the bot offered "${wanted}" among ${JSON.stringify(choices)}`).toBeDefined();
  return found!;
}
