/** Training the request-type, urgency and department models from agents' decisions, and serving them beside the categories. */
import { describe, expect, test } from 'vitest';

import { classifyAux, rulesOnly, trainAuxModels, type AuxTrainingExample } from '../../../../nlu/aux/index.js';
import { CategoryClassifier, trainCategoryClassifier } from '../../../../nlu/category/index.js';
import { scoreRequestType } from '../../../../nlu/rules/request-type.js';
import { scoreUrgency } from '../../../../nlu/rules/urgency.js';
import { normalizeText } from '../../../../nlu/text/normalize.js';
import type { Taxonomy } from '../../../../nlu/types.js';
import { FAST_OPTIONS, MESSAGES } from '../category/fixtures.js';
import { DECISIONS, ERRANDS, PHOTO_REPORTS } from './fixtures/decisions.js';

const FAST = { classifier: { calibrationFolds: 3 } };

describe('training the auxiliary models', () => {
  const { models, evaluation } = trainAuxModels(DECISIONS, FAST);

  test('when agents decided types, urgencies and units the rules get wrong, then all three models are trained and answer', () => {
    expect(evaluation.requestType).toMatchObject({
      examples: 16,
      perLabel: { REPORT: 8, HELP: 8 },
      answers: 'model',
      reason: 'model-better',
    });
    expect(evaluation.urgency).toMatchObject({ answers: 'model', reason: 'model-better' });
    expect(evaluation.department).toMatchObject({
      trained: true,
      learned: ['D01-S01', 'D02-S01'],
      perLabel: { 'D01-S01': 8, 'D02-S01': 8 },
    });
    const answer = classifyAux(models, normalizeText('随手拍：和平街道建设路口的垃圾桶被推倒了'));
    expect(answer.requestType[0]!.value).toBe('REPORT');
    expect(answer.departments![0]!.code).toBe('D01-S01');
    const errand = classifyAux(models, normalizeText('帮办代办：新华街道钱大爷的退休证丢了，需要上门补办'));
    expect(errand.requestType[0]!.value).toBe('HELP');
    expect(errand.urgency[0]!.value).toBe('PRIORITY');
    expect(errand.departments![0]!.code).toBe('D02-S01');
  });

  test('when evaluated, then the figures are cross-validated, for the model and for the rules on the same examples', () => {
    const cv = evaluation.requestType.crossValidation!;
    expect(cv).toMatchObject({ examples: 16, folds: 5 });
    expect(cv.model.accuracy).toBeGreaterThan(cv.rules.accuracy);
    expect(cv.model.macroF1).toBeGreaterThan(cv.rules.macroF1);
    // The rules never say REPORT or HELP for these texts: that is what the fixture is for.
    const rulesRight = DECISIONS.filter((d) => scoreRequestType(normalizeText(d.text))[0]!.value === d.requestType).length;
    expect(cv.rules.accuracy).toBeCloseTo(rulesRight / DECISIONS.length, 10);
    const urgencyRight = DECISIONS.filter((d) => scoreUrgency(normalizeText(d.text))[0]!.value === d.urgency).length;
    expect(evaluation.urgency.crossValidation!.rules.accuracy).toBeCloseTo(urgencyRight / DECISIONS.length, 10);
    expect(evaluation.department.crossValidation).toMatchObject({ examples: 16, folds: 5 });
    expect(evaluation.department.crossValidation!.macroF1).toBeGreaterThan(0.5);
  });

  interface Case {
    description: string;
    input: AuxTrainingExample[];
    expects: { requestType: string; urgency: string; department: string; learned: string[] };
  }
  const cases: Case[] = [
    {
      description: 'no example carries a decision (imports, seed texts)',
      input: DECISIONS.map(({ text }) => ({ text })),
      expects: { requestType: 'too-few-examples', urgency: 'too-few-examples', department: 'too-few-examples', learned: [] },
    },
    {
      description: 'each value has fewer examples than the minimum',
      input: [...DECISIONS.slice(0, 4), ...DECISIONS.slice(8, 12)],
      expects: { requestType: 'too-few-examples', urgency: 'too-few-examples', department: 'too-few-examples', learned: [] },
    },
    {
      description: 'one unit has too few examples',
      input: [...DECISIONS, ...PHOTO_REPORTS.slice(0, 2).map((text) => ({ text, departmentCode: 'D03-S01' }))],
      expects: { requestType: 'model-better', urgency: 'model-better', department: 'trained', learned: ['D01-S01', 'D02-S01'] },
    },
    {
      description: 'agents confirmed what the rules said',
      input: DECISIONS.map(({ text }) => ({
        text,
        requestType: scoreRequestType(normalizeText(text))[0]!.value,
        urgency: scoreUrgency(normalizeText(text))[0]!.value,
      })),
      expects: { requestType: 'too-few-examples', urgency: 'too-few-examples', department: 'too-few-examples', learned: [] },
    },
  ];
  test.each(cases)('when $description, then the evaluation says who answers and why', ({ input, expects }) => {
    const result = trainAuxModels(input, FAST);
    expect(result.evaluation.requestType.reason).toBe(expects.requestType);
    expect(result.evaluation.urgency.reason).toBe(expects.urgency);
    expect(result.evaluation.department.reason).toBe(expects.department);
    expect(result.evaluation.department.learned).toEqual(expects.learned);
    expect(result.models.requestType.trained).toBe(expects.requestType === 'model-better');
    expect(result.models.department === undefined).toBe(expects.department !== 'trained');
  });

  test('when the rules are as good as a model on the labels, then the rules answer and the figures say so', () => {
    // Half the errands are labelled as the rules read them (OTHER), half HELP: no model can beat the rules by much on 16 texts.
    const input = [
      ...PHOTO_REPORTS.map((text) => ({ text, requestType: 'OTHER' as const })),
      ...ERRANDS.map((text) => ({ text, requestType: 'OTHER' as const })),
      ...ERRANDS.slice(0, 5).map((text) => ({ text: `${text}。`, requestType: 'HELP' as const })),
    ];
    const { evaluation: result, models: trained } = trainAuxModels(input, FAST);
    expect(result.requestType.answers).toBe('rules');
    expect(result.requestType.reason).toBe('rules-as-good');
    expect(result.requestType.crossValidation!.rules.accuracy).toBeGreaterThanOrEqual(result.requestType.crossValidation!.model.accuracy);
    expect(trained.requestType.trained).toBe(false);
  });
});

describe('serving the auxiliary models beside the categories', () => {
  const taxonomy: Taxonomy = {
    get: (code) => ({ 'URBAN.LIGHT': { code, name: '路灯', level: 2 }, 'ENV.FUMES': { code, name: '油烟', level: 2 } })[code] ?? undefined,
  };
  const model = trainCategoryClassifier({ examples: MESSAGES, options: FAST_OPTIONS, version: 'aux-1' });
  const { models } = trainAuxModels(DECISIONS, FAST);

  test('when a version has no auxiliary models, then type and urgency come from the rules and no department opinion is given', () => {
    const text = normalizeText('我要举报：楼下饭店油烟直排');
    const result = new CategoryClassifier(model).classify(text, taxonomy);
    expect(result.requestType).toEqual(scoreRequestType(text).slice(0, 3));
    expect(result.urgency).toEqual(scoreUrgency(text).slice(0, 3));
    expect(result).not.toHaveProperty('departments');
  });

  test('when a version has trained auxiliary models, then the learned type, urgency and units are in the classification', () => {
    const result = new CategoryClassifier(model, models).classify(
      normalizeText('帮办代办：新华街道钱大爷的退休证丢了，需要上门补办'),
      taxonomy,
    );
    expect(result.requestType[0]!.value).toBe('HELP');
    expect(result.urgency[0]!.value).toBe('PRIORITY');
    expect(result.departments![0]!.code).toBe('D02-S01');
    expect(result.modelVersion).toBe('aux-1');
  });

  test('when the department model knows no word of the text, then it gives no opinion', () => {
    expect(classifyAux(models, normalizeText('xyz'))).not.toHaveProperty('departments');
    expect(classifyAux(rulesOnly(), normalizeText(ERRANDS[0]!))).not.toHaveProperty('departments');
  });
});
