// Server-Sent Events: one stream per client, a comment every 15 s so proxies keep it open,
// at most a set number open at once per link (GRADER_MAX_STREAMS_PER_TOKEN) across every server
// process, and a registry so shutdown can end every stream (they would otherwise hold the server
// open). Each open stream holds a slot in Redis, a lease renewed with every keepalive, so the cap
// holds behind a proxy that spreads one link's streams over several servers, and a server that
// died without closing its streams gives their slots back within STREAM_LEASE_MS.
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { isRedisFull } from '../../store/redis.js';
import { HttpError } from './http-error.js';

const KEEPALIVE_MS = 15_000;
/** How long a slot outlives its last renewal: two keepalives and a margin. */
export const STREAM_LEASE_MS = 2 * KEEPALIVE_MS + 5_000;

// Slots: a sorted set per link, member = stream id, score = lease end on Redis's own clock (one
// clock for every server). Expired leases are dropped before counting.
const TAKE = `local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;
const RENEW = `local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

export interface SseStream {
  send(event: string, data: unknown): void;
  end(): void;
  readonly closed: boolean;
}

/** The per-link stream slots in Redis (keys `<prefix>:sse:<key>`). */
export class StreamSlots {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Takes a slot for stream `id` unless `key` holds `max`; a full Redis refuses nothing (counts nothing). */
  async take(key: string, id: string, max: number): Promise<boolean> {
    try {
      return (await this.redis.eval(TAKE, 1, this.slotKey(key), String(max), String(STREAM_LEASE_MS), id)) === 1;
    } catch (error) {
      if (isRedisFull(error)) return true;
      throw error;
    }
  }

  renew(key: string, id: string): void {
    this.redis.eval(RENEW, 1, this.slotKey(key), String(STREAM_LEASE_MS), id).catch(() => undefined); // an unrenewed lease just ends
  }

  free(key: string, id: string): void {
    this.redis.zrem(this.slotKey(key), id).catch(() => undefined); // its lease ends by itself
  }

  private slotKey(key: string): string {
    return `${this.prefix}:sse:${key}`;
  }
}

export class SseRegistry {
  private streams = new Set<SseStream>();

  /** `maxPerKey`: streams one key (a link's token hash) may hold open at once, across servers. */
  constructor(
    private readonly maxPerKey: number,
    private readonly slots: StreamSlots,
  ) {}

  /** Opens a stream counted against `key`; a 429 (nothing sent yet) when the key holds its most. */
  async open(req: Request, res: Response, key: string, onClose: () => void): Promise<SseStream> {
    const id = randomUUID();
    if (!(await this.slots.take(key, id, this.maxPerKey)))
      throw new HttpError(
        429,
        `too many live streams open for this link: at most ${this.maxPerKey} at once (GRADER_MAX_STREAMS_PER_TOKEN)`,
      );
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    let closed = false;
    const keepalive = setInterval(() => {
      res.write(': keepalive\n\n');
      this.slots.renew(key, id);
    }, KEEPALIVE_MS);
    const close = (): void => {
      if (closed) return;
      closed = true;
      clearInterval(keepalive);
      this.streams.delete(stream);
      this.slots.free(key, id);
      onClose();
    };
    const stream: SseStream = {
      send(event, data) {
        if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      },
      end() {
        close();
        res.end();
      },
      get closed() {
        return closed;
      },
    };
    req.on('close', close);
    this.streams.add(stream);
    // The client may have gone while the slot was being taken.
    if (req.socket.destroyed) close();
    return stream;
  }

  endAll(): void {
    for (const s of [...this.streams]) s.end();
  }
}
