import { Router } from 'express';

import type { AppContext } from '../context.js';

/** `/healthz`: the process answers. `/readyz`: it can reach its database and queue. */
export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const { db, queues } = ctx.deps;
    const [database, queue] = await Promise.all([
      check(() => db.ping()),
      check(() => Promise.all([queues.intake.ping(), queues.outbound.ping()])),
    ]);
    const ready = database === 'ok' && queue === 'ok';
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not ready',
      database,
      queue,
      databaseKind: db.kind,
      queueKind: ctx.config.redisUrl ? 'bullmq' : 'in-process',
    });
  });
  return router;
}

async function check(probe: () => Promise<unknown>): Promise<string> {
  try {
    await probe();
    return 'ok';
  } catch (error) {
    return `unreachable: ${(error as Error).message}`;
  }
}
