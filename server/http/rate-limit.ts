// Rate limits: a fixed one-minute window per key (a client address, a token), answered with the
// API's 429 naming the limit. Counters live in Redis (one Lua step per hit), so a limit holds
// across every server process behind one proxy, not per process; a full Redis counts nothing.
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { isRedisFull } from '../../store/redis.js';
import { HttpError } from './http-error.js';

const WINDOW_MS = 60_000;

// Counts a hit and starts the key's window on its first hit; a key somehow left without an
// expiry gets one, so no counter outlives its window.
const HIT = `local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {hits, ttl}`;

/** express-rate-limit's store on the service's Redis: keys `<prefix>:ratelimit:<limiter>:<key>`. */
export class RedisRateStore implements Store {
  private windowMs = WINDOW_MS;
  readonly localKeys = false;

  constructor(
    private readonly redis: Redis,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    try {
      const [hits, ttl] = (await this.redis.eval(HIT, 1, this.prefix + key, String(this.windowMs))) as [number, number];
      return { totalHits: hits, resetTime: new Date(Date.now() + ttl) };
    } catch (error) {
      // A full Redis refuses the count: the request goes on uncounted, so reads keep working and
      // each write gets the store's own 503. Any other failure fails the request.
      if (isRedisFull(error)) return { totalHits: 0, resetTime: new Date(Date.now() + this.windowMs) };
      throw error;
    }
  }

  async decrement(key: string): Promise<void> {
    await this.redis.decr(this.prefix + key);
  }

  async resetKey(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}

export interface RateLimiters {
  /** At most `limit` requests per minute per `key(req, res)`; `name` keeps each limiter's counters apart. */
  perMinute(name: string, limit: number, key: (req: Request, res: Response) => string): RequestHandler;
  /** Counts one miss for `key` (an unknown token, say); true once the key has passed `limit` this minute. */
  overLimit(name: string, limit: number, key: string): Promise<boolean>;
}

export function rateLimiters(redis: Redis, keyPrefix: string): RateLimiters {
  const prefix = (name: string): string => `${keyPrefix}:ratelimit:${name}:`;
  const misses = new Map<string, RedisRateStore>();
  return {
    perMinute(name, limit, key) {
      return rateLimit({
        windowMs: WINDOW_MS,
        limit,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        keyGenerator: key,
        store: new RedisRateStore(redis, prefix(name)),
        handler: (_req, _res, next) => next(new HttpError(429, `too many requests: at most ${limit} per minute`)),
      });
    },
    async overLimit(name, limit, key) {
      let store = misses.get(name);
      if (!store) misses.set(name, (store = new RedisRateStore(redis, prefix(name))));
      return (await store.increment(key)).totalHits > limit;
    },
  };
}

/** The client's address as a limit key: behind a trusted proxy (GRADER_TRUST_PROXY) the address it forwarded; IPv6 by its /56. */
export function clientKey(req: Request): string {
  return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? '');
}
