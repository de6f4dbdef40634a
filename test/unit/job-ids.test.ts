import { describe, expect, test } from 'vitest';

import { inboundJobId, outboundJobId } from '../../intake/jobs.js';

// BullMQ refuses custom ids containing ":" and ids that look like integers (STYLE.md §6).
const valid = (id: string) => !id.includes(':') && !/^\d+$/.test(id) && id.length <= 120;

describe('job ids', () => {
  test.each([
    { description: 'a safe key', channel: 'api', key: 'call-1', expects: 'api-call-1' },
    { description: 'a numeric key', channel: 'wechat', key: '6054768590064713728', expects: 'wechat-6054768590064713728' },
  ])('when the key is $description, then it is kept readable', ({ channel, key, expects }) => {
    expect(inboundJobId(channel, key)).toBe(expects);
  });

  test.each([
    'call-centre:123',
    'gh_10f6c3c3ac5a|oyORnuP8q7ou2gfYjqLzSIWZf0rs|1409735668|subscribe|',
    'a'.repeat(500),
    '用户:消息',
    'directline:abc123|0000001',
  ])('when the key is %s, then the id is hashed into a valid BullMQ id', (key) => {
    const id = inboundJobId('api', key);
    expect(valid(id)).toBe(true);
    expect(id).toBe(inboundJobId('api', key));
    expect(id).not.toBe(inboundJobId('api', `${key}x`));
  });

  test('when two channels share a key, then their job ids differ', () => {
    expect(inboundJobId('api', 'k')).not.toBe(inboundJobId('web', 'k'));
  });

  test('when an outbound id is built, then it is valid', () => {
    expect(valid(outboundJobId('6f1d2c1e-0000-4000-8000-000000000000'))).toBe(true);
  });
});
