export { AppError, type AppErrorOptions, type ErrorKind } from './app-error.js';
export { ConflictError } from './conflict.error.js';
export { ForbiddenError } from './forbidden.error.js';
export { InvalidDataError } from './invalid-data.error.js';
export { InvalidStateError } from './invalid-state.error.js';
export { NotFoundError } from './not-found.error.js';
export { UnauthorizedError } from './unauthorized.error.js';
export { UnexpectedError } from './unexpected.error.js';
export { UpstreamError } from './upstream.error.js';
