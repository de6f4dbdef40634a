/**
 * The knowledge base the citizen bot answers consultations from: agents read and try it, admins
 * write it (one entry at a time or a whole JSONL/CSV file). Each write invalidates this process's
 * index at once; other processes see it within their refresh interval.
 */
import { Router } from 'express';

import { NotFoundError } from '../../core/errors/index.js';
import { isUuid, parseOrThrow } from '../../core/validation.js';
import {
  createKnowledge,
  createKnowledgeBase,
  deleteKnowledge,
  getKnowledge,
  importKnowledge,
  knowledgeSearchQuerySchema,
  listKnowledge,
  updateKnowledge,
  type KnowledgeBase,
} from '../../intake/knowledge/index.js';
import type { AppContext } from '../context.js';
import { actorOf, requireRole } from '../middleware/auth.js';
import { importBody, importFile } from './import-file.js';

/**
 * `knowledge` is the process's knowledge base, when it has one to share (so a write here is seen by
 * the bot in this process at once); without it the router keeps its own.
 */
export function knowledgeRoutes(ctx: AppContext, knowledge?: KnowledgeBase): Router {
  const router = Router();
  const agents = requireRole('AGENT', 'ADMIN');
  const admins = requireRole('ADMIN');
  const { db } = ctx.deps;
  const base = knowledge ?? createKnowledgeBase(db, { logger: ctx.deps.logger });
  const entryId = (value: unknown): string => {
    if (!isUuid(value)) throw new NotFoundError(`knowledge entry ${String(value)} does not exist`);
    return value;
  };

  router.get('/api/v1/knowledge', agents, async (req, res) => {
    res.json(await listKnowledge(db, req.query));
  });

  router.get('/api/v1/knowledge/search', agents, async (req, res) => {
    const { q, language } = parseOrThrow(knowledgeSearchQuerySchema, req.query, 'query');
    res.json(await base.search(q, language));
  });

  router.post('/api/v1/knowledge', admins, async (req, res) => {
    const entry = await createKnowledge(db, req.body, actorOf(req));
    base.invalidate();
    res.status(201).json(entry);
  });

  router.post('/api/v1/knowledge/import', admins, importBody, async (req, res) => {
    const { content, format } = importFile(req);
    const result = await importKnowledge(db, content, format, actorOf(req).userId);
    base.invalidate();
    res.status(201).json(result);
  });

  router.get('/api/v1/knowledge/:id', agents, async (req, res) => {
    res.json(await getKnowledge(db, entryId(req.params.id)));
  });

  router.patch('/api/v1/knowledge/:id', admins, async (req, res) => {
    const entry = await updateKnowledge(db, entryId(req.params.id), req.body);
    base.invalidate();
    res.json(entry);
  });

  router.delete('/api/v1/knowledge/:id', admins, async (req, res) => {
    await deleteKnowledge(db, entryId(req.params.id));
    base.invalidate();
    res.status(204).end();
  });

  return router;
}
