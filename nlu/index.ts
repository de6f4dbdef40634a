export { CategoryModel, ModelFormatError, type ScoredLabel, type Thresholds } from './category-model.js';
export { ModelClassifier } from './model-classifier.js';
export { REQUEST_TYPES, type RequestTypeCode } from './rules/request-type.js';
export { URGENCIES, type UrgencyCode } from './rules/urgency.js';
export { normalizeText } from './text/normalize.js';
export { DEFAULT_TRAIN_OPTIONS, TrainingDataError, trainCategoryModel, type LabelledText, type TrainOptions } from './train.js';
export type * from './types.js';
