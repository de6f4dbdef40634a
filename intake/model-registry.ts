/**
 * Model versions in the database: the artefact bytes, their evaluation, and which version is active.
 * Every process loads the active version from here, so a model trained by one process serves all.
 */
import type { Database } from '../core/db/database.js';
import { isUniqueViolation, toJson } from '../core/db/helpers.js';
import type { CategoryModel } from '../nlu/index.js';
import { loadServedModel, type ServedModel } from './served-model.js';

export const CATEGORY_MODEL = 'category';

export async function saveModel(
  db: Database,
  model: CategoryModel,
  options: { metrics?: unknown; createdById?: string } = {},
): Promise<string> {
  const artefact = model.toArtefact();
  try {
    const row = await db.prisma.nluModel.create({
      data: {
        version: model.version,
        kind: CATEGORY_MODEL,
        status: 'READY',
        metrics: options.metrics === undefined ? undefined : toJson(options.metrics),
        artefact: new Uint8Array(artefact),
        sizeBytes: artefact.length,
        createdById: options.createdById,
      },
      select: { id: true },
    });
    return row.id;
  } catch (error) {
    // Two processes training the same deterministic version (the seed model) at once: keep the first.
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.prisma.nluModel.findUniqueOrThrow({ where: { version: model.version }, select: { id: true } });
    return existing.id;
  }
}

export async function loadActiveModel(db: Database, kind = CATEGORY_MODEL): Promise<ServedModel | undefined> {
  const active = await db.prisma.activeModel.findUnique({ where: { kind }, include: { model: { select: { artefact: true } } } });
  const bytes = active?.model.artefact;
  return bytes ? loadServedModel(bytes) : undefined;
}

export async function activeModelId(db: Database, kind = CATEGORY_MODEL): Promise<string | undefined> {
  return (await db.prisma.activeModel.findUnique({ where: { kind }, select: { modelId: true } }))?.modelId;
}
