/**
 * Model versions as admins manage them: request a training run (a QUEUED row the training runner
 * picks up), list and inspect versions with their evaluation, activate one, roll back to the version
 * that served before, and compare a version with the active one on the same held-out examples.
 */
import { randomBytes } from 'node:crypto';

import { z } from 'zod';

import type { Database, Tx } from '../../core/db/database.js';
import { toJson } from '../../core/db/helpers.js';
import { topics, type EventBus } from '../../core/events/event-bus.js';
import { InvalidDataError, InvalidStateError, NotFoundError } from '../../core/errors/index.js';
import { parseOrThrow } from '../../core/validation.js';
import type { AuxEvaluation, RulePriorEvaluation } from '../../nlu/aux/index.js';
import type { Embedder } from '../../nlu/embeddings/index.js';
import { prepareText } from '../../nlu/text/index.js';
import { loadServedModel } from '../served-model.js';
import { evaluate, type Evaluation, type Prediction } from '../../nlu/evaluation.js';
import type { Catalogue } from '../../router/catalogue.js';
import { AUTO_ROUTED } from '../auto-route.js';
import { CATEGORY_MODEL } from '../model-registry.js';
import { embedTexts } from './embed-texts.js';
import { collectExamples, TRAINING_SOURCES } from './training-data.js';

export const trainingRequestSchema = z
  .object({
    sources: z.array(z.enum(TRAINING_SOURCES)).min(1).default(['SEED', 'REVIEW', 'IMPORT']),
    targetPrecision: z.number().min(0.5).max(0.999).default(0.95),
    holdout: z.number().min(0.05).max(0.5).default(0.2),
    /** `if-better`: activate when its held-out macro-F1 beats the active version's on the same examples. */
    activate: z.enum(['never', 'if-better', 'always']).default('never'),
    /**
     * Add the examples' sentence embeddings (SUQIU_EMBEDDING_MODEL_DIR's model) as a dense block of the
     * category model; the version then takes that model's vectors when classifying.
     */
    embeddings: z.boolean().default(false),
  })
  .strict();

export type TrainingRequest = z.infer<typeof trainingRequestSchema>;

export interface Actor {
  userId?: string;
}

export async function requestTraining(
  deps: { db: Database; bus: EventBus; catalogue: { current(): Catalogue }; embedder?: Pick<Embedder, 'modelId'> },
  body: unknown,
  actor: Actor,
) {
  const request = parseOrThrow(trainingRequestSchema, body ?? {}, 'training request');
  if (request.embeddings && !deps.embedder) {
    throw new InvalidDataError('embeddings were asked for, but no sentence-embedding model is configured (SUQIU_EMBEDDING_MODEL_DIR)', {
      code: 'NO_EMBEDDING_MODEL',
    });
  }
  // Refuse at once what the runner could only fail on later.
  const examples = await collectExamples(deps.db, request.sources, deps.catalogue.current());
  const labels = new Set(examples.map((example) => example.label));
  if (labels.size < 2) {
    throw new InvalidDataError(
      `the sources ${request.sources.join(', ')} hold examples of ${labels.size} live categories; a model needs at least 2`,
      { code: 'NOT_ENOUGH_EXAMPLES' },
    );
  }
  const row = await deps.db.prisma.nluModel.create({
    data: { version: newVersion(new Date()), kind: CATEGORY_MODEL, status: 'QUEUED', request: toJson(request), createdById: actor.userId },
    select: modelSelect,
  });
  await deps.bus.publish(topics.training, { modelId: row.id }).catch(() => undefined); // the runner also polls
  return { ...row, examples: examples.length, categories: labels.size };
}

function newVersion(now: Date): string {
  return `cat-${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
}

const modelSelect = {
  id: true,
  version: true,
  kind: true,
  status: true,
  request: true,
  progress: true,
  attempts: true,
  error: true,
  sizeBytes: true,
  createdById: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

export async function listModels(db: Database, kind = CATEGORY_MODEL) {
  const [rows, active] = await Promise.all([
    db.prisma.nluModel.findMany({ where: { kind }, orderBy: { createdAt: 'desc' }, take: 200, select: { ...modelSelect, metrics: true } }),
    db.prisma.activeModel.findUnique({ where: { kind }, select: { modelId: true } }),
  ]);
  const checks = await autoRouteChecks(
    db,
    rows.map((row) => row.version),
  );
  return {
    items: rows.map(({ metrics, ...row }) => ({
      ...row,
      active: row.id === active?.modelId,
      summary: summaryOf(metrics),
      autoRouteChecks: checks.get(row.version)!,
    })),
  };
}

export async function modelDetail(db: Database, id: string) {
  const row = await db.prisma.nluModel.findUnique({
    where: { id },
    select: { ...modelSelect, metrics: true, activeFor: { select: { kind: true } }, activations: { orderBy: { activatedAt: 'desc' } } },
  });
  if (!row) throw new NotFoundError(`model ${id} does not exist`);
  const { activeFor, metrics, ...rest } = row;
  // The held-out predictions are for comparisons, not for reading.
  const { heldOut: _heldOut, ...shown } = (metrics ?? {}) as Record<string, unknown>;
  return {
    ...rest,
    active: activeFor !== null,
    metrics: metrics === null ? null : shown,
    autoRouteChecks: (await autoRouteChecks(db, [row.version])).get(row.version)!,
  };
}

export interface AutoRouteChecks {
  checked: number;
  categoryRight: number;
  precision: number | null;
}

/**
 * How right each version was where it routed alone, as agents found when they checked those tickets: the
 * live precision to set beside the target its auto thresholds were chosen for.
 */
async function autoRouteChecks(db: Database, versions: string[]): Promise<Map<string, AutoRouteChecks>> {
  const rows = await db.prisma.trainingExample.groupBy({
    by: ['modelVersion', 'categoryCorrect'],
    where: { modelVersion: { in: versions }, categoryCorrect: { not: null }, ticket: { flags: { has: AUTO_ROUTED } } },
    _count: { _all: true },
  });
  return new Map(
    versions.map((version) => {
      const mine = rows.filter((r) => r.modelVersion === version);
      const checked = mine.reduce((sum, r) => sum + r._count._all, 0);
      const categoryRight = mine.find((r) => r.categoryCorrect === true)?._count._all ?? 0;
      return [version, { checked, categoryRight, precision: checked === 0 ? null : categoryRight / checked }];
    }),
  );
}

/** The figures a list shows: enough to choose a version without opening it. */
function summaryOf(metrics: unknown) {
  const m = (metrics ?? {}) as {
    evaluation?: { accuracy?: number; macroF1?: number; n?: number; coverageAtPrecision?: unknown };
    examples?: number;
    auxiliary?: Partial<AuxEvaluation>;
  };
  if (!m.evaluation) return null;
  const aux = m.auxiliary;
  return {
    examples: m.examples,
    heldOut: m.evaluation.n,
    accuracy: m.evaluation.accuracy,
    macroF1: m.evaluation.macroF1,
    coverageAtPrecision: m.evaluation.coverageAtPrecision,
    // Who answers the other questions, with the cross-validated macro-F1 behind it (versions before these models: absent).
    ...(aux?.requestType && aux.urgency && aux.department
      ? {
          requestType: { answers: aux.requestType.answers, macroF1: chosenF1(aux.requestType) },
          urgency: { answers: aux.urgency.answers, macroF1: chosenF1(aux.urgency) },
          department: { trained: aux.department.trained, macroF1: aux.department.crossValidation?.macroF1 ?? null },
        }
      : {}),
  };
}

function chosenF1(evaluation: RulePriorEvaluation): number | null {
  return evaluation.crossValidation?.[evaluation.answers].macroF1 ?? null;
}

/** Makes a READY version the one every process serves (each notices within one refresh interval). */
export async function activateModel(db: Database, id: string, actor: Actor, reason = 'activated'): Promise<void> {
  await db.transaction((tx) => activateIn(tx, id, actor, reason));
}

export async function activateIn(tx: Tx, id: string, actor: Actor, reason: string): Promise<void> {
  const model = await tx.nluModel.findUnique({ where: { id }, select: { id: true, kind: true, status: true, version: true } });
  if (!model) throw new NotFoundError(`model ${id} does not exist`);
  if (model.status !== 'READY') throw new InvalidStateError(`model ${model.version} is ${model.status}; only a READY model can serve`);
  await tx.activeModel.upsert({
    where: { kind: model.kind },
    create: { kind: model.kind, modelId: model.id },
    update: { modelId: model.id, activatedAt: new Date() },
  });
  await tx.modelActivation.create({ data: { kind: model.kind, modelId: model.id, activatedById: actor.userId, reason } });
}

/** Back to the version that served before the current one. */
export async function rollbackModel(db: Database, actor: Actor, kind = CATEGORY_MODEL) {
  return db.transaction(async (tx) => {
    const current = await tx.activeModel.findUnique({ where: { kind }, select: { modelId: true } });
    const earlier = await tx.modelActivation.findFirst({
      where: { kind, modelId: { not: current?.modelId }, model: { status: 'READY' } },
      orderBy: { activatedAt: 'desc' },
      select: { modelId: true, model: { select: { version: true } } },
    });
    if (!earlier) throw new InvalidStateError('there is no earlier version to roll back to');
    await activateIn(tx, earlier.modelId, actor, 'rollback');
    return { id: earlier.modelId, version: earlier.model.version };
  });
}

/** Fewer unseen examples than this and the comparison uses every held-out example, and says so. */
const MIN_UNSEEN = 20;

interface HeldOutPrediction extends Prediction {
  id: string;
}

/**
 * The candidate and the active version on the same examples: the candidate's held-out ones, which the
 * candidate's evaluation model never saw (its stored predictions are used). Where enough of them are
 * younger than the active version, only those count, so the active version is not judged on examples it
 * learned; otherwise all count and `activeMaySeeExamples` says the comparison favours the active one.
 * An active version with a sentence-embedding block is scored with the examples' vectors when the
 * embedder it was trained with is configured; otherwise on n-grams alone, and `activeWithoutVectors`
 * says so (it is then judged below what it does in service).
 */
export async function compareWithActive(db: Database, id: string, embedder?: Pick<Embedder, 'modelId' | 'embed'>, kind = CATEGORY_MODEL) {
  const [candidate, active] = await Promise.all([
    db.prisma.nluModel.findUnique({ where: { id }, select: { id: true, version: true, status: true, metrics: true } }),
    db.prisma.activeModel.findUnique({
      where: { kind },
      select: { model: { select: { id: true, version: true, artefact: true, createdAt: true } } },
    }),
  ]);
  if (!candidate) throw new NotFoundError(`model ${id} does not exist`);
  if (candidate.status !== 'READY') throw new InvalidStateError(`model ${candidate.version} is ${candidate.status}`);
  if (!active?.model.artefact) throw new InvalidStateError('no version is active to compare with');
  const metrics = (candidate.metrics ?? {}) as { heldOut?: HeldOutPrediction[]; request?: { targetPrecision?: number } };
  const stored = new Map((metrics.heldOut ?? []).map((prediction) => [prediction.id, prediction]));
  const rows = await db.prisma.trainingExample.findMany({
    where: { id: { in: [...stored.keys()] } },
    select: { id: true, text: true, categoryCode: true, createdAt: true },
  });
  if (rows.length === 0) throw new InvalidStateError(`model ${candidate.version} has no held-out examples left to compare on`);
  const unseen = rows.filter((row) => row.createdAt > active.model.createdAt);
  const subset = unseen.length >= MIN_UNSEEN ? unseen : rows;
  const target = metrics.request?.targetPrecision ?? 0.95;
  const figures = (evaluation: Evaluation) => ({
    accuracy: evaluation.accuracy,
    macroF1: evaluation.macroF1,
    ece: evaluation.ece,
    coverageAtPrecision: evaluation.coverageAtPrecision,
  });
  const activeModel = await loadServedModel(active.model.artefact);
  const texts = subset.map((row) => prepareText(row.text).normalized);
  const ownEmbedder = activeModel.embeddingModel !== undefined && embedder?.modelId === activeModel.embeddingModel ? embedder : undefined;
  const vectors = ownEmbedder ? await embedTexts(ownEmbedder, texts) : undefined;
  return {
    examples: subset.length,
    activeMaySeeExamples: subset !== unseen,
    activeWithoutVectors: activeModel.embeddingModel !== undefined && !vectors,
    candidate: {
      id: candidate.id,
      version: candidate.version,
      ...figures(
        evaluate(
          subset.map((row) => stored.get(row.id)!),
          target,
        ),
      ),
    },
    active: {
      id: active.model.id,
      version: active.model.version,
      ...figures(
        evaluate(
          subset.map((row, i) => {
            const [best] = activeModel.predict(texts[i]!, vectors?.[i]);
            return { label: row.categoryCode, predicted: best?.code ?? '', score: best?.score ?? 0 };
          }),
          target,
        ),
      ),
    },
  };
}
