/**
 * A category model with a sentence-embedding block, end to end: an admin asks for a run with
 * `embeddings: true` on a worker that has an embedding model (the tiny generated one), the version
 * records which embedding model it takes, and intake embeds a message before classifying it, so the
 * ticket's suggestion is the one the model gives with the vector — not the n-grams-only one; and a
 * candidate is compared with such an active version as it serves, with the vectors.
 */
import { rm } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { compareWithActive, requestTraining } from '../../intake/training/models.js';
import { loadServedModel } from '../../intake/served-model.js';
import { prepareText } from '../../nlu/text/index.js';
import { apiMessage, createApiKey } from '../helpers/actors.js';
import { BOOTSTRAP_TOKEN, startTestApp, type TestApp } from '../helpers/backend.js';
import { http, waitFor } from '../helpers/http.js';
import { trainThroughApi } from '../helpers/training.js';
import { makeTinyModel } from '../helpers/tiny-model.js';

const MESSAGE = '红旗小区5栋今天一早就停水了，水龙头一滴水都没有';

let app: TestApp;
let key: string;
let modelDir: string;

/** Three categories of the seeded tree in words that never overlap. */
function examples(): { text: string; label: string }[] {
  const places = ['阳光花园小区3栋', '幸福路12号', '建设路小区', '和平里社区', '科技园公寓', '人民路88号', '新华街道', '红星小区'];
  const templates: Record<string, string[]> = {
    'UTIL.WATER': ['{p}从早上开始停水了，水龙头没有水', '{p}又停水了，没有提前通知', '{p}停水两天了，到现在还没有来水'],
    'LABOR.WAGE_ARREARS': ['{p}工地的包工头拖欠农民工工资', '我在{p}的公司上班，老板拖欠工资半年不发', '{p}一家餐馆拖欠员工工资'],
    'SAFETY.FIRE_HAZARD': ['{p}楼下着火了，浓烟很大', '{p}楼道里着火了，到处都是浓烟', '{p}一家商店着火了，浓烟滚滚'],
  };
  return Object.entries(templates).flatMap(([label, texts]) =>
    texts.flatMap((template) => places.map((place) => ({ text: template.replace('{p}', place), label }))),
  );
}

beforeAll(async () => {
  modelDir = makeTinyModel().dir;
  app = await startTestApp({ env: { SUQIU_EMBEDDING_MODEL_DIR: modelDir } });
  key = await createApiKey(app.url);
});
afterAll(async () => {
  await app?.close();
  await rm(modelDir, { recursive: true, force: true });
});

describe('category model with sentence embeddings', () => {
  test('when trained with embeddings: true, then the version records the embedding model and a ticket gets the suggestion made with its vector', async () => {
    const embedder = app.runtime.deps.embedder!;
    const imported = await http(`${app.url}/api/v1/nlu/training-data`, {
      raw: examples()
        .map((row) => JSON.stringify(row))
        .join('\n'),
      headers: { 'content-type': 'application/x-ndjson' },
      token: BOOTSTRAP_TOKEN,
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const ready = await trainThroughApi(app.url, BOOTSTRAP_TOKEN, { sources: ['IMPORT'], activate: 'always', embeddings: true });
    expect(ready.metrics.embeddingModel).toBe(embedder.modelId);
    expect(ready.metrics.request.embeddings).toBe(true);
    await (app.runtime.deps.classifier as unknown as { refresh(): Promise<void> }).refresh();
    expect(app.runtime.deps.classifier.current()?.embeddingModel).toBe(embedder.modelId);

    const sent = await http(`${app.url}/api/v1/intake/messages`, { body: apiMessage({ text: MESSAGE }), token: key });
    expect(sent.status).toBe(202);
    const ticket = await waitFor(
      async () => (await app.db.prisma.ticket.findFirst({ where: { originMessageId: sent.body.id } })) ?? undefined,
      20_000,
      'the ticket',
    );
    expect(ticket.embeddingModel).toBe(embedder.modelId);
    const suggestion = await app.db.prisma.nluSuggestion.findFirstOrThrow({ where: { ticketId: ticket.id } });
    expect(suggestion.modelVersion).toBe(ready.version);

    // The same version, classifying the same text with and without the ticket's vector.
    const row = await app.db.prisma.nluModel.findUniqueOrThrow({ where: { id: ready.id }, select: { artefact: true } });
    const served = await loadServedModel(row.artefact!);
    const bytes = ticket.embedding!;
    const vector = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const prepared = prepareText(ticket.description).normalized;
    const catalogue = app.runtime.deps.catalogue.current();
    const withVector = served.classifier.classify(prepared, catalogue, { embedding: vector, embeddingModel: embedder.modelId });
    const without = served.classifier.classify(prepared, catalogue);
    // A clear message scores ~1 either way; the runners-up show whether the vector took part.
    const scores = (c: typeof without) => c.categories.map((category) => category.score);
    expect(scores(withVector)).not.toEqual(scores(without));
    expect(suggestion.categories).toEqual(JSON.parse(JSON.stringify(withVector.categories)));
    expect(withVector.categories[0]!.code).toBe('UTIL.WATER');
  });

  test("when a candidate is compared with an active version that has the block, then the active one is scored with the examples' vectors; without its embedder, the answer says it was not", async () => {
    const candidate = await trainThroughApi(app.url, BOOTSTRAP_TOKEN, { sources: ['IMPORT'], activate: 'never' });
    const compared = await http(`${app.url}/api/v1/nlu/models/${candidate.id}/comparison`, { token: BOOTSTRAP_TOKEN });
    expect(compared.status, JSON.stringify(compared.body)).toBe(200);
    expect(compared.body).toMatchObject({ activeWithoutVectors: false });
    expect(compared.body.active.accuracy).toBeGreaterThan(0.9);

    // The same comparison through an embedder that counts its texts: one vector per compared example.
    const embedder = app.runtime.deps.embedder!;
    let embedded = 0;
    const counting = { modelId: embedder.modelId, embed: (texts: string[]) => ((embedded += texts.length), embedder.embed(texts)) };
    const again = await compareWithActive(app.db, candidate.id, counting);
    expect(embedded).toBe(again.examples);
    expect(again.active).toEqual(compared.body.active);

    const blind = await compareWithActive(app.db, candidate.id);
    expect(blind.activeWithoutVectors).toBe(true);
  });

  test('when a worker has no embedding model, then a request with embeddings: true is refused as invalid data (400)', async () => {
    const { db, bus, catalogue } = app.runtime.deps;
    await expect(requestTraining({ db, bus, catalogue }, { sources: ['IMPORT'], embeddings: true }, {})).rejects.toMatchObject({
      kind: 'INVALID_DATA',
      code: 'NO_EMBEDDING_MODEL',
    });
  });
});
