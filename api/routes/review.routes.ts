/** The agents' work: the review queue (with live updates), a ticket, and the decision on it. */
import { Router } from 'express';
import { z } from 'zod';

import { NotFoundError } from '../../core/errors/index.js';
import { topics } from '../../core/events/event-bus.js';
import { reviewTicket } from '../../intake/review.js';
import { listTickets, reviewQueue, ticketDetail } from '../../intake/tickets.queries.js';
import { TICKET_STATUSES } from '../../router/ticket-state-machine.js';
import type { AppContext } from '../context.js';
import { actorOf, requireRole } from '../middleware/auth.js';
import { hotspots, similarTickets } from '../../intake/similar-tickets.js';
import { isUuid, parseOrThrow } from '../../core/validation.js';

const queueQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** `uncertain`: the tickets the model is least sure about first (active learning). */
  order: z.enum(['urgency', 'oldest', 'uncertain']).default('urgency'),
});

const listQuery = z
  .object({
    status: z.enum(TICKET_STATUSES).optional(),
    flag: z.string().min(1).max(64).optional(),
    withoutFlag: z.string().min(1).max(64).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

const similarQuery = z.object({
  k: z.coerce.number().int().min(1).max(50).default(10),
  windowDays: z.coerce.number().int().min(1).max(90).default(30),
});

const hotspotQuery = z.object({
  days: z.coerce.number().int().min(1).max(90).default(7),
  minSize: z.coerce.number().int().min(2).max(100).default(3),
});

export function reviewRoutes(ctx: AppContext): Router {
  const router = Router();
  const agents = requireRole('AGENT', 'ADMIN');

  router.get('/api/v1/review/queue', agents, async (req, res) => {
    res.json(await reviewQueue(ctx.deps.db, parseOrThrow(queueQuery, req.query, 'query')));
  });

  router.get('/api/v1/review/events', agents, async (req, res) => {
    const stream = ctx.streams.start(req, res);
    const unsubscribe = await ctx.deps.bus.subscribe(topics.reviewQueue, (payload) => stream.send('queue', payload));
    stream.onClose(() => void unsubscribe());
  });

  router.get('/api/v1/tickets', agents, async (req, res) => {
    res.json(await listTickets(ctx.deps.db, parseOrThrow(listQuery, req.query, 'query')));
  });

  router.get('/api/v1/tickets/:id', agents, async (req, res) => {
    if (!isUuid(req.params.id)) throw new NotFoundError(`ticket ${String(req.params.id)} does not exist`);
    res.json(await ticketDetail(ctx.deps.db, req.params.id));
  });

  router.get('/api/v1/tickets/:id/similar', agents, async (req, res) => {
    if (!isUuid(req.params.id)) throw new NotFoundError(`ticket ${String(req.params.id)} does not exist`);
    res.json(await similarTickets(ctx.deps.db, req.params.id, parseOrThrow(similarQuery, req.query, 'query'), ctx.deps.recentTickets));
  });

  router.get('/api/v1/hotspots', agents, async (req, res) => {
    res.json(
      await hotspots(ctx.deps.db, { ...parseOrThrow(hotspotQuery, req.query, 'query'), now: ctx.deps.now() }, ctx.deps.recentTickets),
    );
  });

  router.post('/api/v1/tickets/:id/review', agents, async (req, res) => {
    if (!isUuid(req.params.id)) throw new NotFoundError(`ticket ${String(req.params.id)} does not exist`);
    await reviewTicket(ctx.deps, req.params.id, req.body, actorOf(req));
    res.json(await ticketDetail(ctx.deps.db, req.params.id));
  });

  router.get('/api/v1/attachments/:id', agents, async (req, res) => {
    const attachment = isUuid(req.params.id) ? await ctx.deps.db.prisma.attachment.findUnique({ where: { id: req.params.id } }) : null;
    if (!attachment?.storageKey) throw new NotFoundError(`attachment ${String(req.params.id)} does not exist`);
    const inline = /^(image|audio|video)\//.test(attachment.mime);
    res.set({
      'content-type': attachment.mime,
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${attachment.id}"`,
      'cache-control': 'private, max-age=3600',
    });
    res.send(await ctx.deps.attachments.get(attachment.storageKey));
  });

  return router;
}
