/**
 * One route per channel webhook, all through the same intake pipeline (intake/accept.ts); the
 * channel decides only how its acknowledgement (and its errors) look. These routes are mounted before
 * the console's authentication: a channel's Authorization header is the channel's own (a Bot
 * Framework JWT, say), checked by the channel, or a suqiu API key checked here.
 */
import express, { Router, type Request, type RequestHandler, type Response } from 'express';

import type { ChannelAdapter, ChannelHttp, HttpAck } from '../../channels/types.js';
import { UnauthorizedError } from '../../core/errors/index.js';
import { acceptInbound } from '../../intake/accept.js';
import type { AppContext } from '../context.js';
import { toRawRequest } from './raw-request.js';

export function channelRoutes(ctx: AppContext): Router {
  const router = Router();
  // JSON bodies were read (with their raw bytes) by the app's JSON parser; everything else arrives raw.
  const raw = express.raw({ type: () => true, limit: ctx.config.limits.bodyBytes });
  for (const { adapter, http } of ctx.deps.channels.list()) {
    if (!http) continue;
    const format: RequestHandler = (_req, res, next) => {
      res.locals.errorFormat = http.errorFormat ?? 'json';
      // Log the route pattern, not the path: a path parameter may be a credential (the Aliyun push secret).
      res.locals.logPath = http.path;
      next();
    };
    const challenge = http.challenge;
    if (challenge) router.get(http.path, format, (req, res) => sendAck(res, challenge(toRawRequest(req, ctx.config.http.publicUrl))));
    router.post(http.path, format, raw, guard(ctx, http), intake(ctx, adapter, http));
  }
  return router;
}

function guard(ctx: AppContext, http: ChannelHttp): RequestHandler {
  return async (req, _res, next) => {
    if (http.auth !== 'apiKey') return next();
    const key =
      /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ??
      (http.apiKeyParam ? keyFromRequest(req, http.apiKeyParam) : undefined);
    const resolved = key ? await ctx.apiKeys.resolve(key) : undefined;
    if (!resolved) {
      const where = http.apiKeyParam ? ` or as ${http.apiKeyParam}` : '';
      throw new UnauthorizedError(key ? 'unknown or revoked API key' : `send an API key as "Authorization: Bearer sqk_…"${where}`);
    }
    req.principal = { kind: 'apiKey', apiKeyId: resolved.id, source: resolved.source };
    next();
  };
}

function keyFromRequest(req: Request, name: string): string | undefined {
  const fromQuery = req.query[name];
  if (typeof fromQuery === 'string' && fromQuery) return fromQuery;
  if (Buffer.isBuffer(req.body) && /application\/x-www-form-urlencoded/i.test(req.get('content-type') ?? '')) {
    return new URLSearchParams(req.body.toString('utf8')).get(name) ?? undefined;
  }
  return undefined;
}

function intake(ctx: AppContext, adapter: ChannelAdapter, http: ChannelHttp): RequestHandler {
  return async (req, res) => {
    let request = toRawRequest(req, ctx.config.http.publicUrl);
    if (http.authenticate) request = { ...request, principal: await http.authenticate(request) };
    const outcomes = await acceptInbound(ctx.deps, adapter, request);
    sendAck(res, http.acknowledge(outcomes, request));
  };
}

export function sendAck(res: Response, ack: HttpAck): void {
  if (ack.contentType) res.type(ack.contentType);
  res.status(ack.status).send(ack.body);
}
