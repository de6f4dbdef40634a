/**
 * JSON logs with the request or job id of the current context on every line. Citizen data is
 * personal data: the redact list below covers phone numbers, names, message text, tokens and keys
 * wherever they appear one or two levels down (STYLE.md §10). Never log a raw webhook body.
 */
import { pino, type Logger } from 'pino';

import { personalDataCensor } from '../nlu/text/redact.js';
import { currentContext } from './context.js';

const SENSITIVE = [
  'phone',
  'name',
  'displayName',
  'text',
  'password',
  'token',
  'key',
  'secret',
  'authorization',
  'cookie',
  'channelUserId',
  'openid',
  'rawBody',
  'payload',
];

const redactPaths = SENSITIVE.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]).concat([
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
]);

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'suqiu' },
      // Secrets are replaced whole; a message's text is logged with its personal data masked.
      redact: { paths: redactPaths, censor: personalDataCensor(['text']) },
      mixin: () => ({ ...currentContext() }),
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
