import { describe, expect, test } from 'vitest';

import { CategoryModel, ModelClassifier, ModelFormatError, normalizeText, trainCategoryModel } from '../../nlu/index.js';
import { charNgrams } from '../../nlu/text/features.js';
import { scoreRequestType } from '../../nlu/rules/request-type.js';
import { scoreUrgency } from '../../nlu/rules/urgency.js';
import type { Taxonomy, TaxonomyEntry } from '../../nlu/types.js';

const examples = [
  { text: '小区门口路灯坏了好几天，晚上很黑', label: 'URBAN.LIGHT' },
  { text: '路灯不亮，请尽快维修', label: 'URBAN.LIGHT' },
  { text: '我们这条路的路灯晚上不亮', label: 'URBAN.LIGHT' },
  { text: '楼下饭店油烟很大，熏得没法开窗', label: 'ENV.FUMES' },
  { text: '餐馆排油烟扰民，味道刺鼻', label: 'ENV.FUMES' },
  { text: '烧烤店的油烟直接排到居民楼', label: 'ENV.FUMES' },
  { text: '公司拖欠工资三个月不发', label: 'LABOR.WAGES' },
  { text: '老板欠薪跑路了，工资一直没发', label: 'LABOR.WAGES' },
  { text: '工地拖欠农民工工资', label: 'LABOR.WAGES' },
];

const entries: TaxonomyEntry[] = [
  { code: 'URBAN', name: '城乡建设', level: 1 },
  { code: 'URBAN.LIGHT', name: '路灯', level: 2, parentCode: 'URBAN' },
  { code: 'ENV', name: '环境保护', level: 1 },
  { code: 'ENV.FUMES', name: '油烟', level: 2, parentCode: 'ENV' },
  { code: 'LABOR', name: '劳动和社会保障', level: 1 },
  { code: 'LABOR.WAGES', name: '欠薪', level: 2, parentCode: 'LABOR' },
];
const taxonomy: Taxonomy = { get: (code) => entries.find((entry) => entry.code === code) };

describe('text features', () => {
  test('when text has full-width characters, upper case and a URL, then normalisation removes them', () => {
    expect(normalizeText('ＡＢＣ１２３　路灯坏了 https://baidu.com/x?y=1 ！')).toBe('abc123 路灯坏了 !');
  });

  test('when Chinese text is cut, then it gives 1- to 3-grams per Han run and folds numbers', () => {
    expect(charNgrams('路灯坏 12号', 2)).toEqual(['路', '灯', '坏', '路灯', '灯坏', '#num', '号']);
  });
});

describe('category model', () => {
  const model = trainCategoryModel(examples, { version: 'test-1', now: new Date('2026-11-21T00:00:00Z') });

  test.each([
    { text: '晚上路灯不亮了', expects: 'URBAN.LIGHT' },
    { text: '隔壁餐馆油烟太重', expects: 'ENV.FUMES' },
    { text: '单位欠我两个月工资', expects: 'LABOR.WAGES' },
  ])('when it reads "$text", then the top category is $expects', ({ text, expects }) => {
    const [top] = model.predict(text);
    expect(top?.code).toBe(expects);
  });

  test('when it predicts, then the scores form a probability distribution', () => {
    const scores = model.predict('路灯');
    expect(scores.reduce((sum, s) => sum + s.score, 0)).toBeCloseTo(1, 5);
    expect(scores.map((s) => s.score)).toEqual([...scores.map((s) => s.score)].sort((a, b) => b - a));
  });

  test('when the artefact is saved and loaded, then it predicts the same ranking with scores within quantisation error', () => {
    const loaded = CategoryModel.fromArtefact(model.toArtefact());
    expect(loaded.version).toBe('test-1');
    const before = model.predict('油烟扰民');
    const after = loaded.predict('油烟扰民');
    expect(after.map((s) => s.code)).toEqual(before.map((s) => s.code));
    after.forEach((s, i) => expect(s.score).toBeCloseTo(before[i]!.score, 2));
  });

  test('when an artefact is corrupt, then loading fails with a format error', () => {
    expect(() => CategoryModel.fromArtefact(Buffer.from('not a model'))).toThrow(ModelFormatError);
  });

  test('when training data has one category only, then training refuses', () => {
    expect(() => trainCategoryModel([{ text: 'a', label: 'X' }])).toThrow(/at least 2 categories/);
  });

  test('when the same data is trained twice, then the weights are the same (seeded)', () => {
    const again = trainCategoryModel(examples, { version: 'test-1', now: new Date('2026-11-21T00:00:00Z') });
    expect(again.toArtefact().equals(model.toArtefact())).toBe(true);
  });

  test('when a category left the live taxonomy, then the classifier never suggests it', () => {
    const without: Taxonomy = { get: (code) => (code === 'ENV.FUMES' ? undefined : taxonomy.get(code)) };
    const result = new ModelClassifier(model).classify('餐馆油烟太大', without);
    expect(result.categories.map((c) => c.code)).not.toContain('ENV.FUMES');
  });

  test('when it classifies, then each category carries its path and the first level gets the summed score', () => {
    const result = new ModelClassifier(model).classify('路灯坏了', taxonomy);
    expect(result.categories[0]).toMatchObject({ code: 'URBAN.LIGHT', path: ['URBAN', 'URBAN.LIGHT'], level: 2 });
    expect(result.groups[0]).toMatchObject({ code: 'URBAN', level: 1 });
    expect(result.modelVersion).toBe('test-1');
  });
});

describe('keyword rules', () => {
  test.each([
    { text: '我要举报一家无证经营的黑作坊', expects: 'REPORT' },
    { text: '请问办理居住证需要什么材料？', expects: 'CONSULT' },
    { text: '建议在路口增设红绿灯', expects: 'SUGGEST' },
    { text: '感谢社区工作人员的耐心帮助，为他们点赞', expects: 'PRAISE' },
    { text: '楼上装修噪音扰民严重，投诉多次无人管', expects: 'COMPLAINT' },
  ])('when the text is "$text", then the request type is $expects', ({ text, expects }) => {
    expect(scoreRequestType(normalizeText(text))[0]?.value).toBe(expects);
  });

  test.each([
    { text: '楼道里有很大的煤气味，像是燃气泄漏', expects: 'EXTRA_URGENT' },
    { text: '我们小区从早上开始停水了', expects: 'URGENT' },
    { text: '人行道上的地砖松动了', expects: 'NORMAL' },
  ])('when the text is "$text", then the urgency is $expects', ({ text, expects }) => {
    expect(scoreUrgency(normalizeText(text))[0]?.value).toBe(expects);
  });
});
