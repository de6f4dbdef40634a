/** Admin-only: console users and API keys (the bootstrap token counts as admin, for a fresh deployment). */
import { Router } from 'express';

import { createApiKey, revokeApiKey } from '../../core/auth/api-keys.js';
import { createUser } from '../../core/auth/users.js';
import { NotFoundError } from '../../core/errors/index.js';
import type { AppContext } from '../context.js';
import { actorOf, requireRole } from '../middleware/auth.js';
import { isUuid } from '../../core/validation.js';

export function adminRoutes(ctx: AppContext): Router {
  const router = Router();
  const admins = requireRole('ADMIN');
  const { db } = ctx.deps;

  router.post('/api/v1/users', admins, async (req, res) => {
    res.status(201).json(await createUser(db, req.body));
  });

  router.get('/api/v1/users', admins, async (_req, res) => {
    const items = await db.prisma.user.findMany({
      orderBy: { username: 'asc' },
      select: { id: true, username: true, displayName: true, role: true, active: true, lastLoginAt: true, createdAt: true },
    });
    res.json({ items });
  });

  router.post('/api/v1/api-keys', admins, async (req, res) => {
    res.status(201).json(await createApiKey(db, req.body, actorOf(req).userId));
  });

  router.get('/api/v1/api-keys', admins, async (_req, res) => {
    const items = await db.prisma.apiKey.findMany({
      orderBy: { createdAt: 'desc' },
      select: { id: true, name: true, source: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    });
    res.json({ items });
  });

  router.delete('/api/v1/api-keys/:id', admins, async (req, res) => {
    if (!isUuid(req.params.id)) throw new NotFoundError(`API key ${String(req.params.id)} does not exist`);
    await revokeApiKey(db, req.params.id);
    ctx.apiKeys.forget(req.params.id);
    res.status(204).end();
  });

  return router;
}
