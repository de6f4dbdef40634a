/**
 * Trains the versions admins ask for, one at a time, in a worker thread so intake never waits. The
 * database is the queue: a QUEUED row is claimed with a lease that a heartbeat extends; a runner that
 * dies leaves an expired lease, and the next runner (in any worker process) takes the row again, up to
 * `maxAttempts`. A wake-up on the event bus starts a run at once; polling catches anything missed.
 */
import type { Database } from '../../core/db/database.js';
import { toJson } from '../../core/db/helpers.js';
import { topics, type EventBus } from '../../core/events/event-bus.js';
import type { Logger } from '../../core/logger.js';
import type { Catalogue } from '../../router/catalogue.js';
import { priorsFromCatalogue, type TrainEmbeddings } from '../../nlu/category/index.js';
import type { Embedder } from '../../nlu/embeddings/index.js';
import { prepareText } from '../../nlu/text/index.js';
import type { LabelledText } from '../../nlu/train.js';
import { embedTexts } from './embed-texts.js';
import { activateIn, compareWithActive, trainingRequestSchema } from './models.js';
import { runTrainingThread } from './run-thread.js';
import { collectExamples } from './training-data.js';

export interface TrainingRunnerDeps {
  db: Database;
  bus: EventBus;
  logger: Logger;
  catalogue: { current(): Catalogue };
  /** Embeds the examples of a run that asks for sentence embeddings. */
  embedder?: Embedder;
  now: () => Date;
}

export interface TrainingRunnerOptions {
  pollMs: number;
  leaseMs: number;
  maxAttempts: number;
}

export const DEFAULT_RUNNER_OPTIONS: TrainingRunnerOptions = { pollMs: 15_000, leaseMs: 60_000, maxAttempts: 3 };

export interface TrainingRunner {
  /** Looks for work now (tests and the event bus). */
  wake(): void;
  stop(): Promise<void>;
}

export async function startTrainingRunner(deps: TrainingRunnerDeps, options = DEFAULT_RUNNER_OPTIONS): Promise<TrainingRunner> {
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let cancel: (() => Promise<void>) | undefined;

  const loop = async () => {
    do {
      again = false;
      for (let id = await claimNext(deps, options); id && !stopped; id = await claimNext(deps, options)) {
        const run = train(deps, options, id);
        cancel = run.cancel;
        await run.done;
        cancel = undefined;
      }
    } while (again && !stopped);
  };
  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = loop()
      .catch((error: unknown) => deps.logger.error({ err: error }, 'the training runner failed; it retries at the next poll'))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(wake, options.pollMs);
  timer.unref();
  const unsubscribe = await deps.bus.subscribe(topics.training, () => wake());
  wake();
  return {
    wake,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await unsubscribe();
      // A run cut short keeps its lease until it expires; another runner then finishes the job.
      await cancel?.();
      await running;
    },
  };
}

/** Claims the oldest queued row, or one whose runner's lease ran out. */
async function claimNext(deps: TrainingRunnerDeps, options: TrainingRunnerOptions): Promise<string | undefined> {
  const now = deps.now();
  // Rows abandoned too often are failed for good, with the reason visible to the admin.
  await deps.db.prisma.nluModel.updateMany({
    where: { status: 'TRAINING', leaseUntil: { lt: now }, attempts: { gte: options.maxAttempts } },
    data: { status: 'FAILED', error: `training did not finish after ${options.maxAttempts} attempts`, finishedAt: now, leaseUntil: null },
  });
  const candidate = await deps.db.prisma.nluModel.findFirst({
    where: { OR: [{ status: 'QUEUED' }, { status: 'TRAINING', leaseUntil: { lt: now } }] },
    orderBy: { createdAt: 'asc' },
    select: { id: true, status: true, leaseUntil: true },
  });
  if (!candidate) return undefined;
  // Conditional update: of two runners racing for the row, one changes it and the other sees 0.
  const claimed = await deps.db.prisma.nluModel.updateMany({
    where: { id: candidate.id, status: candidate.status, leaseUntil: candidate.leaseUntil },
    data: {
      status: 'TRAINING',
      leaseUntil: new Date(now.getTime() + options.leaseMs),
      attempts: { increment: 1 },
      startedAt: now,
      progress: 0,
    },
  });
  return claimed.count === 1 ? candidate.id : undefined;
}

function train(deps: TrainingRunnerDeps, options: TrainingRunnerOptions, id: string): { done: Promise<void>; cancel: () => Promise<void> } {
  let cancelThread: (() => Promise<void>) | undefined;
  let cancelled = false;
  let heartbeat: NodeJS.Timeout | undefined;
  let progress = 0;
  const log = deps.logger.child({ modelId: id });
  const done = (async () => {
    const row = await deps.db.prisma.nluModel.findUniqueOrThrow({ where: { id }, select: { version: true, request: true } });
    const request = trainingRequestSchema.parse(row.request ?? {});
    const examples = await collectExamples(deps.db, request.sources, deps.catalogue.current());
    log.info({ version: row.version, examples: examples.length }, 'training a category model and its auxiliary models');
    const started = Date.now();
    // The lease is kept from here on: embedding thousands of examples can outlast it.
    heartbeat = setInterval(
      () => {
        void deps.db.prisma.nluModel
          .updateMany({
            where: { id, status: 'TRAINING' },
            data: { leaseUntil: new Date(deps.now().getTime() + options.leaseMs), progress },
          })
          .catch((error: unknown) => log.warn({ err: error }, 'could not extend the training lease'));
      },
      Math.max(1_000, Math.floor(options.leaseMs / 3)),
    );
    const priors = priorsFromCatalogue(deps.catalogue.current().listCategories());
    const embeddings = request.embeddings ? await embedForTraining(deps.embedder, examples, priors) : undefined;
    if (cancelled) return; // stopped while embedding: the lease runs out and another runner trains it
    const thread = runTrainingThread(
      examples.map(({ id: _id, ...example }) => example),
      {
        holdout: request.holdout,
        targetPrecision: request.targetPrecision,
        seed: 12345,
        version: row.version,
        parents: parentsOf(deps.catalogue.current()),
        priors,
        ...(embeddings ? { embeddings } : {}),
      },
      (_stage, fraction) => (progress = fraction),
    );
    cancelThread = thread.cancel;
    const result = await thread.result;
    const metrics = {
      request,
      examples: examples.length,
      labels: result.labels.length,
      ...(embeddings ? { embeddingModel: embeddings.modelId } : {}),
      trainingMs: Date.now() - started,
      evaluation: result.evaluation,
      heldOut: result.heldOut.map(({ index, ...prediction }) => ({ id: examples[index]!.id, ...prediction })),
      learningCurve: result.learningCurve,
      auxiliary: result.auxiliary,
    };
    await deps.db.prisma.nluModel.update({
      where: { id },
      data: {
        status: 'READY',
        artefact: new Uint8Array(result.artefact),
        sizeBytes: result.artefact.byteLength,
        metrics: toJson(metrics),
        progress: 1,
        finishedAt: deps.now(),
        leaseUntil: null,
        error: null,
      },
    });
    const answers = { requestType: result.auxiliary.requestType.answers, urgency: result.auxiliary.urgency.answers };
    log.info(
      {
        version: row.version,
        ms: metrics.trainingMs,
        macroF1: result.evaluation.macroF1,
        ...answers,
        department: result.auxiliary.department.trained,
      },
      'category model ready',
    );
    await activateAsRequested(deps, id, request.activate, log);
  })()
    .catch(async (error: unknown) => {
      log.error({ err: error }, 'training failed');
      await deps.db.prisma.nluModel.updateMany({
        where: { id, status: 'TRAINING' },
        data: {
          status: 'FAILED',
          error: String((error as Error)?.message ?? error).slice(0, 1_000),
          finishedAt: deps.now(),
          leaseUntil: null,
        },
      });
    })
    .finally(() => clearInterval(heartbeat));
  return {
    done,
    cancel: async () => {
      cancelled = true;
      await cancelThread?.();
    },
  };
}

async function activateAsRequested(
  deps: TrainingRunnerDeps,
  id: string,
  mode: 'never' | 'if-better' | 'always',
  log: Logger,
): Promise<void> {
  if (mode === 'never') return;
  if (mode === 'if-better') {
    const comparison = await compareWithActive(deps.db, id, deps.embedder).catch(() => undefined);
    // Without an active version to compare with, the new one is better than nothing.
    if (comparison && comparison.candidate.macroF1 <= comparison.active.macroF1) {
      log.info({ comparison }, 'not activated: the active version is as good on the held-out examples');
      return;
    }
  }
  await deps.db.transaction((tx) =>
    activateIn(tx, id, {}, mode === 'always' ? 'trained and activated' : 'trained; better than the active version'),
  );
}

/**
 * Sentence embeddings of the examples and priors, of the text the models learn from (masked and
 * normalised, as intake embeds it). Runs on this thread before the training thread starts: the
 * embedder (onnxruntime) works off the event loop, and the thread then receives plain vectors.
 */
async function embedForTraining(
  embedder: Embedder | undefined,
  examples: readonly LabelledText[],
  priors: readonly LabelledText[],
): Promise<TrainEmbeddings> {
  // The request was accepted by a process that has an embedding model; this worker must have it too.
  if (!embedder)
    throw new Error('the run asks for sentence embeddings, but this worker has no embedding model (SUQIU_EMBEDDING_MODEL_DIR)');
  const prepared = (rows: readonly LabelledText[]) => rows.map((row) => prepareText(row.text).normalized);
  return {
    modelId: embedder.modelId,
    examples: await embedTexts(embedder, prepared(examples)),
    priors: await embedTexts(embedder, prepared(priors)),
  };
}

/** Category → parent, so a model trained on second-level categories also scores their first level. */
function parentsOf(catalogue: Catalogue): Record<string, string> {
  return Object.fromEntries(
    catalogue.listCategories().flatMap((category) => (category.parentCode ? [[category.code, category.parentCode]] : [])),
  );
}
