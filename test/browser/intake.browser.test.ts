/**
 * The whole loop in a real browser (Debian's Chromium, headless): a citizen reports on the web chat,
 * answering the bot's questions and pressing its buttons, and gets a ticket number; an agent logs into the console, sees the ticket with its suggestion and
 * confirms it in one click.
 */
import path from 'node:path';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { apiMessage, createAgent, createApiKey } from '../helpers/actors.js';
import { startTestApp, type TestApp } from '../helpers/backend.js';
import { launchChromium, openConsole } from '../helpers/browser.js';
import { http, waitFor } from '../helpers/http.js';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('web chat and agent console in a browser', () => {
  test('when a citizen reports on the web chat, answering the bot and pressing its buttons, then an agent confirms the suggested routing in the console', async () => {
    const citizen = await browser.newPage({ locale: 'zh-CN' });
    const errors: string[] = [];
    citizen.on('pageerror', (error) => errors.push(error.message));
    await citizen.goto(`${app.url}/chat/`);
    const say = async (text: string) => {
      await citizen.getByTestId('chat-input').fill(text);
      await citizen.getByTestId('chat-send').click();
    };
    const botSays = (pattern: RegExp) => citizen.getByTestId('chat-log').getByText(pattern).last().waitFor({ timeout: 20_000 });
    // The place is in the first message, so the bot asks only for a contact number and the consent to publish.
    await say('东城区和平街道光明小区北门的路灯坏了一个多星期，晚上漆黑一片，老人孩子出门很危险，请尽快修好。');
    await botSays(/请留下联系电话/);
    await say('13812345678');
    await botSays(/是否同意在隐去个人信息后公开/);
    await citizen
      .getByTestId('chat-choice')
      .filter({ hasText: /^同意$/ })
      .click();
    await botSays(/请核对您的诉求/);
    expect(await citizen.getByTestId('chat-log').textContent()).toContain('138****5678');
    await citizen
      .getByTestId('chat-choice')
      .filter({ hasText: /^确认提交$/ })
      .click();
    const badge = citizen.getByTestId('ticket-number');
    await badge.waitFor({ timeout: 20_000 });
    const number = /\d{8}-\d{6}/.exec((await badge.textContent()) ?? '')?.[0];
    expect(number).toBeDefined();
    await citizen.screenshot({ path: path.join(app.storage.dataDir, 'chat.png') });

    const { page: agent } = await openConsole(browser, app.url, await createAgent(app.url), errors);

    const item = agent.getByTestId('queue-item').filter({ hasText: number! });
    await item.waitFor({ timeout: 20_000 });
    await item.click();
    await expect.poll(async () => agent.getByTestId('detail-number').textContent(), { timeout: 10_000 }).toBe(number);
    const suggestions = agent.getByTestId('suggested-category');
    await suggestions.first().waitFor();
    expect(await suggestions.count()).toBeGreaterThan(0);
    const suggested = await suggestions.first().getAttribute('data-code');
    expect(suggested).toMatch(/^URBAN/);

    await agent.getByTestId('confirm').click();
    await expect.poll(async () => agent.getByTestId('toast').textContent(), { timeout: 10_000 }).toContain(number!);
    await agent.screenshot({ path: path.join(app.storage.dataDir, 'console.png') });

    const ticket = await app.db.prisma.ticket.findUniqueOrThrow({ where: { number: number! }, include: { category: true } });
    expect(ticket.status).toBe('PENDING_DISPATCH');
    expect(ticket.category?.code).toBe(suggested);
    const queue = await http(`${app.url}/api/v1/review/queue`, { token: (await createAgent(app.url)).token });
    expect(queue.body.items.map((i: { number: string }) => i.number)).not.toContain(number);
    expect(errors).toEqual([]);
  });
  test('when an agent opens a ticket that was reported twice, then the console lists the earlier report as a merge candidate, and one click merges it (并单)', async () => {
    const key = await createApiKey(app.url, 'browser-similar');
    const location = { text: '向阳路88号', lat: 31.1, lng: 121.3 };
    const tickets: { id: string; number: string }[] = [];
    for (const text of ['向阳路88号门口的下水道井盖丢了，很危险', '向阳路88号门口井盖不见了，晚上有人差点掉下去']) {
      const sent = await http(`${app.url}/api/v1/intake/messages`, { body: apiMessage({ text, location }), token: key });
      tickets.push(
        await waitFor(async () => (await app.db.prisma.ticket.findFirst({ where: { originMessageId: sent.body.id } })) ?? undefined),
      );
    }
    const [earlier, repeat] = tickets as [{ id: string; number: string }, { id: string; number: string }];
    const { page: agent, errors } = await openConsole(browser, app.url, await createAgent(app.url));
    const item = agent.getByTestId('queue-item').filter({ hasText: repeat.number });
    await item.waitFor({ timeout: 20_000 });
    await item.click();
    const similar = agent.getByTestId('similar-tickets').locator(`[data-number="${earlier.number}"]`);
    await similar.waitFor({ timeout: 10_000 });
    expect(await similar.getAttribute('class')).toMatch(/^verdict-(duplicate|related)$/);
    expect(await similar.textContent()).toMatch(/疑似重复|相关/);

    await similar.getByTestId('merge-into').click();
    await agent
      .getByTestId('toast')
      .filter({ hasText: `工单 ${repeat.number} 已并单` })
      .waitFor({ timeout: 10_000 });
    expect(await app.db.prisma.ticket.findUniqueOrThrow({ where: { id: repeat.id } })).toMatchObject({
      status: 'MERGED',
      duplicateOfId: earlier.id,
    });
    await agent.getByTestId('queue-item').filter({ hasText: repeat.number }).waitFor({ state: 'detached', timeout: 10_000 });
    expect(errors).toEqual([]);
  });

  test('when an agent opens a ticket waiting for dispatch, then only its routing can be changed, and checking it saves the correction as what the model learns from', async () => {
    const key = await createApiKey(app.url, 'browser-check');
    const sent = await http(`${app.url}/api/v1/intake/messages`, {
      body: apiMessage({ text: '幸福路12号整栋楼从早上开始停电了，冰箱里的东西都要坏了' }),
      token: key,
    });
    const ticket = await waitFor(
      async () => (await app.db.prisma.ticket.findFirst({ where: { originMessageId: sent.body.id } })) ?? undefined,
    );
    const credentials = await createAgent(app.url);
    const confirmed = await http(`${app.url}/api/v1/tickets/${ticket.id}/review`, {
      body: { categoryCode: 'UTIL.WATER' },
      token: credentials.token,
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);

    const { page: agent, errors } = await openConsole(browser, app.url, credentials);
    // Once the console has entered (its live stream is open), the ticket's address opens it, as a link would.
    await agent.locator('#live.on').waitFor({ timeout: 20_000 });
    await agent.evaluate((id) => (location.hash = id), ticket.id);
    await expect.poll(async () => agent.getByTestId('detail-number').textContent(), { timeout: 10_000 }).toBe(ticket.number);
    const check = agent.getByTestId('confirm');
    await expect.poll(async () => check.textContent()).toMatch(/核对/);
    expect(await agent.getByTestId('reject').isDisabled()).toBe(true);
    expect(await agent.getByTestId('answer-text').isDisabled()).toBe(true);
    expect(await agent.getByTestId('category-select').inputValue()).toBe('UTIL.WATER');

    await agent.getByTestId('category-select').selectOption('UTIL.POWER');
    await check.click();
    await agent
      .getByTestId('toast')
      .filter({ hasText: `工单 ${ticket.number} 已核对` })
      .waitFor({ timeout: 10_000 });
    expect(
      await app.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { category: true, leadDepartment: true } }),
    ).toMatchObject({
      status: 'PENDING_DISPATCH',
      category: { code: 'UTIL.POWER' },
      leadDepartment: { code: 'CITY-POWER' },
      flags: ['checked'],
    });
    expect(await app.db.prisma.trainingExample.findMany({ where: { ticketId: ticket.id } })).toMatchObject([
      { categoryCode: 'UTIL.POWER', departmentCode: 'CITY-POWER' },
    ]);
    expect(errors).toEqual([]);
  });
});
