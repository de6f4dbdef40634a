/**
 * Admins train the category model: import labelled files, look at what there is to learn from, ask
 * for a training run (it runs in a worker, intake goes on), compare a version with the active one,
 * activate it, roll back.
 */
import { Router } from 'express';

import { NotFoundError } from '../../core/errors/index.js';
import { activateModel, compareWithActive, listModels, modelDetail, requestTraining, rollbackModel } from '../../intake/training/models.js';
import { importExamples } from '../../intake/training/training-data.js';
import type { AppContext } from '../context.js';
import { actorOf, requireRole } from '../middleware/auth.js';
import { importBody, importFile } from './import-file.js';
import { isUuid } from '../../core/validation.js';

export function nluRoutes(ctx: AppContext): Router {
  const router = Router();
  const admins = requireRole('ADMIN');
  const { db } = ctx.deps;
  const modelId = (value: unknown): string => {
    if (typeof value !== 'string' || !isUuid(value)) throw new NotFoundError(`model ${String(value)} does not exist`);
    return value;
  };

  router.post('/api/v1/nlu/training-data', admins, importBody, async (req, res) => {
    const { content, format } = importFile(req);
    res.status(201).json(await importExamples(ctx.deps, content, format, actorOf(req)));
  });

  router.get('/api/v1/nlu/training-data', admins, async (_req, res) => {
    const [bySource, decisions] = await Promise.all([
      db.prisma.trainingExample.groupBy({ by: ['source'], _count: { _all: true } }),
      db.prisma.trainingExample.groupBy({ by: ['categoryCorrect'], where: { source: 'REVIEW' }, _count: { _all: true } }),
    ]);
    const count = (rows: { _count: { _all: number } }[]) => rows.reduce((sum, row) => sum + row._count._all, 0);
    const judged = decisions.filter((row) => row.categoryCorrect !== null);
    const right = decisions.find((row) => row.categoryCorrect === true)?._count._all ?? 0;
    res.json({
      bySource: Object.fromEntries(bySource.map((row) => [row.source, row._count._all])),
      // How often agents confirmed the suggested category as it was: the live accuracy of the models.
      reviewAgreement: count(judged) === 0 ? null : right / count(judged),
    });
  });

  router.post('/api/v1/nlu/models', admins, async (req, res) => {
    res.status(202).json(await requestTraining(ctx.deps, req.body, actorOf(req)));
  });

  router.get('/api/v1/nlu/models', admins, async (_req, res) => {
    res.json(await listModels(db));
  });

  router.post('/api/v1/nlu/models/rollback', admins, async (req, res) => {
    res.json(await rollbackModel(db, actorOf(req)));
  });

  router.get('/api/v1/nlu/models/:id', admins, async (req, res) => {
    res.json(await modelDetail(db, modelId(req.params.id)));
  });

  router.get('/api/v1/nlu/models/:id/comparison', admins, async (req, res) => {
    res.json(await compareWithActive(db, modelId(req.params.id), ctx.deps.embedder));
  });

  router.post('/api/v1/nlu/models/:id/activate', admins, async (req, res) => {
    const id = modelId(req.params.id);
    await activateModel(db, id, actorOf(req));
    res.json(await modelDetail(db, id));
  });

  return router;
}
