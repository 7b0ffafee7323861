// Server-Sent Events: one stream per client, a comment every 15 s so proxies keep it open,
// at most a set number open at once per link (GRADER_MAX_STREAMS_PER_TOKEN, per server process),
// and a registry so shutdown can end every stream (they would otherwise hold the server open).
import type { Request, Response } from 'express';
import { HttpError } from './http-error.js';

const KEEPALIVE_MS = 15_000;

export interface SseStream {
  send(event: string, data: unknown): void;
  end(): void;
  readonly closed: boolean;
}

export class SseRegistry {
  private streams = new Set<SseStream>();
  private readonly openPerKey = new Map<string, number>();

  /** `maxPerKey`: streams one key (a link's token hash) may hold open at once. */
  constructor(private readonly maxPerKey: number) {}

  /** Opens a stream counted against `key`; a 429 (nothing sent yet) when the key holds its most. */
  open(req: Request, res: Response, key: string, onClose: () => void): SseStream {
    const held = this.openPerKey.get(key) ?? 0;
    if (held >= this.maxPerKey)
      throw new HttpError(
        429,
        `too many live streams open for this link: at most ${this.maxPerKey} at once (GRADER_MAX_STREAMS_PER_TOKEN)`,
      );
    this.openPerKey.set(key, held + 1);
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    let closed = false;
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    const close = (): void => {
      if (closed) return;
      closed = true;
      clearInterval(keepalive);
      this.streams.delete(stream);
      const left = (this.openPerKey.get(key) ?? 1) - 1;
      if (left > 0) this.openPerKey.set(key, left);
      else this.openPerKey.delete(key);
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
    return stream;
  }

  endAll(): void {
    for (const s of [...this.streams]) s.end();
  }
}
