/**
 * `verify` for Bot Framework: no I/O, it checks what the HTTP layer established. The JWT itself is
 * validated before (auth.ts, through `ChannelHttp.authenticate`, which may fetch signing keys); here
 * the principal must be that vendor, and the body must name the serviceUrl the token was issued for.
 *
 * Without an app id there is no token to check (the Emulator). Then only activities whose serviceUrl
 * is on this machine are taken, so an open endpoint cannot make suqiu POST replies (or fetch
 * "attachments") anywhere on the network.
 */
import type { RawRequest } from '../types.js';

export function verifyBotFrameworkRequest(req: RawRequest, authenticated: boolean): boolean {
  const serviceUrl = serviceUrlOf(req.body);
  if (!authenticated) return serviceUrl !== undefined && isLoopbackUrl(serviceUrl);
  const principal = req.principal;
  if (principal?.kind !== 'vendor' || principal.channel !== 'botframework') return false;
  // Emulator-issued tokens carry no serviceUrl claim; channel tokens always do (botbuilder compared it already).
  return principal.subject === undefined || principal.subject === serviceUrl;
}

export function serviceUrlOf(body: unknown): string | undefined {
  const value = (body as { serviceUrl?: unknown } | undefined)?.serviceUrl;
  return typeof value === 'string' ? value : undefined;
}

export function isLoopbackUrl(value: string): boolean {
  let host: string;
  try {
    host = new URL(value).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
