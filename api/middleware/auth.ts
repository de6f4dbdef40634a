/**
 * Establishes who is calling: the bootstrap token (admin), an API key, or a console session (cookie
 * or bearer). Wrong credentials are refused at once; no credentials leave `req.principal` unset and
 * the route's guard decides. Cookie-authenticated writes must come from our own origin (CSRF).
 */
import type { Request, RequestHandler } from 'express';

import type { ApiKeyResolver } from '../../core/auth/api-keys.js';
import { resolveSession } from '../../core/auth/sessions.js';
import { constantTimeEqual } from '../../core/auth/tokens.js';
import type { Database } from '../../core/db/database.js';
import { ForbiddenError, UnauthorizedError } from '../../core/errors/index.js';

export const SESSION_COOKIE = 'suqiu_session';

export function authenticate(db: Database, apiKeys: ApiKeyResolver, bootstrapToken: string | undefined): RequestHandler {
  return async (req, _res, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (bearer) {
      if (bearer.startsWith('wc1.')) return next(); // web-chat tokens are checked by the web channel
      req.principal = await principalFromBearer(db, apiKeys, bearer, bootstrapToken);
      return next();
    }
    const cookie = readCookie(req, SESSION_COOKIE);
    if (cookie) {
      const user = await resolveSession(db, cookie);
      if (!user) throw new UnauthorizedError('your session has expired; please log in again');
      if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method) && !sameOrigin(req)) {
        throw new ForbiddenError('cross-site request refused');
      }
      req.principal = { kind: 'user', userId: user.id, role: user.role };
    }
    next();
  };
}

async function principalFromBearer(db: Database, apiKeys: ApiKeyResolver, token: string, bootstrapToken: string | undefined) {
  if (bootstrapToken && constantTimeEqual(token, bootstrapToken)) return { kind: 'bootstrap' as const };
  if (token.startsWith('sqk_')) {
    const key = await apiKeys.resolve(token);
    if (key) return { kind: 'apiKey' as const, apiKeyId: key.id, source: key.source };
    throw new UnauthorizedError('unknown or revoked API key');
  }
  if (token.startsWith('sqs_')) {
    const user = await resolveSession(db, token);
    if (user) return { kind: 'user' as const, userId: user.id, role: user.role };
    throw new UnauthorizedError('unknown or expired session token');
  }
  throw new UnauthorizedError('unknown bearer token');
}

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Browsers send Origin on cross-site POSTs; when it is present it must name this host. */
function sameOrigin(req: Request): boolean {
  const origin = req.get('origin');
  if (!origin) return true;
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}

export type Role = 'AGENT' | 'ADMIN';

/** Console users with one of the roles; the bootstrap token counts as an admin. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const principal = req.principal;
    if (!principal || principal.kind === 'webchat') throw new UnauthorizedError('log in or send a bearer token');
    const role = principal.kind === 'bootstrap' ? 'ADMIN' : principal.kind === 'user' ? principal.role : undefined;
    if (!role || !roles.includes(role)) throw new ForbiddenError(`this needs the role ${roles.join(' or ')}`);
    next();
  };
}

export function actorOf(req: Request): { userId?: string; role: Role } {
  const principal = req.principal;
  if (principal?.kind === 'user') return { userId: principal.userId, role: principal.role };
  return { role: 'ADMIN' };
}
