export { loadCategoryModel, saveCategoryModel, MODEL_FORMAT, MODEL_FORMAT_VERSION, type CategoryManifest } from './artefact.js';
export { CategoryClassifier } from './classifier.js';
export { CategoryModelFormatError, CategoryTrainingError } from './errors.js';
export { pathOf, rollUp, type LevelScore, type ParentMap } from './hierarchy.js';
export { brierScore, categoryMetrics, type CategoryMetrics, type ScoredExample } from './metrics.js';
export { CategoryClassifierModel, type CategoryDecision, type RoutingBand, type ScoredLabel } from './model.js';
export { resolveTrainOptions, trainOptionsSchema, type TrainOptions } from './options.js';
export type { ClassThresholds } from './thresholds.js';
export { stratifiedFolds, trainCategoryClassifier, type LabelledMessage, type TrainInput, type TrainingProgress } from './train.js';
