/** suqiu's logs: secrets never appear, and a citizen's message text appears with personal data masked. */
import { Writable } from 'node:stream';

import { expect, test } from 'vitest';

import { createLogger } from '../../core/logger.js';

test('when a message is logged, then its text is masked and secrets and phone fields are redacted whole', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger('info', sink);
  logger.info(
    { message: { text: '我叫张伟，电话13812345678，身份证430102199003071234，路灯坏了' }, token: 'sqk_secret', phone: '13812345678' },
    'received',
  );
  const line = JSON.parse(lines[0]!) as { message: { text: string }; token: string; phone: string };
  expect(line.message.text).toBe('我叫张*，电话138****5678，身份证4301**********1234，路灯坏了');
  expect(line.token).toBe('[redacted]');
  expect(line.phone).toBe('[redacted]');
  expect(lines.join('')).not.toContain('13812345678');
});
