"""
The baseline of bench/nlu.bench.ts, computed by scikit-learn itself on the same folds: a check that the
reference suqiu is measured against is the plain character 1-2-gram TF-IDF + linear SVM and not a weaker
or stronger cousin of it.

    npm run bench:nlu                                  # writes bench/results/nlu.json, folds included
    /usr/bin/python3 bench/nlu/sklearn-baseline.py [bench/results/nlu.json]

Needs Debian's scikit-learn (apt-get install python3-sklearn), hence /usr/bin/python3. Prints scikit-learn's
defaults (TfidfVectorizer(analyzer='char', ngram_range=(1, 2)) + LinearSVC()) and the sublinear-TF variant
suqiu's TypeScript baseline implements, per fold seed, beside the figures that run printed.
"""
import json
import os
import sys

try:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import f1_score
    from sklearn.svm import LinearSVC
except ImportError as error:
    sys.exit(f"sklearn-baseline: {error}; install Debian's scikit-learn (apt-get install python3-sklearn) and run it with /usr/bin/python3")

here = os.path.dirname(os.path.abspath(__file__))
results_file = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', 'results', 'nlu.json')
try:
    with open(results_file, encoding='utf-8') as f:
        results = json.load(f)
except FileNotFoundError:
    sys.exit(f'sklearn-baseline: {results_file} not found; run `npm run bench:nlu` first (it writes the folds there)')
runs = [run for run in results.get('perSeed', []) if 'foldOf' in run]
if not runs:
    sys.exit(f'sklearn-baseline: {results_file} holds no fold assignments; run `npm run bench:nlu` again with this version')

texts, labels = [], []
with open(os.path.join(results['data'], 'train.jsonl'), encoding='utf-8') as f:
    for line in f:
        if line.strip():
            row = json.loads(line)
            texts.append(row['text'] if 'text' in row else f"{row.get('title', '')} {row.get('detail', '')}")
            labels.append(row['label'])
texts, labels = np.array(texts, dtype=object), np.array(labels)


def cross_validate(fold_of, **tfidf):
    fold_of = np.array(fold_of)
    scores = []
    for fold in range(results['folds']):
        train, test = fold_of != fold, fold_of == fold
        vectorizer = TfidfVectorizer(analyzer='char', ngram_range=(1, 2), **tfidf)
        model = LinearSVC().fit(vectorizer.fit_transform(texts[train]), labels[train])
        scores.append(f1_score(labels[test], model.predict(vectorizer.transform(texts[test])), average='macro'))
    return float(np.mean(scores))


print(f"{'seed':>6} {'scikit-learn defaults':>22} {'scikit-learn sublinear':>23} {'bench baseline':>15} {'bench suqiu':>12}")
sums = np.zeros(4)
for run in runs:
    figures = [
        cross_validate(run['foldOf']),
        cross_validate(run['foldOf'], sublinear_tf=True),
        run['rows'][0]['macroF1'],
        run['rows'][1]['macroF1'],
    ]
    sums += figures
    print(f"{run['seed']:>6} {figures[0]:>22.4f} {figures[1]:>23.4f} {figures[2]:>15.4f} {figures[3]:>12.4f}")
mean = sums / len(runs)
print(f"{'mean':>6} {mean[0]:>22.4f} {mean[1]:>23.4f} {mean[2]:>15.4f} {mean[3]:>12.4f}")
print(f'suqiu over scikit-learn defaults: {100 * (mean[3] - mean[0]):+.2f} points; over the bench baseline: {100 * (mean[3] - mean[2]):+.2f}')
