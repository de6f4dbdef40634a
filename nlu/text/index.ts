export { normalizeForModels, URL_TAG } from './model-text.js';
export {
  PII_KINDS,
  PII_TAGS,
  applyMasks,
  detectPii,
  type DetectOptions,
  type MaskStyle,
  type PiiFinding,
  type PiiKind,
} from './pii/index.js';
export { prepareText, type PrepareOptions, type PreparedText } from './prepare.js';
export { maskPersonalData, personalDataCensor } from './redact.js';
export { toSimplified } from './simplify.js';
