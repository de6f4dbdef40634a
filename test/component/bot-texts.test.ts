/** Admins reword the bot: the new words reach citizens at once, placeholders are guarded, defaults come back. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { createAgent } from '../helpers/actors.js';
import { BOOTSTRAP_TOKEN, startTestApp, type TestApp } from '../helpers/backend.js';
import { webDriver } from '../helpers/dialog-drivers.js';
import { http } from '../helpers/http.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

const put = (key: string, language: string, text: unknown, token = BOOTSTRAP_TOKEN) =>
  http(`${app.url}/api/v1/bot-texts/${key}/${language}`, { method: 'PUT', body: { text }, token });

describe('bot texts', () => {
  test('when an admin rewords a text, then the next citizen hears the new words; restoring brings the default back', async () => {
    expect((await put('askWhat', 'zh', '请说说遇到了什么事。')).status).toBe(204);
    const listed = await http(`${app.url}/api/v1/bot-texts`, { token: BOOTSTRAP_TOKEN });
    expect(listed.body.find((t: { key: string }) => t.key === 'askWhat')).toMatchObject({
      zh: { text: '请说说遇到了什么事。', custom: true, default: '请描述您遇到的问题（发生了什么）。' },
      en: { custom: false },
    });

    const citizen = await webDriver.citizen(app.url);
    await citizen.send('我要反映问题');
    expect((await citizen.replies())[0]!.text).toBe('请说说遇到了什么事。');

    expect((await http(`${app.url}/api/v1/bot-texts/askWhat/zh`, { method: 'DELETE', token: BOOTSTRAP_TOKEN })).status).toBe(204);
    await citizen.send('取消');
    await citizen.replies();
    await citizen.send('我要反映问题');
    expect((await citizen.replies())[0]!.text).toBe('请描述您遇到的问题（发生了什么）。');
  });

  test.each([
    {
      description: 'a placeholder is dropped',
      key: 'ticketCreated',
      text: '已受理，{days} 个工作日内答复。',
      error: /keep the placeholders \{number\}/,
    },
    {
      description: 'an unknown placeholder is added',
      key: 'askWhat',
      text: '{name}，请描述问题。',
      error: /unknown placeholders \{name\}/,
    },
    { description: 'the text is empty', key: 'askWhat', text: '  ', error: /text/ },
  ])('when $description, then the edit is refused with the reason and nothing changes', async ({ key, text, error }) => {
    const response = await put(key, 'zh', text);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(error);
    expect(await app.db.prisma.botText.count({ where: { key } })).toBe(0);
  });

  test('when the text or language does not exist, then 404; an agent may not edit', async () => {
    expect((await put('noSuchText', 'zh', 'x')).status).toBe(404);
    expect((await put('askWhat', 'fr', 'x')).status).toBe(404);
    const agent = await createAgent(app.url);
    expect((await put('askWhat', 'zh', '请描述。', agent.token)).status).toBe(403);
  });
});
