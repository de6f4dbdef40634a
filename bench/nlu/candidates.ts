/** Variants cross-validated by `bench/nlu.bench.ts --candidates`: what was tried beside the defaults. */
export const CANDIDATES: Record<string, unknown> = {
  'char 1-3 only': { terms: { words: false, leadChars: 0 }, vectorizer: { groupWeights: [1, 0, 0] } },
  'char 1-2 only': { terms: { charMaxN: 2, words: false, leadChars: 0 }, vectorizer: { groupWeights: [1, 0, 0] } },
  'words only': { terms: { leadChars: 0 }, vectorizer: { groupWeights: [0, 1, 0] } },
  'words + bigrams only': { terms: { wordBigrams: true, leadChars: 0 }, vectorizer: { groupWeights: [0, 1, 0] } },
  'svm C=1': { svmC: 1 },
  logistic: { members: ['logistic'] },
  'naive bayes (complement)': { members: ['naive-bayes'] },
  'svm + logistic': { members: ['svm', 'logistic'] },
  'svm + logistic + naive bayes': { members: ['svm', 'logistic', 'naive-bayes'] },
  'idf from unlabelled': { vectorizer: { idfFromUnlabeled: true } },
  'self-training 20 %, weight 1': { selfTraining: { share: 0.2, weight: 1, rounds: 1 } },
  'self-training 50 %, weight 0.3': { selfTraining: { share: 0.5, weight: 0.3, rounds: 1 } },
  'truncate at 400 chars': { terms: { maxChars: 400 } },
};
