import { describe, expect, test } from 'vitest';

import { formatTicketNumber, localDay } from '../../core/time.js';

describe('ticket numbers', () => {
  test.each([
    {
      description: 'late evening UTC is already tomorrow in Shanghai',
      at: '2026-11-20T16:30:00Z',
      zone: 'Asia/Shanghai',
      expects: '20261121',
    },
    { description: 'just before midnight in Shanghai', at: '2026-11-21T15:59:59Z', zone: 'Asia/Shanghai', expects: '20261121' },
    { description: 'midnight in Shanghai', at: '2026-11-21T16:00:00Z', zone: 'Asia/Shanghai', expects: '20261122' },
    { description: 'another time zone', at: '2026-11-21T03:00:00Z', zone: 'America/New_York', expects: '20261120' },
  ])('when $description, then the day is $expects', ({ at, zone, expects }) => {
    expect(localDay(new Date(at), zone)).toBe(expects);
  });

  test('when a number is formatted, then it reads YYYYMMDD-NNNNNN', () => {
    expect(formatTicketNumber('20261121', 123)).toBe('20261121-000123');
    expect(formatTicketNumber('20261121', 1_234_567)).toBe('20261121-1234567');
  });
});
