export { detectPii, resolveOverlaps, type DetectOptions } from './detect.js';
export { foldForMatching } from './fold.js';
export { applyMasks } from './mask.js';
export { PII_KINDS, PII_TAGS, type MaskStyle, type PiiFinding, type PiiKind } from './types.js';
