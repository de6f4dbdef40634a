export { auxToStates, classifyAux, rulesOnly, type AuxAnswer, type AuxModels, type AuxStates } from './aux-models.js';
export {
  DEFAULT_AUX_TRAINING_OPTIONS,
  trainAuxModels,
  type AuxEvaluation,
  type AuxTrainingExample,
  type AuxTrainingOptions,
  type DepartmentEvaluation,
  type RulePriorEvaluation,
} from './train-aux.js';
