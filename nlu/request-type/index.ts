export { requestTypeFromRules, requestTypeFromState, trainRequestType, type RequestTypeClassifier } from './request-type.classifier.js';
