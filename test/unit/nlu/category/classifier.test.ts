import { describe, expect, test } from 'vitest';

import { CategoryClassifier, trainCategoryClassifier } from '../../../../nlu/category/index.js';
import type { Taxonomy, TaxonomyEntry } from '../../../../nlu/types.js';
import { FAST_OPTIONS, MESSAGES } from './fixtures.js';

const entries: TaxonomyEntry[] = [
  { code: 'URBAN', name: '城乡建设', level: 1 },
  { code: 'URBAN.LIGHT', name: '路灯', level: 2, parentCode: 'URBAN' },
  { code: 'ENV', name: '环境保护', level: 1 },
  { code: 'ENV.FUMES', name: '油烟', level: 2, parentCode: 'ENV' },
];
// LABOR.WAGES is deliberately absent: the live tree no longer has it.
const taxonomy: Taxonomy = { get: (code) => entries.find((entry) => entry.code === code) };

describe('CategoryClassifier', () => {
  const classifier = new CategoryClassifier(trainCategoryClassifier({ examples: MESSAGES, options: FAST_OPTIONS, version: 'test-3' }));

  test('when it classifies, then categories carry names and paths from the live taxonomy', () => {
    const result = classifier.classify('路灯坏了不亮', taxonomy);
    expect(result.modelVersion).toBe('test-3');
    expect(result.categories[0]).toMatchObject({ code: 'URBAN.LIGHT', name: '路灯', level: 2, path: ['URBAN', 'URBAN.LIGHT'] });
    expect(result.groups[0]?.code).toBe('URBAN');
    expect(['AUTO', 'SUGGEST', 'ABSTAIN']).toContain(result.band);
  });

  test('when the model knows a label the taxonomy dropped, then it is left out', () => {
    const result = classifier.classify('拖欠工资', taxonomy);
    expect(result.categories.map((c) => c.code)).not.toContain('LABOR.WAGES');
  });
});
