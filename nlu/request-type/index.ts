export { requestTypeFromRules, trainRequestType, type RequestTypeClassifier } from './request-type.classifier.js';
