/** Files admins import (training examples, knowledge entries): CSV with a header or JSON Lines, as text. */
import express, { type Request } from 'express';

import { InvalidDataError } from '../../core/errors/index.js';

/** Import files are larger than messages; still bounded. */
const IMPORT_LIMIT = '20mb';

export const importBody = express.text({
  type: ['text/csv', 'application/x-ndjson', 'application/jsonl', 'application/jsonlines'],
  limit: IMPORT_LIMIT,
});

/** The file and its format, or a 400 that says how to send it. */
export function importFile(req: Request): { content: string; format: 'csv' | 'jsonl' } {
  const type = req.get('content-type') ?? '';
  const format = /csv/i.test(type) ? 'csv' : /ndjson|jsonl|jsonlines/i.test(type) ? 'jsonl' : undefined;
  if (!format || typeof req.body !== 'string') {
    throw new InvalidDataError('send the file as text/csv (with a header) or application/x-ndjson (one JSON object per line)', {
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  }
  return { content: req.body, format };
}
