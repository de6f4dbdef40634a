/**
 * The HTTP server: channel webhooks, the agents' and admins' API, the OpenAPI document and the two
 * pages (citizen web chat, agent console). Started on any port (0 in tests) and stopped gracefully.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import express, { type Express } from 'express';

import { NotFoundError } from '../core/errors/index.js';
import type { AppContext } from './context.js';
import { errorHandler } from './error-handler.js';
import { authenticate } from './middleware/auth.js';
import { requestContext } from './middleware/request-context.js';
import { securityHeaders } from './middleware/security-headers.js';
import { openApiDocument } from './openapi.js';
import { adminRoutes } from './routes/admin.routes.js';
import { authRoutes } from './routes/auth.routes.js';
import { catalogueRoutes } from './routes/catalogue.routes.js';
import { channelRoutes } from './routes/channels.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { intakeRoutes } from './routes/intake.routes.js';
import { open311Routes } from './routes/open311.routes.js';
import { reviewRoutes } from './routes/review.routes.js';
import { nluRoutes } from './routes/nlu.routes.js';
import { knowledgeRoutes } from './routes/knowledge.routes.js';
import { conversationRoutes } from './routes/conversation.routes.js';
import { webchatRoutes } from './routes/webchat.routes.js';

const WEB_DIR = path.resolve(import.meta.dirname, '../web');

export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  if (ctx.config.http.trustProxy) app.set('trust proxy', ctx.config.http.trustProxy);
  app.use(requestContext(ctx.deps.logger));
  app.use(securityHeaders);
  app.use(healthRoutes(ctx));
  app.use(
    express.json({
      limit: ctx.config.limits.bodyBytes,
      type: ['application/json', 'application/*+json'],
      verify: (req, _res, buf) => {
        (req as express.Request).rawBody = buf;
      },
    }),
  );
  app.use(channelRoutes(ctx));
  app.use(authenticate(ctx.deps.db, ctx.apiKeys, ctx.config.bootstrapToken));
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument(ctx.config.http.publicUrl));
  });
  app.use(open311Routes(ctx));
  app.use(intakeRoutes(ctx));
  app.use(webchatRoutes(ctx));
  app.use(authRoutes(ctx));
  app.use(reviewRoutes(ctx));
  app.use(catalogueRoutes(ctx));
  app.use(adminRoutes(ctx));
  app.use(nluRoutes(ctx));
  app.use(knowledgeRoutes(ctx, ctx.deps.knowledge));
  app.use(conversationRoutes(ctx));
  app.use('/api', (req) => {
    throw new NotFoundError(`no such endpoint: ${req.method} ${req.originalUrl.split('?')[0]}`);
  });
  app.use(express.static(WEB_DIR, { index: 'index.html', extensions: ['html'], maxAge: '5m' }));
  app.use(errorHandler(ctx.deps.logger));
  return app;
}

export interface HttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function listen(app: Express, ctx: AppContext): Promise<HttpServer> {
  return new Promise((resolve, reject) => {
    const server = app.listen(ctx.config.http.port, ctx.config.http.host, (error?: Error) => {
      if (error) return reject(error);
      const { port } = server.address() as AddressInfo;
      const host = ctx.config.http.host === '0.0.0.0' || ctx.config.http.host === '::' ? 'localhost' : ctx.config.http.host;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            // Stop accepting, end the event streams (they never end on their own), let requests in flight finish.
            server.close(() => done());
            ctx.streams.closeAll();
            server.closeIdleConnections();
          }),
      });
    });
    server.on('error', reject);
  });
}
