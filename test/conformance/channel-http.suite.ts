/**
 * What every webhook channel must do over real HTTP, on the backend of the vitest project (embedded,
 * or PostgreSQL + Redis): verify → validate → persist → enqueue → ack within the channel's deadline;
 * the message becomes a ticket with the citizen's channel identity; the reply reaches the (fake) vendor;
 * redeliveries store nothing new; bad signatures and malformed bodies are refused and store nothing.
 *
 * A channel adds one `<channel>.http.test.ts` calling `runHttpConformance` with its case.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { createAgent } from '../helpers/actors.js';
import { startTestApp, type TestApp } from '../helpers/backend.js';
import { waitFor } from '../helpers/http.js';

/** One HTTP request as a vendor would send it. */
export interface Delivery {
  method?: 'GET' | 'POST';
  /** Path and query, e.g. `/webhooks/wechat?signature=…`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface HttpChannelCase {
  channel: string;
  /** The acknowledgement deadline of the channel (DOMAIN.md §13). */
  deadlineMs: number;
  /** Environment that enables the channel, e.g. pointing its vendor API at a fake on loopback. */
  env(): Promise<Record<string, string>> | Record<string, string>;
  /** A fresh valid delivery (new dedup key each call). `app` gives the server URL and its database. */
  valid(app: TestApp): Promise<Delivery> | Delivery;
  /** The same delivery with its authenticity broken. */
  tamper(delivery: Delivery): Delivery;
  /** Deliveries that are authentic but malformed. */
  malformed(app: TestApp): Promise<Delivery[]> | Delivery[];
  okStatus: number[];
  /** What a broken signature gets (401, or 403 where the vendor expects it). */
  rejectStatus: number;
  /** Resolves when the reply carrying the ticket number reached the vendor (the fake), or throws. */
  expectReply(ticketNumber: string, app: TestApp): Promise<void>;
  /** Stops fakes. */
  teardown?(): Promise<void>;
}

export async function send(app: TestApp, delivery: Delivery): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${app.url}${delivery.path}`, {
    method: delivery.method ?? 'POST',
    headers: delivery.headers,
    body: delivery.body === undefined ? undefined : typeof delivery.body === 'string' ? delivery.body : new Uint8Array(delivery.body),
  });
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}

export function runHttpConformance(make: () => HttpChannelCase): void {
  const c = make();
  let app: TestApp;
  let agentToken: string;
  const inbound = () => app.db.prisma.message.count({ where: { channel: c.channel, direction: 'INBOUND' } });

  describe(`channel ${c.channel} over HTTP (conformance)`, () => {
    beforeAll(async () => {
      // The protocol is under test here, so each message is one ticket; the dialog has its own suite (test/component/dialog.test.ts).
      app = await startTestApp({ env: { SUQIU_DIALOG_CHANNELS: 'none', ...(await c.env()) } });
      agentToken = (await createAgent(app.url)).token;
    });
    afterAll(async () => {
      await app?.close();
      await c.teardown?.();
    });

    test('when a valid delivery arrives, then it is acknowledged in time, becomes a ticket with the channel identity, and the reply reaches the vendor', async () => {
      const delivery = await c.valid(app);
      const before = await inbound();
      const since = new Date(Date.now() - 1);
      const answer = await send(app, delivery);
      expect(c.okStatus, answer.body).toContain(answer.status);
      expect(answer.ms).toBeLessThan(c.deadlineMs);
      expect(await inbound()).toBe(before + 1);
      const message = await waitFor(
        async () =>
          (await app.db.prisma.message.findFirst({ where: { channel: c.channel, direction: 'INBOUND', createdAt: { gte: since } } })) ??
          undefined,
        15_000,
        'the message',
      );
      const ticket = await waitFor(
        async () => (await app.db.prisma.ticket.findFirst({ where: { originMessageId: message.id } })) ?? undefined,
        20_000,
        'the ticket',
      );
      expect(ticket).toMatchObject({ status: 'ACCEPTED', channel: c.channel });
      const identity = await app.db.prisma.channelIdentity.findFirst({
        where: { channel: c.channel, channelUserId: message.channelUserId },
      });
      expect(identity?.citizenId).toBe(ticket.citizenId);
      const queue = await fetch(`${app.url}/api/v1/review/queue`, { headers: { authorization: `Bearer ${agentToken}` } });
      expect(((await queue.json()) as { items: { id: string }[] }).items.map((item) => item.id)).toContain(ticket.id);
      await c.expectReply(ticket.number, app);
    });

    test('when the vendor delivers the same request 3 times, then one message is stored', async () => {
      const delivery = await c.valid(app);
      const before = await inbound();
      const answers = [await send(app, delivery), await send(app, delivery), await send(app, delivery)];
      for (const answer of answers) expect(c.okStatus, answer.body).toContain(answer.status);
      expect(await inbound()).toBe(before + 1);
    });

    test('when the signature or credentials are wrong, then the request is refused and nothing is stored', async () => {
      const before = await inbound();
      const answer = await send(app, c.tamper(await c.valid(app)));
      expect(answer.status, answer.body).toBe(c.rejectStatus);
      expect(await inbound()).toBe(before);
    });

    test('when an authentic body is malformed, then a 4xx with a reason comes back and nothing is stored', async () => {
      const before = await inbound();
      for (const delivery of await c.malformed(app)) {
        const answer = await send(app, delivery);
        expect(answer.status, `${delivery.path} ${String(delivery.body)} → ${answer.body}`).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect(answer.body.length).toBeGreaterThan(0);
      }
      expect(await inbound()).toBe(before);
    });
  });
}
