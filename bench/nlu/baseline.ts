/**
 * The reference every category model is compared with: character 1–2-grams of the raw lower-cased text
 * (punctuation and digits included, as scikit-learn's `analyzer='char'` does), sublinear TF-IDF, and a
 * one-vs-rest linear SVM with squared hinge loss and C = 1 (scikit-learn's LinearSVC defaults).
 */
import { decisionInto, trainLinearSvm } from '../../nlu/category/linear-svm.js';
import { GroupedTfidf } from '../../nlu/category/vectorizer.js';

export interface Labelled {
  text: string;
  label: string;
}

export function baselinePredict(train: readonly Labelled[], test: readonly Labelled[]): string[] {
  const labels = [...new Set(train.map((e) => e.label))].sort();
  const vectorizer = GroupedTfidf.fit(
    train.map((e) => [charBigrams(e.text)]),
    { minDf: 1, maxFeatures: Number.MAX_SAFE_INTEGER, groupWeights: [1] },
  );
  const model = trainLinearSvm(
    train.map((e) => vectorizer.transform([charBigrams(e.text)])),
    train.map((e) => labels.indexOf(e.label)),
    labels.length,
    vectorizer.size,
    { c: 1, tolerance: 0.1, maxIterations: 1000, balanced: false, seed: 7 },
  );
  const out = new Float64Array(labels.length);
  return test.map((e) => {
    decisionInto(model, vectorizer.transform([charBigrams(e.text)]), out);
    let best = 0;
    for (let c = 1; c < out.length; c += 1) if (out[c]! > out[best]!) best = c;
    return labels[best]!;
  });
}

function charBigrams(text: string): string[] {
  const s = text.toLowerCase().replace(/\s\s+/g, ' ');
  const grams: string[] = [];
  for (let i = 0; i < s.length; i += 1) {
    grams.push(s[i]!);
    if (i + 1 < s.length) grams.push(s.slice(i, i + 2));
  }
  return grams;
}
