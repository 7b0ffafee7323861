// The server's settings from GRADER_* environment variables, parsed once with zod: HTTP, tokens
// and limits of its own, plus the Redis fields it shares with the worker.
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, LogLevelSchema, nonNegativeInt, parseEnv, positiveInt } from '../core/env-config.js';
import { REPO_ROOT } from '../core/repo-root.js';
import { StoreConfigShape } from '../store/config.js';

const KiB = 1024;

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Which proxies in front of the server to believe about the client's address (X-Forwarded-For),
 * as express's `trust proxy` takes it: `false` (none: the socket's address), a number of hops,
 * or a comma-separated list of addresses, subnets (CIDR) and the names loopback, linklocal,
 * uniquelocal. `true` (believe anyone) is refused: any client could then pick its own address.
 */
const TrustProxySchema = z
  .string()
  .trim()
  .default('false')
  .transform((value, ctx): false | number | string => {
    if (value === '' || value === 'false') return false;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((e) => e.trim());
    const bad = entries.filter((e) => {
      if (PROXY_NAMES.has(e)) return false;
      const [address, bits, ...rest] = e.split('/');
      const family = isIP(address ?? '');
      if (family === 0 || rest.length > 0) return true;
      return bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
    });
    if (value === 'true' || bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `${value === 'true' ? '"true" would believe any client about its address' : `not an address, subnet or name: ${bad.join(', ')}`}; use false, a number of proxy hops, or a comma-separated list of proxy addresses, CIDR subnets, loopback, linklocal, uniquelocal`,
      });
      return z.NEVER;
    }
    return entries.join(',');
  });

export const ServerConfigSchema = z.object({
  ...StoreConfigShape,
  /** TCP port the API listens on (0: any free port). */
  GRADER_PORT: nonNegativeInt(8080).pipe(z.number().max(65_535)),
  /** Interface the API binds; loopback unless a proxy or compose publishes it. */
  GRADER_HOST: z.string().min(1).default('127.0.0.1'),
  /** Bearer token that creates interviews and opens /admin/queues; at least 24 characters. */
  GRADER_ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** Bearer token that reads /metrics and the workers' pools in /readyz; at least 24 characters. Unset: /metrics is off. */
  GRADER_METRICS_TOKEN: z
    .union([z.literal('').transform(() => undefined), z.string().min(24, 'must be at least 24 characters')])
    .optional(),
  /** Base URL the candidate and interviewer links start with (default: http://HOST:PORT). */
  GRADER_PUBLIC_URL: z.url().optional(),
  /** Folder of challenges (the same folder the workers grade from). */
  GRADER_CHALLENGES_DIR: z.string().default(path.join(REPO_ROOT, 'challenges')),
  /** Largest solution accepted, in bytes (UTF-8). */
  GRADER_MAX_CODE_BYTES: positiveInt(64 * KiB),
  /** Largest JSON request body, in bytes (code is JSON-escaped, so well above the code limit). */
  GRADER_BODY_LIMIT_BYTES: positiveInt(512 * KiB),
  /** Runs plus submits one token may post per minute. */
  GRADER_SUBMISSIONS_PER_MINUTE: positiveInt(20),
  /** Requests of any kind one token (or, for admin routes, one address) may make per minute. */
  GRADER_REQUESTS_PER_MINUTE: positiveInt(600),
  /** Requests with a link that opens nothing one client address may make per minute; past it, 429. */
  GRADER_UNKNOWN_TOKENS_PER_MINUTE: positiveInt(30),
  /** Proxies whose X-Forwarded-For names the client (limits and logs): `false`, hops, or addresses/subnets. */
  GRADER_TRUST_PROXY: TrustProxySchema,
  /** Live event streams (SSE) one link may hold open at once, across every server process. */
  GRADER_MAX_STREAMS_PER_TOKEN: positiveInt(8),
  /** How often the server looks for timed interviews past their deadline (to end them), in milliseconds. */
  GRADER_DEADLINE_CHECK_MS: positiveInt(2_000),
  /** How long the interviewer link the dashboard opens works, in milliseconds. */
  GRADER_DASHBOARD_LINK_TTL_MS: positiveInt(12 * 3600_000),
  /** Edit events recorded per interview for playback; past it the code is saved, the edits are not. */
  GRADER_MAX_DRAFT_EVENTS: positiveInt(20_000),
  /** Bytes of edit events (as stored, JSON) recorded per interview for playback; past it the same. */
  GRADER_MAX_DRAFT_EVENT_BYTES: positiveInt(16 * KiB * KiB),
  /** pino log level. */
  GRADER_LOG_LEVEL: LogLevelSchema,
});
export type ServerConfig = z.infer<typeof ServerConfigSchema>;

/** Parses the GRADER_* variables, failing with every bad variable named. */
export function parseServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return parseEnv(ServerConfigSchema, env);
}

/** The admin token, which the server cannot run without. */
export function requireAdminToken(config: ServerConfig): string {
  if (!config.GRADER_ADMIN_TOKEN)
    throw new ConfigError('GRADER_ADMIN_TOKEN is not set: set it to a secret of at least 24 characters (e.g. `openssl rand -hex 24`)');
  return config.GRADER_ADMIN_TOKEN;
}

export function publicUrl(config: ServerConfig): string {
  return (config.GRADER_PUBLIC_URL ?? `http://${config.GRADER_HOST}:${config.GRADER_PORT}`).replace(/\/+$/, '');
}
