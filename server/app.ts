// Builds the express app (no listening) by composing: security headers, request log, body
// limits, the routes by resource (server/routes/), the 404 and the one error middleware.
import express from 'express';
import { InterviewLifecycle } from '../store/interview-lifecycle.js';
import { Templates } from '../store/templates.js';
import type { AppDeps } from './app-deps.js';
import type { ServerConfig } from './config.js';
import { errorHandler } from './http/error-handler.js';
import { access, resolveInterview } from './http/interview-access.js';
import { HttpError, notFound } from './http/http-error.js';
import { clientKey, rateLimiters } from './http/rate-limit.js';
import { requestLog } from './http/request-log.js';
import { requireAdmin } from './http/require-admin.js';
import { securityHeaders } from './http/security-headers.js';
import { SseRegistry, StreamSlots } from './http/sse.js';
import { startDeadlineSweep } from './interview-end.js';
import { adminRoutes } from './routes/admin.js';
import { draftRoutes } from './routes/drafts.js';
import { interviewRoutes } from './routes/interviews.js';
import { liveEventRoutes } from './routes/live-events.js';
import { opsRoutes } from './routes/ops.js';
import type { RouteContext, Routes } from './routes/route-context.js';
import { reportRoutes } from './routes/report.js';
import { scorecardRoutes } from './routes/scorecard.js';
import { submissionRoutes } from './routes/submissions.js';
import { templateRoutes } from './routes/templates.js';
import { webAppRoutes } from './routes/web-app.js';

export type { AppDeps } from './app-deps.js';

export interface App {
  app: express.Express;
  /** Ends every open event stream and stops the deadline sweep (graceful shutdown). */
  close(): void;
}

export function buildApp(config: ServerConfig, deps: AppDeps): App {
  const app = express();
  app.disable('x-powered-by');
  // The client address (limits, logs) is the socket's, or what the trusted proxies forwarded.
  app.set('trust proxy', config.GRADER_TRUST_PROXY);
  const limits = rateLimiters(deps.store.redis, deps.store.prefix);
  const lifecycle = new InterviewLifecycle(deps.store);
  app.use(requestLog(deps.logger));
  app.use(securityHeaders());
  app.use(express.json({ limit: config.GRADER_BODY_LIMIT_BYTES, strict: true, type: 'application/json' }));

  // Interview links: every unknown/wrong token or foreign id is the same 404; limits are per token.
  const interview = express.Router({ mergeParams: true });
  const unknownLimit = config.GRADER_UNKNOWN_TOKENS_PER_MINUTE;
  interview.use(
    resolveInterview(deps.store, async (req) => {
      if (await limits.overLimit('unknown-token', unknownLimit, clientKey(req)))
        throw new HttpError(
          429,
          `too many requests with unknown links from this address: at most ${unknownLimit} per minute (GRADER_UNKNOWN_TOKENS_PER_MINUTE)`,
        );
    }),
    limits.perMinute('token', config.GRADER_REQUESTS_PER_MINUTE, (_req, res) => access(res).tokenHash),
  );

  const routes: Routes = { app, interview };
  const context: RouteContext = {
    config,
    deps: { ...deps, lifecycle, templates: new Templates(deps.store) },
    adminOnly: [limits.perMinute('admin', config.GRADER_REQUESTS_PER_MINUTE, clientKey), requireAdmin(config.GRADER_ADMIN_TOKEN)],
    sse: new SseRegistry(config.GRADER_MAX_STREAMS_PER_TOKEN, new StreamSlots(deps.store.redis, deps.store.prefix)),
    limits,
  };
  opsRoutes(routes, context);
  adminRoutes(routes, context);
  interviewRoutes(routes, context);
  templateRoutes(routes, context);
  submissionRoutes(routes, context);
  liveEventRoutes(routes, context);
  draftRoutes(routes, context);
  scorecardRoutes(routes, context);
  reportRoutes(routes, context);
  app.use('/api/i/:token', interview);
  webAppRoutes(routes, context);

  app.use((_req, _res, next) => next(notFound()));
  app.use(errorHandler(config, deps.logger));
  // Every server process sweeps; ending is once per interview whoever gets there first.
  const stopSweep = startDeadlineSweep(context.deps, config, config.GRADER_DEADLINE_CHECK_MS);
  return {
    app,
    close: () => {
      stopSweep();
      context.sse.endAll();
    },
  };
}
