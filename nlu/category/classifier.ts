/**
 * The category classifier behind suqiu's `Classifier` interface: the model's calibrated categories
 * (dropping labels the live taxonomy no longer has), first-level groups as sums of their descendants,
 * keyword rules for request type and urgency, and the band from the top category's own thresholds.
 */
import { scoreRequestType } from '../rules/request-type.js';
import { scoreUrgency } from '../rules/urgency.js';
import { normalizeText } from '../text/normalize.js';
import type { CategoryScore, Classification, Classifier, Taxonomy } from '../types.js';
import type { CategoryClassifierModel } from './model.js';
import { groupByFirstLevel, toCategoryScore } from '../taxonomy-scores.js';

const TOP_K = 5;

export class CategoryClassifier implements Classifier {
  constructor(private readonly model: CategoryClassifierModel) {}

  public get version(): string {
    return this.model.version;
  }

  public classify(text: string, taxonomy: Taxonomy): Classification {
    const predicted = this.model.predict(text);
    const live = predicted
      .map(({ label, score }) => toCategoryScore(label, score, taxonomy))
      .filter((entry): entry is CategoryScore => entry !== undefined);
    const normalized = normalizeText(text);
    const top = live[0];
    return {
      modelVersion: this.model.version,
      categories: live.slice(0, TOP_K),
      groups: groupByFirstLevel(live, taxonomy),
      requestType: scoreRequestType(normalized).slice(0, 3),
      urgency: scoreUrgency(normalized).slice(0, 3),
      band: this.model.bandOf(top && { label: top.code, score: top.score }),
    };
  }
}
