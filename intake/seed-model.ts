/**
 * Out of the box, suqiu suggests categories from a model trained on the seed catalogue's example
 * texts. The version is derived from the training data, so every process (and every restart) agrees
 * on it and trains at most once.
 */
import { createHash } from 'node:crypto';

import type { Database } from '../core/db/database.js';
import type { Logger } from '../core/logger.js';
import { trainCategoryModel } from '../nlu/index.js';
import { activeModelId, saveModel } from './model-registry.js';
import { activateModel } from './training/models.js';

export async function ensureActiveModel(db: Database, logger: Logger): Promise<void> {
  if (await activeModelId(db)) return;
  const rows = await db.prisma.trainingExample.findMany({ where: { source: 'SEED' }, select: { text: true, categoryCode: true } });
  const examples = rows
    .map((row) => ({ text: row.text, label: row.categoryCode }))
    .sort((a, b) => (a.label === b.label ? (a.text < b.text ? -1 : 1) : a.label < b.label ? -1 : 1));
  if (new Set(examples.map((e) => e.label)).size < 2) {
    logger.warn('no category model and no seed examples: tickets will wait for agents without a suggestion');
    return;
  }
  const version = `seed-${createHash('sha256').update(JSON.stringify(examples)).digest('hex').slice(0, 10)}`;
  let id = (await db.prisma.nluModel.findUnique({ where: { version }, select: { id: true } }))?.id;
  if (!id) {
    const started = Date.now();
    const model = trainCategoryModel(examples, { version });
    id = await saveModel(db, model, { metrics: { trainedOn: examples.length, labels: model.labels.length, source: 'seed catalogue' } });
    logger.info({ version, examples: examples.length, ms: Date.now() - started }, 'trained the seed category model');
  }
  await activateModel(db, id, {}, 'seed model');
}
