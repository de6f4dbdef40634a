/**
 * The only place that turns errors into HTTP answers (STYLE.md §7). Known kinds map to a status with
 * their message; anything else is logged and answered with a generic message and the request id.
 */
import type { ErrorRequestHandler, Response } from 'express';

import { AppError, type ErrorKind } from '../core/errors/index.js';
import type { Logger } from '../core/logger.js';
import { xmlDocument } from '../core/xml.js';

const STATUS: Record<ErrorKind, number> = {
  NOT_FOUND: 404,
  INVALID_DATA: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INVALID_STATE: 422,
  UPSTREAM: 502,
  UNEXPECTED: 500,
};

/** More specific codes with a more specific HTTP status. */
const CODE_STATUS: Record<string, number> = { PAYLOAD_TOO_LARGE: 413, RATE_LIMITED: 429, UNSUPPORTED_MEDIA_TYPE: 415 };

/** body-parser's own errors, which carry `type` and `status`. */
function fromBodyParser(error: unknown): AppError | undefined {
  const e = error as { type?: string; status?: number; limit?: number };
  if (e?.type === 'entity.too.large')
    return new BodyError(`request body is larger than the limit of ${e.limit ?? '?'} bytes`, 'PAYLOAD_TOO_LARGE');
  if (e?.type === 'entity.parse.failed') return new BodyError('request body is not valid JSON', 'MALFORMED_BODY');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return new BodyError('unsupported body encoding', 'MALFORMED_BODY');
  return undefined;
}

class BodyError extends AppError {
  public readonly kind = 'INVALID_DATA';

  constructor(message: string, code: string) {
    super(message, { code });
  }
}

/** Open311 GeoReport v2 (DOMAIN.md §11.6): 403 for api_key problems, 404 for unknown things, 400 for the rest. */
function open311(res: Response, path: string, status: number, description: string): void {
  const code = status === 401 || status === 403 ? 403 : status === 404 ? 404 : status >= 500 ? 500 : 400;
  const errors = [{ code, description }];
  res.status(code);
  if (path.endsWith('.xml')) res.type('application/xml').send(xmlDocument('errors', { error: errors }));
  else res.json(errors);
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (caught: unknown, req, res, _next) => {
    const error = caught instanceof AppError ? caught : (fromBodyParser(caught) ?? caught);
    const requestId = req.requestId;
    const known = error instanceof AppError && error.kind !== 'UNEXPECTED';
    if (res.locals.errorFormat === 'open311') {
      if (!known) logger.error({ err: error }, 'unexpected error');
      const status = known ? (error.code && CODE_STATUS[error.code]) || STATUS[error.kind] : 500;
      return open311(res, req.path, status, known ? error.message : `An unexpected error occurred (request ${requestId}).`);
    }
    if (known) {
      const status = (error.code && CODE_STATUS[error.code]) || STATUS[error.kind];
      if (status >= 500) logger.error({ err: error }, 'upstream failure');
      res.status(status).json({ error: { kind: error.kind, code: error.code, message: error.message, details: error.details, requestId } });
      return;
    }
    logger.error({ err: error }, 'unexpected error');
    if (error instanceof AppError && !error.operational) process.emitWarning('catastrophic error: the process should be restarted');
    res.status(500).json({ error: { kind: 'UNEXPECTED', message: 'An unexpected error occurred.', requestId } });
  };
}
