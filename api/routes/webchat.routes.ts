/**
 * The citizen side of the web chat besides sending messages (that is the channel route): start a
 * session, upload a photo, read the conversation, and listen for replies.
 */
import { randomUUID } from 'node:crypto';

import express, { Router, type Request } from 'express';

import { signSessionToken } from '../../core/auth/tokens.js';
import { InvalidDataError, UnauthorizedError } from '../../core/errors/index.js';
import { topics } from '../../core/events/event-bus.js';
import { sessionFromHeaders } from '../../channels/web/signature.js';
import { webSessionSchema } from '../../channels/web/schemas.js';
import { choicesOfPayload } from '../../channels/web/outbound.js';
import type { AppContext } from '../context.js';
import { parseOrThrow } from '../../core/validation.js';

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic'];

export function webchatRoutes(ctx: AppContext): Router {
  const router = Router();
  const session = (req: Request) => {
    const found = sessionFromHeaders(ctx.secret, req.headers as Record<string, string | undefined>, new Date());
    if (!found) throw new UnauthorizedError('start a web-chat session first (POST /api/v1/webchat/sessions)');
    return found.sessionId;
  };

  router.post('/api/v1/webchat/sessions', (req, res) => {
    parseOrThrow(webSessionSchema, req.body ?? {}, 'session request');
    // Renewing keeps the session id, so the citizen keeps their conversation and tickets.
    const renewed = sessionFromHeaders(ctx.secret, req.headers as Record<string, string | undefined>, new Date());
    const sessionId = renewed?.sessionId ?? randomUUID();
    const expiresAt = new Date(Date.now() + ctx.config.webchatTokenTtlMs);
    res.status(renewed ? 200 : 201).json({ sessionId, token: signSessionToken(ctx.secret, sessionId, expiresAt), expiresAt });
  });

  router.post('/api/v1/webchat/attachments', express.raw({ type: () => true, limit: ctx.config.limits.uploadBytes }), async (req, res) => {
    const sessionId = session(req);
    const mime = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!IMAGE_TYPES.includes(mime)) {
      throw new InvalidDataError(`photos only: send one of ${IMAGE_TYPES.join(', ')}`, { code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    const bytes = req.body as Buffer;
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new InvalidDataError('the upload is empty');
    const stored = await ctx.deps.attachments.put(bytes);
    const row = await ctx.deps.db.prisma.attachment.create({
      data: {
        kind: 'image',
        mime,
        ...stored,
        fileName: req.get('x-file-name')?.slice(0, 200),
        ownerChannel: 'web',
        ownerChannelUserId: sessionId,
      },
      select: { id: true, mime: true, size: true },
    });
    res.status(201).json(row);
  });

  router.get('/api/v1/webchat/messages', async (req, res) => {
    const sessionId = session(req);
    // The latest 200, oldest first: a long conversation shows its end, where the current question is.
    const latest = await ctx.deps.db.prisma.message.findMany({
      where: { channel: 'web', channelUserId: sessionId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: 200,
      select: {
        id: true,
        direction: true,
        text: true,
        status: true,
        createdAt: true,
        externalId: true,
        payload: true,
        ticket: { select: { number: true, status: true } },
        attachments: { select: { id: true, mime: true } },
      },
    });
    const messages = latest.reverse();
    res.json({
      // Of the payload, only the buttons a bot message offered: the rest (raw vendor data, addresses) stays inside.
      items: messages.map(({ externalId, payload, ...m }) =>
        m.direction === 'INBOUND' ? { ...m, clientMessageId: externalId } : { ...m, choices: choicesOfPayload(payload) },
      ),
    });
  });

  router.get('/api/v1/webchat/events', async (req, res) => {
    const sessionId = session(req);
    const stream = ctx.streams.start(req, res);
    const unsubscribe = await ctx.deps.bus.subscribe(topics.webchat(sessionId), (payload) => stream.send('message', payload));
    stream.onClose(() => void unsubscribe());
  });

  return router;
}
