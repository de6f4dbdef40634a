/**
 * Attachment downloads. A `contentUrl` is chosen by whoever posted the activity — on Direct Line,
 * the citizen's browser — so the worker must not become a way into the internal network: only the
 * connector's own host (the signed serviceUrl) may be private, every other host must resolve to
 * public addresses, redirects are followed by hand and checked again, and the bot's token is only
 * ever sent to the connector's origin.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

import { UpstreamError } from '../../core/errors/index.js';
import type { FetchedMedia } from '../types.js';
import { sameOrigin } from './content.js';

export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;
const MAX_REDIRECTS = 3;

export interface DownloadOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  /** The connector origin, which may be private (the Emulator) and may see the token. */
  trustedOrigin?: string;
  /** Sent to the trusted origin only. */
  authorization?: () => Promise<string>;
  maxBytes?: number;
}

export async function download(url: string, options: DownloadOptions): Promise<FetchedMedia> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    if (!/^https?:$/.test(safeUrl(current)?.protocol ?? '')) throw new UpstreamError('attachment URL is not http(s)');
    const trusted = options.trustedOrigin !== undefined && sameOrigin(current, options.trustedOrigin);
    if (!trusted) await assertPublicHost(current);
    const headers: Record<string, string> =
      trusted && options.authorization ? { authorization: `Bearer ${await options.authorization()}` } : {};
    let response: Response;
    try {
      response = await options.fetch(current, { headers, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      throw new UpstreamError(`attachment download failed: ${(error as Error)?.name ?? 'request error'}`);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      current = new URL(location, current).href;
      continue;
    }
    if (!response.ok) throw new UpstreamError(`attachment download answered ${response.status}`);
    const bytes = await readLimited(response, options.maxBytes ?? MAX_DOWNLOAD_BYTES);
    const mime = response.headers.get('content-type')?.split(';')[0]?.trim();
    return { bytes, ...(mime && mime !== 'application/octet-stream' ? { mime } : {}) };
  }
  throw new UpstreamError(`attachment download: more than ${MAX_REDIRECTS} redirects`);
}

/** Loopback, private, link-local (cloud metadata), CGNAT, multicast and reserved ranges. */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');

export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]!);
  const family = isIP(address);
  if (family === 0) return false;
  return !NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

async function assertPublicHost(url: string): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  } catch {
    throw new UpstreamError('attachment host could not be resolved');
  }
  if (addresses.length === 0 || !addresses.every(isPublicAddress)) {
    throw new UpstreamError('attachment URL points to a private or local address; refused');
  }
}

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

async function readLimited(response: Response, maxBytes: number): Promise<Buffer> {
  if (Number(response.headers.get('content-length') ?? NaN) > maxBytes)
    throw new UpstreamError(`attachment is larger than ${maxBytes} bytes`);
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new UpstreamError(`attachment is larger than ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
