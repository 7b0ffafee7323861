// Service settings (server and queue worker) from GRADER_* environment variables, parsed once
// with zod; they extend the sandbox settings so one parse configures a whole process.
import { z } from 'zod';
import { ConfigError, SandboxConfigSchema } from '../worker/config.js';

const KiB = 1024;
const int = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const nonNegInt = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

export const ServiceConfigSchema = SandboxConfigSchema.extend({
  /** TCP port the API listens on (0: any free port). */
  GRADER_PORT: nonNegInt(8080).pipe(z.number().max(65_535)),
  /** Interface the API binds; loopback unless a proxy or compose publishes it. */
  GRADER_HOST: z.string().min(1).default('127.0.0.1'),
  /** Redis holding submissions, interviews and the queue; `redis://host:port/db`. */
  GRADER_REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').default('redis://127.0.0.1:6379'),
  /** Bearer token that creates interviews and opens /admin/queues; at least 24 characters. */
  GRADER_ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** Base URL the candidate and interviewer links start with (default: http://HOST:PORT). */
  GRADER_PUBLIC_URL: z.url().optional(),
  /** Grades one worker process runs at once (each is one Spark sandbox). */
  GRADER_WORKER_CONCURRENCY: int(2),
  /** BullMQ queue name; also scopes the reaper (a worker only reaps its own queue's sandboxes). */
  GRADER_QUEUE_NAME: z.string().regex(/^[A-Za-z0-9_-]+$/).default('grade'),
  /** Prefix of the service's own Redis keys (BullMQ keeps its `bull:` prefix). */
  GRADER_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('grader'),
  /** Largest solution accepted, in bytes (UTF-8). */
  GRADER_MAX_CODE_BYTES: int(64 * KiB),
  /** Largest JSON request body, in bytes (code is JSON-escaped, so well above the code limit). */
  GRADER_BODY_LIMIT_BYTES: int(512 * KiB),
  /** Runs plus submits one token may post per minute. */
  GRADER_SUBMISSIONS_PER_MINUTE: int(20),
  /** Requests of any kind one token (or, for admin routes, one address) may make per minute. */
  GRADER_REQUESTS_PER_MINUTE: int(600),
  /** Tries per grade when the grader itself fails (Docker hiccup); 1 means no retry. */
  GRADER_JOB_ATTEMPTS: int(3),
  /** First retry delay, in milliseconds; doubles on each retry. */
  GRADER_JOB_BACKOFF_MS: int(5_000),
  /** BullMQ job lock, in milliseconds: a worker that stops renewing it for this long is considered dead. */
  GRADER_LOCK_DURATION_MS: int(30_000),
  /** How often workers look for stalled jobs (lock expired), in milliseconds. */
  GRADER_STALLED_INTERVAL_MS: int(15_000),
  /** Times a job may stall (its worker died) and be restarted before it fails as system_error. */
  GRADER_MAX_STALLED_COUNT: int(2),
  /** A worker's liveness key lives this long without a refresh, in milliseconds; the reaper treats owners without one as dead. */
  GRADER_WORKER_HEARTBEAT_TTL_MS: int(15_000),
  /** How often a worker re-enqueues accepted submissions that have no job and reaps dead workers' sandboxes, in milliseconds. */
  GRADER_SWEEP_INTERVAL_MS: int(30_000),
  /** Time SIGTERM gives running grades to finish before their sandboxes are killed, in milliseconds. */
  GRADER_SHUTDOWN_TIMEOUT_MS: int(60_000),
  /** Edit events kept per interview for playback. */
  GRADER_MAX_DRAFT_EVENTS: int(20_000),
  /** pino log level. */
  GRADER_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type ServiceConfig = z.infer<typeof ServiceConfigSchema>;

/** Parses the GRADER_* variables, failing with every bad variable named. */
export function parseServiceConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const result = ServiceConfigSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(`invalid configuration: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}

/** The admin token, which the server cannot run without. */
export function requireAdminToken(config: ServiceConfig): string {
  if (!config.GRADER_ADMIN_TOKEN) throw new ConfigError('GRADER_ADMIN_TOKEN is not set: set it to a secret of at least 24 characters (e.g. `openssl rand -hex 24`)');
  return config.GRADER_ADMIN_TOKEN;
}

export function publicUrl(config: ServiceConfig): string {
  return (config.GRADER_PUBLIC_URL ?? `http://${config.GRADER_HOST}:${config.GRADER_PORT}`).replace(/\/+$/, '');
}
