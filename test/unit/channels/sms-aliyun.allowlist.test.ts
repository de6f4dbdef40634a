/** ALIYUN_SMS_ALLOWED_IPS: addresses and CIDR ranges, IPv4 and IPv6, IPv4-mapped IPv6 matching IPv4 rules. */
import { describe, expect, test } from 'vitest';

import { IpAllowlist, isAllowlistEntry } from '../../../channels/sms-aliyun/allowlist.js';

describe('allowlist entries', () => {
  test.each([
    { entry: '203.0.113.10', valid: true },
    { entry: '203.0.113.0/24', valid: true },
    { entry: '0.0.0.0/0', valid: true },
    { entry: '2001:db8::1', valid: true },
    { entry: '2001:db8::/32', valid: true },
    { entry: '::ffff:203.0.113.10', valid: true },
    { entry: '::ffff:203.0.113.0/120', valid: true },
    { entry: '203.0.113.0/33', valid: false },
    { entry: '2001:db8::/129', valid: false },
    { entry: '203.0.113', valid: false },
    { entry: '203.0.113.256', valid: false },
    { entry: 'aliyun.com', valid: false },
    { entry: '203.0.113.0/24/1', valid: false },
    { entry: '203.0.113.0/x', valid: false },
    { entry: '', valid: false },
  ])('when "$entry" is configured, then valid is $valid', ({ entry, valid }) => {
    expect(isAllowlistEntry(entry)).toBe(valid);
  });
});

describe('matching callers', () => {
  const list = new IpAllowlist(['203.0.113.10', '198.51.100.0/24', '2001:db8:a::/48', '::ffff:192.0.2.0/120', '2001:db8::99']);

  test.each([
    { address: '203.0.113.10', allowed: true },
    { address: '203.0.113.11', allowed: false },
    { address: '198.51.100.0', allowed: true },
    { address: '198.51.100.255', allowed: true },
    { address: '198.51.101.1', allowed: false },
    { address: '::ffff:203.0.113.10', allowed: true },
    { address: '::FFFF:198.51.100.7', allowed: true },
    { address: '::ffff:203.0.113.11', allowed: false },
    { address: '192.0.2.200', allowed: true },
    { address: '::ffff:192.0.2.1', allowed: true },
    { address: '192.0.3.1', allowed: false },
    { address: '2001:db8:a:ffff::1', allowed: true },
    { address: '2001:db8:b::1', allowed: false },
    { address: '2001:db8::99', allowed: true },
    { address: '[2001:db8::99]', allowed: true },
    { address: 'fe80::1%eth0', allowed: false },
    { address: 'not-an-address', allowed: false },
    { address: '', allowed: false },
    { address: undefined, allowed: false },
  ])('when $address calls, then allowed is $allowed', ({ address, allowed }) => {
    expect(list.allows(address)).toBe(allowed);
  });

  test('when no entry is configured, then every caller is allowed (and the list says it is open)', () => {
    const open = new IpAllowlist([]);
    expect(open.open).toBe(true);
    expect(open.allows('198.51.100.7')).toBe(true);
    expect(open.allows(undefined)).toBe(true);
  });

  test('when a range is written from a host address, then the whole network counts', () => {
    expect(new IpAllowlist(['10.1.2.3/24']).allows('10.1.2.200')).toBe(true);
  });
});
