/** Agents talking with citizens (the bot's hand-off) and admins rewording the bot. */
import { Router } from 'express';

import { NotFoundError } from '../../core/errors/index.js';
import { endHandoff, sendAgentMessage } from '../../intake/agent-messages.js';
import { editBotText, listBotTexts, restoreBotText } from '../../intake/bot-texts.js';
import type { AppContext } from '../context.js';
import { actorOf, requireRole } from '../middleware/auth.js';
import { isUuid } from '../../core/validation.js';

export function conversationRoutes(ctx: AppContext): Router {
  const router = Router();
  const agents = requireRole('AGENT', 'ADMIN');
  const admins = requireRole('ADMIN');
  const ticketId = (value: unknown): string => {
    if (typeof value !== 'string' || !isUuid(value)) throw new NotFoundError(`ticket ${String(value)} does not exist`);
    return value;
  };

  router.post('/api/v1/tickets/:id/messages', agents, async (req, res) => {
    res.status(201).json(await sendAgentMessage(ctx.deps, ticketId(req.params.id), req.body, actorOf(req)));
  });

  router.post('/api/v1/tickets/:id/handoff/end', agents, async (req, res) => {
    await endHandoff(ctx.deps, ticketId(req.params.id), actorOf(req));
    res.status(204).end();
  });

  router.get('/api/v1/bot-texts', admins, async (_req, res) => {
    res.json(await listBotTexts(ctx.deps.db));
  });

  router.put('/api/v1/bot-texts/:key/:language', admins, async (req, res) => {
    await editBotText(ctx.deps.db, String(req.params.key), String(req.params.language), req.body, actorOf(req).userId);
    // This process speaks the new words at once; the others within their refresh interval.
    await ctx.deps.texts.refresh();
    res.status(204).end();
  });

  router.delete('/api/v1/bot-texts/:key/:language', admins, async (req, res) => {
    await restoreBotText(ctx.deps.db, String(req.params.key), String(req.params.language));
    await ctx.deps.texts.refresh();
    res.status(204).end();
  });

  return router;
}
