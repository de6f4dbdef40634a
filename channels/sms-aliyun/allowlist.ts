/**
 * The addresses allowed to push (ALIYUN_SMS_ALLOWED_IPS): IPv4 and IPv6 addresses and CIDR ranges.
 * A dual-stack server sees IPv4 callers as IPv4-mapped IPv6 (`::ffff:1.2.3.4`); those are matched
 * against the IPv4 rules, and a rule written in mapped form is an IPv4 rule.
 */
import { BlockList, isIP } from 'node:net';

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

export class IpAllowlist {
  private readonly list = new BlockList();

  /** @param entries Checked by {@link isAllowlistEntry} (the config schema does so at boot). */
  constructor(private readonly entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', prefix] = entry.split('/');
      const ip = plain(address);
      const family = isIP(ip) === 4 ? 'ipv4' : 'ipv6';
      if (prefix === undefined) this.list.addAddress(ip, family);
      else this.list.addSubnet(ip, mappedPrefix(address, Number(prefix)), family);
    }
  }

  /** No entries: every address is allowed (the README says to configure them). */
  public get open(): boolean {
    return this.entries.length === 0;
  }

  public allows(remoteAddress: string | undefined): boolean {
    if (this.open) return true;
    if (!remoteAddress) return false;
    const ip = plain(remoteAddress);
    const family = isIP(ip);
    return family !== 0 && this.list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  }
}

export function isAllowlistEntry(entry: string): boolean {
  const parts = entry.split('/');
  if (parts.length > 2) return false;
  const [address = '', prefix] = parts;
  const ip = plain(address);
  const family = isIP(ip);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  const bits = mappedPrefix(address, Number(prefix));
  return bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

/** The address without brackets or zone, IPv4-mapped IPv6 as IPv4. */
function plain(address: string): string {
  const bare = address
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  return MAPPED_V4.exec(bare)?.[1] ?? bare;
}

/** `::ffff:10.0.0.0/104` is `10.0.0.0/8`. */
function mappedPrefix(address: string, prefix: number): number {
  return MAPPED_V4.test(address.trim()) ? prefix - 96 : prefix;
}
