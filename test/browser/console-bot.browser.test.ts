/**
 * The console's side of the citizen bot in a real browser (Debian's Chromium, headless): an agent sees
 * a hand-off flag, talks with the citizen on the web chat and hands back; answers a consultation the
 * knowledge base could not, keeping the answer for the bot; reads the citizen's callback verdict; and
 * is told when a channel cannot carry a message.
 */
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { apiMessage, createAgent, createApiKey } from '../helpers/actors.js';
import { startTestApp, type TestApp } from '../helpers/backend.js';
import { launchChromium, openConsole } from '../helpers/browser.js';
import { webDriver, type Citizen } from '../helpers/dialog-drivers.js';
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

/** A new agent logged into the console, with the page's script errors collected. */
async function openAgentConsole(): Promise<{ page: Page; errors: string[] }> {
  return openConsole(browser, app.url, await createAgent(app.url));
}

async function openTicket(page: Page, number: string): Promise<void> {
  const item = page.getByTestId('queue-item').filter({ hasText: number });
  await item.waitFor({ timeout: 20_000 });
  await item.click();
  await expect.poll(async () => page.getByTestId('detail-number').textContent(), { timeout: 10_000 }).toBe(number);
}

async function numberFrom(citizen: Citizen, pattern: RegExp): Promise<string> {
  const text = (await citizen.replies()).map((reply) => reply.text).join('\n');
  const number = pattern.exec(text)?.[1];
  expect(number, `the bot said ${JSON.stringify(text)}`).toBeDefined();
  return number!;
}

const toastText = (page: Page) => page.getByTestId('toast').textContent();

describe('the agent console and the citizen bot', () => {
  test('when a citizen asks for a person, then the agent sees the hand-off, follows the conversation live, writes back and hands back', async () => {
    const citizen = await webDriver.citizen(app.url);
    await citizen.send('人工');
    const number = await numberFrom(citizen, /转接人工客服（工单号 (\d{8}-\d{6})）/);

    const { page, errors } = await openAgentConsole();
    const item = page.getByTestId('queue-item').filter({ hasText: number });
    await item.waitFor({ timeout: 20_000 });
    expect(await item.getByTestId('ticket-flag').getAttribute('data-flag')).toBe('handoff');
    await openTicket(page, number);
    const detail = page.locator('#detail');
    expect(await detail.getByTestId('ticket-flag').getAttribute('data-flag')).toBe('handoff');
    expect(await detail.getByTestId('ticket-flag').textContent()).toContain('转人工');
    await page.locator('#live.on').waitFor({ timeout: 10_000 });

    // The citizen writes while the ticket is open: the event stream brings it in without a click.
    await citizen.send('我家楼下的井盖被偷了，想找人说一下');
    await detail
      .locator('[data-testid="ticket-message"][data-sender="citizen"]')
      .filter({ hasText: '井盖被偷了' })
      .waitFor({ timeout: 20_000 });

    await page.getByTestId('agent-message-text').fill('您好，我是坐席小李，井盖的位置在哪里？');
    await page.getByTestId('agent-message-send').click();
    await expect.poll(() => toastText(page), { timeout: 10_000 }).toContain('消息已发出');
    expect((await citizen.replies()).map((reply) => reply.text)).toContain('您好，我是坐席小李，井盖的位置在哪里？');
    const sent = detail.getByTestId('ticket-message').filter({ hasText: '坐席小李' });
    await sent.waitFor();
    expect(await sent.getAttribute('data-sender')).toBe('agent');
    expect(await page.getByTestId('agent-message-text').inputValue()).toBe('');

    await page.getByTestId('handoff-end').click();
    await expect.poll(() => toastText(page), { timeout: 10_000 }).toContain('人工服务已结束');
    expect((await citizen.replies()).map((reply) => reply.text).join('\n')).toMatch(/人工服务已结束/);
    await expect.poll(() => page.getByTestId('handoff-end').isHidden(), { timeout: 10_000 }).toBe(true);
    // Messages the hotline sent read apart from the citizen's.
    expect(await detail.locator('[data-testid="ticket-message"][data-sender="bot"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(app.storage.dataDir, 'console-handoff.png') });
    expect(errors).toEqual([]);
  });

  test('when the agent answers a consultation and keeps it, then the citizen gets the answer with the callback, and the console shows the verdict', async () => {
    const citizen = await webDriver.citizen(app.url);
    await citizen.send('请问养犬登记需要什么材料？');
    const number = await numberFrom(citizen, /咨询已记录（工单号 (\d{8}-\d{6})）/);
    const answer = '携带身份证、犬只免疫证明和犬只照片，到所在街道的养犬登记点办理。';

    const { page, errors } = await openAgentConsole();
    await openTicket(page, number);
    await page.getByTestId('answer-text').fill(answer);
    await page.getByTestId('answer-save').check();
    await page.getByTestId('answer-submit').click();
    await expect.poll(() => toastText(page), { timeout: 10_000 }).toContain(number);

    const [told] = await citizen.replies();
    expect(told!.text).toContain(answer);
    expect(told!.text).toMatch(/是否已解决/);
    expect(told!.choices.map((choice) => choice.label)).toEqual(expect.arrayContaining(['已解决', '未解决']));
    const ticket = await app.db.prisma.ticket.findUniqueOrThrow({ where: { number } });
    expect(ticket).toMatchObject({ status: 'CLOSED_DIRECT', answer });
    const saved = await app.db.prisma.knowledgeEntry.findFirst({ where: { ticketId: ticket.id } });
    expect(saved).toMatchObject({ source: 'AGENT', answer });
    expect(saved?.question).toContain('养犬登记');

    await citizen.send({ choice: '未解决' });
    expect((await citizen.replies()).map((reply) => reply.text).join('\n')).toMatch(/是否满意/);
    await citizen.send({ choice: '基本满意' });
    await citizen.replies();
    await waitFor(async () => (await app.db.prisma.ticket.findUnique({ where: { number } }))?.satisfaction ?? undefined);

    await page.goto(`${app.url}/console/#${ticket.id}`);
    const callback = page.getByTestId('callback-result');
    await expect.poll(() => callback.textContent(), { timeout: 10_000 }).toContain('未解决');
    expect(await callback.textContent()).toContain('基本满意');
    expect(await callback.textContent()).toContain(answer);
    expect(errors).toEqual([]);
  });

  test('when the agent writes to a citizen whose channel cannot carry it, then the console shows why', async () => {
    const key = await createApiKey(app.url, 'browser-console-bot');
    const sent = await http(`${app.url}/api/v1/intake/messages`, { body: apiMessage(), token: key });
    const ticket = await waitFor(
      async () => (await app.db.prisma.ticket.findFirst({ where: { originMessageId: sent.body.id } })) ?? undefined,
    );

    const { page, errors } = await openAgentConsole();
    await openTicket(page, ticket.number);
    expect(await page.getByTestId('handoff-end').isHidden()).toBe(true);
    await page.getByTestId('agent-message-text').fill('请问具体是哪一盏路灯？');
    await page.getByTestId('agent-message-send').click();
    await expect.poll(() => toastText(page), { timeout: 10_000 }).toMatch(/cannot carry messages/);
    // The text stays for another try.
    expect(await page.getByTestId('agent-message-text').inputValue()).toBe('请问具体是哪一盏路灯？');
    expect(errors).toEqual([]);
  });
});
