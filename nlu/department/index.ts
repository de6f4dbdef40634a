export {
  departmentClassifierFromState,
  departmentOpinion,
  trainDepartmentClassifier,
  type DepartmentTrainingExample,
  type DepartmentTrainOptions,
} from './department.classifier.js';
export {
  rankDepartments,
  type DepartmentOpinion,
  type DepartmentRanking,
  type RankedDepartment,
  type RankingOptions,
} from './department-ranking.js';
export { answeringUnit, unitsInReply, type EvidenceKind, type ExtractedUnit } from './extract.js';
export {
  departmentExamples,
  placeUnitKind,
  unitKind,
  type DepartmentExample,
  type LabelledSetOptions,
  type RepliedMessage,
} from './labelled-set.js';
export { TextModelFormatError } from './errors.js';
export { type RulePriorState, type TextClassifierState } from './model-state.js';
export {
  RulePriorClassifier,
  ruleFeatures,
  type Handover,
  type RulePriorOptions,
  type RulePriorResult,
  type RulePriorSetting,
  type ScoreSource,
} from './rule-prior.js';
export {
  DEFAULT_TEXT_CLASSIFIER_OPTIONS,
  TextClassifier,
  TrainingDataError,
  crossValidate,
  heldOut,
  type HeldOutRanking,
  type LabelScore,
  type LabelledExample,
  type TextClassifierOptions,
} from './text-classifier.js';
export { canonicalUnitName, jurisdictionsOf, unitNameAtEnd, type Jurisdictions } from './unit-names.js';
