export { detectAbuse, type AbuseVerdict } from './abuse.js';
export {
  EMERGENCY_NUMBERS,
  EMERGENCY_PRIORITY,
  detectEmergency,
  type Emergency,
  type EmergencyKind,
  type EmergencyNumber,
} from './emergency.js';
export { detectGreeting, isEmptyMessage } from './empty.js';
export { readMessage } from './read.js';
