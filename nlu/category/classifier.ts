/**
 * The category classifier behind suqiu's `Classifier` interface: the model's calibrated categories
 * (dropping labels the live taxonomy no longer has), first-level groups as sums of their descendants,
 * request type and urgency from the version's auxiliary models (keyword rules until agents' decisions
 * trained a better model; the EXTRA_URGENT safety override always holds), the department model's
 * opinion when the version has one, and the band from the top category's own thresholds. A model
 * trained with sentence embeddings takes the text's vector from the caller.
 */
import { classifyAux, rulesOnly, type AuxModels } from '../aux/index.js';
import { normalizeText } from '../text/normalize.js';
import type { CategoryScore, Classification, ClassifyContext, Classifier, Taxonomy } from '../types.js';
import type { CategoryClassifierModel } from './model.js';
import { groupByFirstLevel, toCategoryScore } from '../taxonomy-scores.js';

const TOP_K = 5;

export class CategoryClassifier implements Classifier {
  constructor(
    private readonly model: CategoryClassifierModel,
    private readonly aux: AuxModels = rulesOnly(),
  ) {}

  public get version(): string {
    return this.model.version;
  }

  public get embeddingModel(): string | undefined {
    return this.model.embeddingModel;
  }

  public autoThreshold(code: string): number | null {
    return this.model.parts.thresholds[code]?.auto ?? null;
  }

  /**
   * The context's vector is used only when it comes from the embedding model this model was trained
   * with: vectors of another model live in another space. Without it the model scores the n-grams alone.
   */
  public classify(text: string, taxonomy: Taxonomy, context: ClassifyContext = {}): Classification {
    const own = this.embeddingModel !== undefined && context.embeddingModel === this.embeddingModel;
    const predicted = this.model.predict(text, own ? context.embedding : undefined);
    const live = predicted
      .map(({ label, score }) => toCategoryScore(label, score, taxonomy))
      .filter((entry): entry is CategoryScore => entry !== undefined);
    const { requestType, urgency, departments } = classifyAux(this.aux, normalizeText(text));
    const top = live[0];
    return {
      modelVersion: this.model.version,
      categories: live.slice(0, TOP_K),
      groups: groupByFirstLevel(live, taxonomy),
      requestType: requestType.slice(0, 3),
      urgency: urgency.slice(0, 3),
      band: this.model.bandOf(top && { label: top.code, score: top.score }),
      ...(departments ? { departments } : {}),
    };
  }
}
