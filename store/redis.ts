// Redis connections and the persistence check. Redis is the store of record, so it must keep
// every acknowledged write (AOF, appendfsync always) and never evict a key (noeviction).
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** `blocking`: for BullMQ workers, whose blocking commands must not time out (maxRetriesPerRequest null). */
export function connectRedis(url: string, name: string, options: { blocking?: boolean } = {}): Redis {
  return new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: options.blocking ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
  });
}

const REQUIRED: Record<string, string> = { appendonly: 'yes', appendfsync: 'always', 'maxmemory-policy': 'noeviction' };

/** Checks AOF and eviction settings and sets what is missing; warns when it may not (managed Redis). */
export async function ensurePersistence(redis: Redis, logger: Logger): Promise<void> {
  for (const [name, wanted] of Object.entries(REQUIRED)) {
    let actual: string | undefined;
    try {
      const reply = (await redis.call('CONFIG', 'GET', name)) as string[];
      actual = reply[1];
    } catch (error) {
      if (/^NOPERM\b/.test((error as Error).message)) {
        // A locked-down Redis (npm start's, compose's) denies CONFIG to the app: its own configuration sets these.
        logger.info(
          `redis denies CONFIG to this user; make sure its configuration has ${Object.entries(REQUIRED)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
        );
        return;
      }
      logger.warn({ err: error, setting: name }, `cannot read redis ${name}; make sure it is ${wanted}`);
      continue;
    }
    if (actual === wanted) continue;
    try {
      await redis.call('CONFIG', 'SET', name, wanted);
      logger.warn(
        { setting: name, was: actual, now: wanted },
        `redis ${name} was ${actual}; set it to ${wanted} (put it in redis.conf to keep it across restarts)`,
      );
    } catch (error) {
      logger.warn({ err: error, setting: name, actual }, `redis ${name} is ${actual}, should be ${wanted}: submissions may be lost`);
    }
  }
}

/**
 * Redis refused a write because it is at `maxmemory` (noeviction): a command's `OOM` reply, or a
 * MULTI aborted for one (nothing of the transaction was written).
 */
export function isRedisFull(error: unknown): boolean {
  const oom = (e: unknown): boolean => e instanceof Error && /^OOM\b/.test(e.message);
  return oom(error) || ((error as { previousErrors?: unknown[] } | null)?.previousErrors ?? []).some(oom);
}

/** MULTI answers errors per command instead of throwing: surface the first one. */
export function execOk(results: [Error | null, unknown][] | null): void {
  if (!results) throw new Error('redis transaction was aborted');
  const failed = results.find(([error]) => error);
  if (failed) throw new Error(`redis transaction failed: ${failed[0]!.message}`, { cause: failed[0] });
}
