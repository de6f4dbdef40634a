/**
 * `suqiu nlu train|eval`: train a category classifier from labelled JSON Lines into a model directory,
 * and score a model directory on labelled JSON Lines. Bad input (a missing file, a line that is not
 * JSON, a row without text or label) is reported with its line number and exit status 1; usage
 * errors exit with 2.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { embedTexts } from '../intake/training/embed-texts.js';
import {
  CategoryModelFormatError,
  CategoryTrainingError,
  categoryMetrics,
  type CategoryClassifierModel,
  priorsFromTree,
  loadCategoryModel,
  resolveTrainOptions,
  saveCategoryModel,
  trainCategoryClassifier,
  type ParentMap,
  type TreeRow,
} from '../nlu/category/index.js';
import { parseDataset } from '../nlu/dataset.js';
import { EmbeddingModelError } from '../nlu/embeddings/index.js';
import { parseOptions, withEmbedder } from './cli-helpers.js';
import { progressBar } from './progress-bar.js';

const USAGE = `usage: suqiu nlu <command> [options]

  train   --data <labelled.jsonl> --out <dir> [--unlabeled <file.jsonl>] [--taxonomy <file.jsonl>]
          [--priors <file.jsonl> | --no-priors] [--options <json>] [--model-version <name>] [--embeddings <model folder>]
  eval    --model <dir> --data <labelled.jsonl> [--json] [--embeddings <model folder>]

Lines have "text" (or "title" and "detail") and "label"; unlabelled lines need no label;
taxonomy lines are {"label": "...", "parent": "..."} and let deeper labels roll up to their parents.
priors are examples from the category tree added to every fit: {"text", "label"} lines, or tree rows
{"level1", "level2", "level3"} (one prior per level-2 category, labelled with its level 1); without
--priors, a taxonomy.jsonl of tree rows beside the --data file (else beside the --unlabeled file) is
used, unless --no-priors.
--embeddings adds the texts' sentence embeddings from a local model folder (ONNX, as for
SUQIU_EMBEDDING_MODEL_DIR) as a dense block; a model trained so is evaluated with the same folder.`;

class NluUsageError extends Error {}
class NluInputError extends Error {}

export async function nluCommand(argv: string[]): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === 'train') return await trainCommand(rest);
    if (command === 'eval') return await evalCommand(rest);
    if (command === undefined || command === 'help' || command === '--help') {
      console.log(USAGE);
      return 0;
    }
    throw new NluUsageError(`unknown nlu command "${command}"`);
  } catch (error) {
    if (error instanceof NluUsageError) {
      console.error(`suqiu nlu: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (
      error instanceof NluInputError ||
      error instanceof CategoryTrainingError ||
      error instanceof CategoryModelFormatError ||
      error instanceof EmbeddingModelError
    ) {
      console.error(`suqiu nlu: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

async function trainCommand(args: string[]): Promise<number> {
  const values = options(args, {
    data: 'string',
    out: 'string',
    unlabeled: 'string',
    taxonomy: 'string',
    priors: 'string',
    options: 'string',
    'model-version': 'string',
    embeddings: 'string',
    'no-priors': 'boolean',
  });
  const data = required(values, 'data');
  const out = required(values, 'out');
  const examples = readLabelled(data);
  const unlabeled = values.unlabeled ? readUnlabeled(values.unlabeled) : [];
  const parents = values.taxonomy ? readParents(values.taxonomy) : {};
  const priorsFile = values.priors ?? (values['no-priors'] === true ? undefined : treeBeside([data, values.unlabeled]));
  const priors = priorsFile ? readPriors(priorsFile) : [];
  if (priorsFile && !values.priors)
    console.log(`priors: ${priors.length} examples from the category tree ${priorsFile} (--no-priors leaves them out)`);
  const started = performance.now();
  const embeddings = values.embeddings
    ? await withEmbedder({ dir: values.embeddings }, async (embedder) => ({
        modelId: embedder.modelId,
        examples: await embedTexts(
          embedder,
          examples.map((e) => e.text),
        ),
        priors: await embedTexts(
          embedder,
          priors.map((p) => p.text),
        ),
      }))
    : undefined;
  const model = trainCategoryClassifier({
    examples,
    unlabeled,
    parents,
    priors,
    ...(embeddings ? { embeddings } : {}),
    options: values.options ? parseJsonOption(values.options) : {},
    version: values['model-version'],
    progress: progressBar(),
  });
  const bytes = saveCategoryModel(model, out);
  const o = resolveTrainOptions(values.options ? parseJsonOption(values.options) : {});
  // The defaults leave unlabelled messages out: every way of using them measured lower (README, NLU).
  const usesUnlabeled = o.selfTraining.share > 0 || o.vectorizer.idfFromUnlabeled || o.lsa.dimensions > 0;
  const unlabeledNote =
    unlabeled.length === 0
      ? ''
      : usesUnlabeled
        ? ` + ${unlabeled.length} unlabelled`
        : ` (${unlabeled.length} unlabelled read, not used by these options)`;
  const cv = model.parts.metrics.crossValidation as { macroF1: number; accuracy: number; coverageAtPrecision95: { coverage: number } };
  console.log(
    `model ${model.version}: ${examples.length} labelled messages${unlabeledNote}, ${priors.length} priors read, ${model.labels.length} labels, ` +
      (embeddings ? `with sentence embeddings of ${embeddings.modelId}, ` : '') +
      `trained in ${((performance.now() - started) / 1000).toFixed(1)} s, ${(bytes / 1_048_576).toFixed(1)} MB in ${out}\n` +
      `cross-validated: macro-F1 ${cv.macroF1.toFixed(3)}, accuracy ${cv.accuracy.toFixed(3)}, ` +
      `routable at 95 % precision ${(cv.coverageAtPrecision95.coverage * 100).toFixed(1)} %`,
  );
  return 0;
}

/**
 * The category tree kept beside the labelled file, else beside the unlabelled one (taxonomy.jsonl, rows
 * of level1/level2/level3): its words are examples of their level-1 label before any message is (+0.7 to
 * +0.9 points of macro-F1 on the TipDM set). A labelled file taken out of its folder still finds the tree of
 * the city's unlabelled messages.
 */
function treeBeside(files: (string | undefined)[]): string | undefined {
  return files.map((file) => file && path.join(path.dirname(file), 'taxonomy.jsonl')).find((tree) => tree && existsSync(tree));
}

async function evalCommand(args: string[]): Promise<number> {
  const values = options(args, { model: 'string', data: 'string', json: 'boolean', embeddings: 'string' });
  const dir = required(values, 'model');
  const data = required(values, 'data');
  if (!existsSync(dir)) throw new NluInputError(`model directory ${dir} does not exist`);
  const model = loadCategoryModel(dir);
  const examples = readLabelled(data);
  const vectors = await evalVectors(model, values.embeddings, examples);
  const started = performance.now();
  const scored = examples.map((e, i) => ({
    label: e.label,
    scores: model.predict(e.text, vectors?.[i]).map(({ label, score }) => ({ label, score })),
  }));
  const msPerMessage = (performance.now() - started) / Math.max(1, examples.length);
  const targetPrecision = model.parts.options.targetPrecision;
  const metrics = { model: model.version, ...categoryMetrics(scored, model.parts.thresholds, targetPrecision), msPerMessage };
  if (values.json === true) console.log(JSON.stringify(metrics));
  else {
    console.log(
      `model ${model.version} on ${metrics.n} messages: accuracy ${metrics.accuracy.toFixed(3)}, macro-F1 ${metrics.macroF1.toFixed(3)}, ECE ${metrics.ece.toFixed(3)}`,
    );
    const { coverage, precision } = metrics.coverageAtPrecision95;
    console.log(`routable without review: ${(coverage * 100).toFixed(1)} % at precision ${(precision * 100).toFixed(1)} %`);
    for (const [label, m] of Object.entries(metrics.perClass))
      console.log(`  ${label}: precision ${m.precision.toFixed(3)} recall ${m.recall.toFixed(3)} F1 ${m.f1.toFixed(3)} (${m.support})`);
  }
  return 0;
}

/**
 * The examples' vectors for a model with an embedding block, from the folder of the model it was
 * trained with; a model without a block needs none. The CLI embeds texts as given, as it trains on them.
 */
async function evalVectors(
  model: CategoryClassifierModel,
  folder: string | undefined,
  examples: readonly { text: string }[],
): Promise<Float32Array[] | undefined> {
  const wanted = model.embeddingModel;
  if (!wanted && folder) throw new NluUsageError(`model ${model.version} was trained without embeddings; drop --embeddings`);
  if (!wanted) return undefined;
  if (!folder)
    throw new NluUsageError(
      `model ${model.version} was trained with sentence embeddings of ${wanted}: give that model's folder with --embeddings`,
    );
  return withEmbedder({ dir: folder }, async (embedder) => {
    if (embedder.modelId !== wanted)
      throw new NluInputError(
        `--embeddings ${folder} is the embedding model ${embedder.modelId}; model ${model.version} was trained with ${wanted}`,
      );
    return embedTexts(
      embedder,
      examples.map((e) => e.text),
    );
  });
}

function readLabelled(file: string): { text: string; label: string }[] {
  const parsed = parseDataset(readInput(file), 'jsonl');
  if (!parsed.ok) throw new NluInputError(parsed.error.map((issue) => `${file}:${issue.line}: ${issue.message}`).join('\n'));
  return parsed.value.map(({ text, label }) => ({ text, label }));
}

function readUnlabeled(file: string): string[] {
  return jsonLines(file).map(({ line, value }) => {
    const text = typeof value.text === 'string' ? value.text : [value.title, value.detail].filter((v) => typeof v === 'string').join(' ');
    if (text.trim() === '') throw new NluInputError(`${file}:${line}: no text: give "text", or "title" and/or "detail"`);
    return text;
  });
}

/** Lines of {text, label}, or rows of a category tree {level1, level2, level3} (e.g. TipDM's taxonomy.jsonl). */
function readPriors(file: string): { text: string; label: string }[] {
  const tree: TreeRow[] = [];
  const direct: { text: string; label: string }[] = [];
  for (const { line, value } of jsonLines(file)) {
    if (typeof value.level1 === 'string' && typeof value.level2 === 'string') {
      tree.push({ level1: value.level1, level2: value.level2, level3: typeof value.level3 === 'string' ? value.level3 : undefined });
    } else if (typeof value.text === 'string' && typeof value.label === 'string' && value.text.trim() && value.label.trim()) {
      direct.push({ text: value.text, label: value.label });
    } else throw new NluInputError(`${file}:${line}: expected {"text", "label"} or {"level1", "level2", "level3"}`);
  }
  return [...direct, ...priorsFromTree(tree)];
}

function readParents(file: string): ParentMap {
  const parents: Record<string, string> = {};
  for (const { line, value } of jsonLines(file)) {
    if (typeof value.label !== 'string' || value.label === '') throw new NluInputError(`${file}:${line}: no label`);
    if (typeof value.parent === 'string' && value.parent !== '') parents[value.label] = value.parent;
  }
  return parents;
}

function jsonLines(file: string): { line: number; value: Record<string, unknown> }[] {
  return readInput(file)
    .split(/\r?\n/)
    .map((raw, index) => ({ raw: index === 0 ? raw.replace(/^\uFEFF/, '') : raw, line: index + 1 }))
    .filter(({ raw }) => raw.trim() !== '')
    .map(({ raw, line }) => {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        throw new NluInputError(`${file}:${line}: not valid JSON`);
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new NluInputError(`${file}:${line}: expected a JSON object`);
      return { line, value: value as Record<string, unknown> };
    });
}

function readInput(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new NluInputError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${code})`);
  }
}

function parseJsonOption(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new NluUsageError('--options must be a JSON object');
  }
}

function required<T extends Record<string, unknown>>(values: T, name: keyof T & string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new NluUsageError(`--${name} is required`);
  return value;
}

const options = <S extends Record<string, 'string' | 'boolean'>>(args: string[], spec: S) =>
  parseOptions(args, spec, (message) => new NluUsageError(message));
