/**
 * Queue names and job ids. BullMQ refuses custom ids containing `:` or looking like integers
 * (STYLE.md §6), so ids are `<channel>-<key>` with anything unusual in the key hashed.
 */
import { createHash } from 'node:crypto';

export const INTAKE_QUEUE = 'intake';
export const OUTBOUND_QUEUE = 'outbound';

export const JOB_INBOUND = 'inbound';
export const JOB_OUTBOUND = 'outbound';

const SAFE_KEY = /^[A-Za-z0-9_.-]{1,80}$/;

export function inboundJobId(channel: string, dedupKey: string): string {
  const key = SAFE_KEY.test(dedupKey) ? dedupKey : createHash('sha256').update(dedupKey).digest('hex').slice(0, 40);
  return `${channel}-${key}`;
}

export function outboundJobId(messageId: string): string {
  return `out-${messageId}`;
}
