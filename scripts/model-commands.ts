/**
 * `suqiu model …`: the admin's model work from a shell, on the installation's database — the same use
 * cases as the admin API (intake/training/models.ts): import labelled examples, train a version from the
 * agents' decisions and imports (in this process, with a progress bar, through the same training runner
 * the workers use), list, compare with the active version, activate, roll back.
 */
import { readFile } from 'node:fs/promises';
import type { Config } from '../core/config.js';
import type { Database } from '../core/db/database.js';
import { InvalidDataError, NotFoundError } from '../core/errors/index.js';
import { LocalEventBus } from '../core/events/event-bus.js';
import { isUuid } from '../core/validation.js';
import { createLogger } from '../core/logger.js';
import { CatalogueProvider } from '../intake/catalogue.provider.js';
import {
  activateModel,
  compareWithActive,
  listModels,
  modelDetail,
  requestTraining,
  rollbackModel,
  type AutoRouteChecks,
} from '../intake/training/models.js';
import { importExamples, TRAINING_SOURCES } from '../intake/training/training-data.js';
import { DEFAULT_RUNNER_OPTIONS, startTrainingRunner } from '../intake/training/training-runner.js';
import type { LearningCurve } from '../nlu/train-evaluate.js';
import { seedCatalogue } from '../prisma/seed/seed.js';
import { withDatabase } from './admin-commands.js';
import { parseOptions, withEmbedder } from './cli-helpers.js';
import { progressBar } from './progress-bar.js';

export const MODEL_USAGE = `usage: suqiu model <command> [options]

  list                          the category model versions, newest first (* = active)
  import --file <file>          labelled examples (JSON Lines: text or title + detail, and label;
                                or CSV with a header); labels are live category codes or names;
                                optional requestType, urgency, department (codes or names)
  train [--sources SEED,REVIEW,IMPORT] [--activate never|if-better|always]
        [--holdout 0.2] [--target-precision 0.95] [--embeddings]
                                trains a version here, with a progress bar, and prints its evaluation
  compare <version or id>       it and the active version on the same held-out examples
  activate <version or id>      every process serves it within a refresh
  rollback                      back to the version that served before the active one`;

export class ModelUsageError extends Error {}

type Print = (line: string) => void;

export async function modelCommand(config: Config, argv: string[], print: Print = console.log): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'list':
      return withCatalogue(config, (db) => list(db, print));
    case 'import': {
      const args = options(rest, { file: 'string' });
      if (!args.file) throw new ModelUsageError('import needs --file <labelled.jsonl or .csv>');
      return withCatalogue(config, (db) => importFile(db, args.file!, print));
    }
    case 'train':
      return withCatalogue(config, (db) => train(config, db, trainRequest(rest), print));
    case 'compare': {
      const reference = oneArgument(rest, 'compare');
      return withCatalogue(config, (db) =>
        withEmbedder(config.embedding, async (embedder) => {
          const comparison = await compareWithActive(db, await resolveModel(db, reference), embedder);
          printComparison(comparison, print);
          return 0;
        }),
      );
    }
    case 'activate': {
      const reference = oneArgument(rest, 'activate');
      return withCatalogue(config, async (db) => {
        const id = await resolveModel(db, reference);
        await activateModel(db, id, {}, 'activated from the command line');
        print(`activated ${(await modelDetail(db, id)).version}; every process serves it within a refresh (30 s)`);
        return 0;
      });
    }
    case 'rollback':
      return withCatalogue(config, async (db) => {
        const back = await rollbackModel(db, {});
        print(`rolled back: ${back.version} serves again`);
        return 0;
      });
    case undefined:
    case 'help':
    case '--help':
      print(MODEL_USAGE);
      return 0;
    default:
      throw new ModelUsageError(`unknown model command "${command}"`);
  }
}

/** The installation's database, with the default category tree seeded as at a first start. */
function withCatalogue(config: Config, fn: (db: Database) => Promise<number>): Promise<number> {
  return withDatabase(config, async (db) => {
    // Labels and examples refer to the category tree, so a new installation gets its default one.
    await seedCatalogue(db);
    return fn(db);
  });
}

async function list(db: Database, print: Print): Promise<number> {
  const { items } = await listModels(db);
  if (items.length === 0) {
    print('no trained versions yet (the seed model serves); suqiu model train makes one');
    return 0;
  }
  // "auto-routed right": of the tickets a version routed without review that agents checked, how many it had right.
  print(
    [' ', 'version'.padEnd(30), 'status'.padEnd(9), 'examples', 'macro-F1', 'accuracy', 'routable', 'auto-routed right', 'created'].join(
      '  ',
    ),
  );
  for (const item of items) {
    const s = item.summary;
    print(
      [
        item.active ? '*' : ' ',
        item.version.padEnd(30),
        item.status.padEnd(9),
        String(s?.examples ?? '').padStart(8),
        figure(s?.macroF1).padStart(8),
        figure(s?.accuracy).padStart(8),
        percent((s?.coverageAtPrecision as { coverage?: number } | undefined)?.coverage).padStart(8),
        autoRouted(item.autoRouteChecks).padStart(17),
        item.createdAt.toISOString().slice(0, 16).replace('T', ' '),
      ].join('  '),
    );
  }
  return 0;
}

function autoRouted({ checked, categoryRight }: AutoRouteChecks): string {
  return checked === 0 ? '–' : `${categoryRight}/${checked} (${percent(categoryRight / checked)})`;
}

async function importFile(db: Database, file: string, print: Print): Promise<number> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw new ModelUsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const format = /\.csv$/i.test(file) ? 'csv' : 'jsonl';
  const catalogue = await CatalogueProvider.load(db);
  try {
    const result = await importExamples({ db, catalogue }, content, format, {});
    print(
      `imported ${result.imported} examples (with request type ${result.withRequestType}, urgency ${result.withUrgency}, ` +
        `department ${result.withDepartment})`,
    );
    for (const [code, count] of Object.entries(result.perCategory)) print(`  ${code.padEnd(24)} ${count}`);
    return 0;
  } catch (error) {
    // All or nothing: every bad line is named, and nothing was stored.
    if (error instanceof InvalidDataError && Array.isArray(error.details)) {
      print(`suqiu: ${error.message}`);
      for (const problem of error.details as { line?: number; message?: string }[]) {
        print(`  line ${problem.line ?? '?'}: ${problem.message ?? JSON.stringify(problem)}`);
      }
      return 1;
    }
    throw error;
  }
}

interface TrainArgs {
  sources?: string[];
  activate?: string;
  holdout?: number;
  targetPrecision?: number;
  embeddings: boolean;
}

function trainRequest(args: string[]): TrainArgs {
  const values = options(args, {
    sources: 'string',
    activate: 'string',
    holdout: 'string',
    'target-precision': 'string',
    embeddings: 'boolean',
  });
  const sources = values.sources?.split(',').map((source) => source.trim().toUpperCase());
  const unknown = sources?.find((source) => !(TRAINING_SOURCES as readonly string[]).includes(source));
  if (unknown) throw new ModelUsageError(`--sources: "${unknown}" is not one of ${TRAINING_SOURCES.join(', ')}`);
  return {
    sources,
    activate: values.activate,
    holdout: number(values.holdout, '--holdout'),
    targetPrecision: number(values['target-precision'], '--target-precision'),
    embeddings: values.embeddings === true,
  };
}

async function train(config: Config, db: Database, args: TrainArgs, print: Print): Promise<number> {
  // The configured embedder only when asked for: a version with the block needs it at every prediction.
  return withEmbedder(args.embeddings ? config.embedding : undefined, async (embedder) => {
    const catalogue = await CatalogueProvider.load(db);
    const bus = new LocalEventBus();
    const request = {
      ...(args.sources ? { sources: args.sources } : {}),
      ...(args.activate ? { activate: args.activate } : {}),
      ...(args.holdout !== undefined ? { holdout: args.holdout } : {}),
      ...(args.targetPrecision !== undefined ? { targetPrecision: args.targetPrecision } : {}),
      embeddings: args.embeddings,
    };
    const queued = await requestTraining({ db, bus, catalogue, embedder }, request, {});
    print(`training ${queued.version}: ${queued.examples} examples of ${queued.categories} categories`);
    // Warnings only, on stderr: stdout is for the figures.
    const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', { write: (line: string) => process.stderr.write(line) });
    const runner = await startTrainingRunner(
      { db, bus, logger, catalogue, embedder, now: () => new Date() },
      { ...DEFAULT_RUNNER_OPTIONS, pollMs: 2_000 },
    );
    const bar = progressBar();
    let row;
    try {
      // Another worker may have claimed the run first (a server on the same PostgreSQL): the row tells either way.
      for (;;) {
        row = await modelDetail(db, queued.id);
        if (row.status === 'READY' || row.status === 'FAILED') break;
        bar('training', Math.min(row.progress ?? 0, 0.99));
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    } finally {
      await runner.stop();
    }
    // READY is stored before the run activates the version as asked; stop() waited for that step.
    row = await modelDetail(db, queued.id);
    if (row.status === 'FAILED') {
      print(`suqiu: training ${row.version} failed: ${row.error ?? 'no reason recorded'}`);
      return 1;
    }
    bar('training', 1);
    printEvaluation(row, print);
    return 0;
  });
}

function printEvaluation(row: Awaited<ReturnType<typeof modelDetail>>, print: Print): void {
  const metrics = (row.metrics ?? {}) as {
    evaluation?: {
      n: number;
      accuracy: number;
      macroF1: number;
      ece: number;
      coverageAtPrecision: { target: number; coverage: number; precision: number };
      perClass: Record<string, { precision: number; recall: number; f1: number; support: number }>;
    };
    learningCurve?: LearningCurve;
  };
  const evaluation = metrics.evaluation;
  print(`${row.version} is READY${row.active ? ' and active' : ''} (${row.sizeBytes ?? '?'} bytes)`);
  if (!evaluation) return;
  const coverage = evaluation.coverageAtPrecision;
  print(
    `held out ${evaluation.n}: accuracy ${figure(evaluation.accuracy)}, macro-F1 ${figure(evaluation.macroF1)}, ` +
      `calibration error ${figure(evaluation.ece)}, routable at ${percent(coverage.target)} precision ${percent(coverage.coverage)} ` +
      `(precision there ${percent(coverage.precision)})`,
  );
  print(`  ${'category'.padEnd(24)} precision  recall      F1  support`);
  for (const [code, c] of Object.entries(evaluation.perClass)) {
    print(
      `  ${code.padEnd(24)} ${figure(c.precision).padStart(9)} ${figure(c.recall).padStart(7)} ${figure(c.f1).padStart(7)} ${String(c.support).padStart(8)}`,
    );
  }
  const curve = metrics.learningCurve;
  if (curve) {
    const points = curve.points.map((p) => `${figure(p.macroF1)} from ${p.examples}`).join(', ');
    print(
      `macro-F1 on the same held-out examples by training examples: ${points} — ` +
        (curve.stillRising
          ? `still rising (${(curve.gainPerDoubling * 100).toFixed(1)} points per doubling): more decisions will help`
          : 'levelled off: more of the same will add little; have agents decide the uncertain ones (review queue ?order=uncertain)'),
    );
  }
}

function printComparison(comparison: Awaited<ReturnType<typeof compareWithActive>>, print: Print): void {
  print(`on the same ${comparison.examples} held-out examples:`);
  print(`  ${''.padEnd(10)} ${'version'.padEnd(30)} accuracy  macro-F1  calibration error  routable`);
  for (const [name, side] of [
    ['candidate', comparison.candidate],
    ['active', comparison.active],
  ] as const) {
    print(
      `  ${name.padEnd(10)} ${side.version.padEnd(30)} ${figure(side.accuracy).padStart(8)}  ${figure(side.macroF1).padStart(8)}  ` +
        `${figure(side.ece).padStart(17)}  ${percent(side.coverageAtPrecision.coverage).padStart(8)}`,
    );
  }
  if (comparison.activeMaySeeExamples)
    print('  note: too few examples are younger than the active version; it may have learned some of them');
  if (comparison.activeWithoutVectors) print('  note: the active version takes sentence embeddings, and no such model is configured here');
}

/** A model named by its id or its version, as the list shows it. */
async function resolveModel(db: Database, reference: string): Promise<string> {
  const row = await db.prisma.nluModel.findFirst({
    where: isUuid(reference) ? { id: reference } : { version: reference },
    select: { id: true },
  });
  if (!row) throw new NotFoundError(`model ${reference} does not exist (suqiu model list shows the versions)`);
  return row.id;
}

function oneArgument(args: string[], command: string): string {
  if (args.length !== 1 || args[0]!.startsWith('-')) throw new ModelUsageError(`${command} needs one model version or id`);
  return args[0]!;
}

const options = <S extends Record<string, 'string' | 'boolean'>>(args: string[], spec: S) =>
  parseOptions(args, spec, (message) => new ModelUsageError(message));

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new ModelUsageError(`${name} must be a number, not "${value}"`);
  return parsed;
}

const figure = (value: number | undefined | null) => (typeof value === 'number' ? value.toFixed(3) : '');
const percent = (value: number | undefined | null) => (typeof value === 'number' ? `${(value * 100).toFixed(1)} %` : '');
