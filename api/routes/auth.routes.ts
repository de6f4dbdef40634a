/** Console login with a session cookie (HttpOnly, SameSite=Strict), logout and "who am I". */
import { Router, type Request } from 'express';
import { z } from 'zod';

import { createSession, deleteSession } from '../../core/auth/sessions.js';
import { authenticate as checkPassword } from '../../core/auth/users.js';
import { InvalidDataError, UnauthorizedError } from '../../core/errors/index.js';
import type { AppContext } from '../context.js';
import { readCookie, requireRole, SESSION_COOKIE } from '../middleware/auth.js';
import { LoginThrottle } from './login-throttle.js';

const loginSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict();

export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  const throttle = new LoginThrottle();

  router.post('/api/v1/auth/login', async (req, res) => {
    const parsed = loginSchema.safeParse(req.body);
    if (!parsed.success) throw new InvalidDataError('send {"username", "password"}');
    const key = `${parsed.data.username.toLowerCase()}|${req.ip}`;
    throttle.check(key);
    const user = await checkPassword(ctx.deps.db, parsed.data.username, parsed.data.password);
    if (!user) {
      throttle.fail(key);
      throw new UnauthorizedError('wrong username or password');
    }
    throttle.reset(key);
    const session = await createSession(ctx.deps.db, user.id, ctx.config.sessionTtlMs);
    res.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: isHttps(req),
      path: '/',
      expires: session.expiresAt,
    });
    res.json({ user, token: session.token, expiresAt: session.expiresAt });
  });

  router.post('/api/v1/auth/logout', async (req, res) => {
    const token = readCookie(req, SESSION_COOKIE) ?? /^Bearer\s+(sqs_\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (token) await deleteSession(ctx.deps.db, token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/api/v1/auth/me', requireRole('AGENT', 'ADMIN'), async (req, res) => {
    const principal = req.principal;
    if (principal?.kind === 'bootstrap') {
      res.json({ user: { id: null, username: 'bootstrap', displayName: 'Bootstrap token', role: 'ADMIN' } });
      return;
    }
    const user =
      principal?.kind === 'user'
        ? await ctx.deps.db.prisma.user.findUnique({
            where: { id: principal.userId },
            select: { id: true, username: true, displayName: true, role: true },
          })
        : null;
    res.json({ user });
  });

  return router;
}

function isHttps(req: Request): boolean {
  return req.secure || req.protocol === 'https';
}
