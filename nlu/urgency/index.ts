export { trainUrgency, urgencyFromRules, type UrgencyClassifier } from './urgency.classifier.js';
