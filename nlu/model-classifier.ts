/** The classifier the intake worker uses: the category model plus keyword rules for type and urgency. */
import type { CategoryModel } from './category-model.js';
import { scoreRequestType } from './rules/request-type.js';
import { scoreUrgency } from './rules/urgency.js';
import { normalizeText } from './text/normalize.js';
import type { Band, CategoryScore, Classification, Classifier, Taxonomy } from './types.js';
import { groupByFirstLevel, toCategoryScore } from './taxonomy-scores.js';

const TOP_K = 5;

export class ModelClassifier implements Classifier {
  constructor(private readonly model: CategoryModel) {}

  public get version(): string {
    return this.model.version;
  }

  /** The seed model has one threshold for every category. */
  public autoThreshold(): number {
    return this.model.thresholds.auto;
  }

  /** The seed model has no embedding block, so it takes no classify context (a vector is not for it). */
  public classify(text: string, taxonomy: Taxonomy): Classification {
    const live = this.model
      .predict(text)
      .map(({ code, score }) => toCategoryScore(code, score, taxonomy))
      .filter((entry): entry is CategoryScore => entry !== undefined);
    const normalized = normalizeText(text);
    return {
      modelVersion: this.model.version,
      categories: live.slice(0, TOP_K),
      groups: groupByFirstLevel(live, taxonomy),
      requestType: scoreRequestType(normalized).slice(0, 3),
      urgency: scoreUrgency(normalized).slice(0, 3),
      band: band(live[0]?.score ?? 0, this.model.thresholds),
    };
  }
}

function band(score: number, thresholds: { auto: number; suggest: number }): Band {
  if (score >= thresholds.auto) return 'AUTO';
  return score >= thresholds.suggest ? 'SUGGEST' : 'ABSTAIN';
}
