// What every route module registers on and with: the app (top-level paths) and the interview
// router (under /api/i/:token, after the token is resolved), the config, the deps, the admin
// gate and the open event streams.
import type { RequestHandler, Router } from 'express';
import type { InterviewLifecycle } from '../../store/interview-lifecycle.js';
import type { Templates } from '../../store/templates.js';
import type { AppDeps } from '../app-deps.js';
import type { ServerConfig } from '../config.js';
import type { RateLimiters } from '../http/rate-limit.js';
import type { SseRegistry } from '../http/sse.js';

export interface Routes {
  /** Top-level paths. */
  app: Router;
  /** Paths under `/api/i/:token`; `access(res)` holds the interview and role. */
  interview: Router;
}

export interface RouteContext {
  config: ServerConfig;
  /** What buildApp was given, and the interviews' lifecycle and the templates on its store. */
  deps: AppDeps & { lifecycle: InterviewLifecycle; templates: Templates };
  /** The admin routes' rate limit and token check, in that order (one limiter for all of them). */
  adminOnly: RequestHandler[];
  sse: SseRegistry;
  /** Rate limiters whose counters are in Redis (shared by every server process). */
  limits: RateLimiters;
}
