// Builds the express app (no listening) by composing: security headers, request log, body
// limits, the routes by resource (server/routes/), the 404 and the one error middleware.
import express from 'express';
import type { AppDeps } from './app-deps.js';
import type { ServerConfig } from './config.js';
import { errorHandler } from './http/error-handler.js';
import { notFound } from './http/http-error.js';
import { access, resolveInterview } from './http/interview-access.js';
import { rateLimitPerMinute } from './http/rate-limit.js';
import { requestLog } from './http/request-log.js';
import { requireAdmin } from './http/require-admin.js';
import { securityHeaders } from './http/security-headers.js';
import { SseRegistry } from './http/sse.js';
import { adminRoutes } from './routes/admin.js';
import { draftRoutes } from './routes/drafts.js';
import { interviewRoutes } from './routes/interviews.js';
import { liveEventRoutes } from './routes/live-events.js';
import { opsRoutes } from './routes/ops.js';
import type { RouteContext, Routes } from './routes/route-context.js';
import { scorecardRoutes } from './routes/scorecard.js';
import { submissionRoutes } from './routes/submissions.js';
import { webAppRoutes } from './routes/web-app.js';

export type { AppDeps } from './app-deps.js';

export interface App {
  app: express.Express;
  /** Ends every open event stream (graceful shutdown). */
  closeStreams(): void;
}

export function buildApp(config: ServerConfig, deps: AppDeps): App {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestLog(deps.logger));
  app.use(securityHeaders());
  app.use(express.json({ limit: config.GRADER_BODY_LIMIT_BYTES, strict: true, type: 'application/json' }));

  // Interview links: every unknown/wrong token or foreign id is the same 404; limits are per token.
  const interview = express.Router({ mergeParams: true });
  interview.use(
    resolveInterview(deps.store),
    rateLimitPerMinute(config.GRADER_REQUESTS_PER_MINUTE, (_req, res) => `req:${access(res).tokenHash}`),
  );

  const routes: Routes = { app, interview };
  const context: RouteContext = {
    config,
    deps,
    adminOnly: [
      rateLimitPerMinute(config.GRADER_REQUESTS_PER_MINUTE, (req) => `admin:${req.socket.remoteAddress ?? ''}`),
      requireAdmin(config.GRADER_ADMIN_TOKEN),
    ],
    sse: new SseRegistry(config.GRADER_MAX_STREAMS_PER_TOKEN),
  };
  opsRoutes(routes, context);
  adminRoutes(routes, context);
  interviewRoutes(routes, context);
  submissionRoutes(routes, context);
  liveEventRoutes(routes, context);
  draftRoutes(routes, context);
  scorecardRoutes(routes, context);
  app.use('/api/i/:token', interview);
  webAppRoutes(routes, context);

  app.use((_req, _res, next) => next(notFound()));
  app.use(errorHandler(config, deps.logger));
  return { app, closeStreams: () => context.sse.endAll() };
}
