export { trainUrgency, urgencyFromRules, urgencyFromState, type UrgencyClassifier } from './urgency.classifier.js';
