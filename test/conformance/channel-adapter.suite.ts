/**
 * What every ChannelAdapter must do, checked without HTTP (STYLE.md §12). A new channel adds one
 * fixture to adapters.test.ts and passes this before its own tests.
 */
import { describe, expect, test } from 'vitest';

import type { ChannelAdapter, InboundMessage, OutboundReply, RawRequest } from '../../channels/types.js';

export interface AdapterFixture {
  name: string;
  adapter: ChannelAdapter;
  /** A fresh, valid delivery (a new dedup key each call). */
  valid(): RawRequest;
  /** The same delivery as the channel would retry it. */
  redeliver(req: RawRequest): RawRequest;
  /** The same delivery with its authenticity broken (bad signature, wrong token …). */
  tamper(req: RawRequest): RawRequest;
  /** Bodies the channel must refuse with a ParseError. */
  malformed: { description: string; request: () => RawRequest }[];
  /** A delivery of a kind suqiu does not know (a new vendor event): stored, not refused. */
  unknownKind?: () => RawRequest;
  /** Fields the parsed message of `valid()` must have. */
  expected: Partial<InboundMessage>;
  /** A reply and a check that it reached the fake transport with the right payload. */
  reply: OutboundReply;
  delivered(): Promise<unknown>;
}

export function runAdapterConformance(fixture: () => Promise<AdapterFixture>): void {
  describe('ChannelAdapter conformance', () => {
    test('when a valid delivery arrives, then it verifies and parses into the expected message', async () => {
      const f = await fixture();
      const req = f.valid();
      expect(f.adapter.verify(req)).toBe(true);
      const parsed = f.adapter.parse(req);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.value.length).toBeGreaterThan(0);
      for (const message of parsed.value) {
        expect(message.channel).toBe(f.adapter.id);
        expect(message.dedupKey).not.toBe('');
        expect(message.channelUserId).not.toBe('');
      }
      expect(parsed.value[0]).toMatchObject(f.expected);
    });

    test('when the delivery is tampered with, then verify refuses it', async () => {
      const f = await fixture();
      expect(f.adapter.verify(f.tamper(f.valid()))).toBe(false);
    });

    test('when the same request is parsed twice, then the results are equal', async () => {
      const f = await fixture();
      const req = f.valid();
      expect(f.adapter.parse(req)).toEqual(f.adapter.parse(req));
    });

    test('when the channel redelivers, then the dedup key is the same; a new delivery gets a new key', async () => {
      const f = await fixture();
      const req = f.valid();
      const key = (r: RawRequest) => {
        const parsed = f.adapter.parse(r);
        return parsed.ok ? parsed.value.map((m) => m.dedupKey) : undefined;
      };
      expect(key(f.redeliver(req))).toEqual(key(req));
      expect(key(f.valid())).not.toEqual(key(req));
    });

    test('when bodies are malformed, then parse returns an error (it never throws)', async () => {
      const f = await fixture();
      for (const { description, request } of f.malformed) {
        const parsed = f.adapter.parse(request());
        expect(parsed.ok, description).toBe(false);
        if (!parsed.ok) expect(parsed.error.message, description).not.toBe('');
      }
    });

    test('when a message kind is unknown, then it parses into an event to store (it is not refused)', async (context) => {
      const f = await fixture();
      if (!f.unknownKind) return context.skip();
      const req = f.unknownKind();
      expect(f.adapter.verify(req)).toBe(true);
      const parsed = f.adapter.parse(req);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.value.every((m) => m.kind === 'event')).toBe(true);
    });

    test('when a reply is sent, then the fake transport receives it and an external id comes back', async () => {
      const f = await fixture();
      const result = await f.adapter.send(f.reply);
      expect(result.externalId).not.toBe('');
      await f.delivered();
    });
  });
}
