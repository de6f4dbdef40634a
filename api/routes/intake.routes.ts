/** What an API-channel caller may read back: its own messages and the tickets they became. */
import { Router } from 'express';

import { NotFoundError, UnauthorizedError } from '../../core/errors/index.js';
import type { AppContext } from '../context.js';
import { isUuid } from '../../core/validation.js';

export function intakeRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/api/v1/intake/messages/:id', async (req, res) => {
    const principal = req.principal;
    if (principal?.kind !== 'apiKey') throw new UnauthorizedError('send an API key as "Authorization: Bearer sqk_…"');
    const id = req.params.id;
    const message = isUuid(id)
      ? await ctx.deps.db.prisma.message.findFirst({
          where: { id, channel: 'api', direction: 'INBOUND', dedupKey: { startsWith: `${principal.source}:` } },
          select: {
            id: true,
            externalId: true,
            status: true,
            receivedAt: true,
            processedAt: true,
            lastError: true,
            ticket: { select: { id: true, number: true, status: true } },
          },
        })
      : null;
    if (!message) throw new NotFoundError(`message ${id} does not exist for this source`);
    res.json(message);
  });
  return router;
}
