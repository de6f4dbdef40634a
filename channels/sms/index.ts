export { EXTERNAL_ID_SEPARATOR, maskNumbers, sendInParts, type SmsSender } from './sender.js';
export { secretsEqual } from './safe-equal.js';
export { splitSms, type SplitOptions } from './split.js';
export { withoutNul } from './text.js';
