/** Builds the RawRequest an adapter sees, with sensible defaults, for adapter-level tests. */
import type { RawRequest } from '../../channels/types.js';

export function rawRequest(overrides: Partial<RawRequest> & { url: string }): RawRequest {
  const url = new URL(overrides.url, 'https://hotline.example.gov.cn');
  return {
    method: 'POST',
    publicUrl: url.toString(),
    headers: {},
    query: Object.fromEntries(url.searchParams),
    params: {},
    rawBody: Buffer.alloc(0),
    receivedAt: new Date('2026-11-21T02:00:00Z'),
    ...overrides,
  };
}
