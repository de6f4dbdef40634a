/** The live category tree and departments, for the console's pickers. */
import { Router } from 'express';

import type { AppContext } from '../context.js';
import { requireRole } from '../middleware/auth.js';

export function catalogueRoutes(ctx: AppContext): Router {
  const router = Router();
  const agents = requireRole('AGENT', 'ADMIN');

  router.get('/api/v1/categories', agents, (_req, res) => {
    res.json({ items: ctx.deps.catalogue.current().listCategories() });
  });

  router.get('/api/v1/departments', agents, (_req, res) => {
    res.json({ items: ctx.deps.catalogue.current().listDepartments() });
  });

  return router;
}
