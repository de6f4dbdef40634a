/** Gives every request an id (kept from X-Request-Id when sane), runs it in the log context and logs its outcome. */
import { randomUUID } from 'node:crypto';

import type { RequestHandler } from 'express';

import { runInContext } from '../../core/context.js';
import type { Logger } from '../../core/logger.js';

export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && /^[A-Za-z0-9_.-]{8,100}$/.test(incoming) ? incoming : randomUUID();
    req.requestId = requestId;
    res.set('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The path only: query strings may carry tokens.
      runInContext({ requestId }, () =>
        logger.info(
          {
            method: req.method,
            path: (res.locals.logPath as string | undefined) ?? req.path,
            status: res.statusCode,
            ms: Math.round(ms * 10) / 10,
          },
          'request',
        ),
      );
    });
    runInContext({ requestId }, next);
  };
}
