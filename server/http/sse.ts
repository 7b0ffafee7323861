// Server-Sent Events: one stream per client, a comment every 15 s so proxies keep it open,
// and a registry so shutdown can end every stream (they would otherwise hold the server open).
import type { Request, Response } from 'express';

const KEEPALIVE_MS = 15_000;

export interface SseStream {
  send(event: string, data: unknown): void;
  end(): void;
  readonly closed: boolean;
}

export class SseRegistry {
  private streams = new Set<SseStream>();

  open(req: Request, res: Response, onClose: () => void): SseStream {
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
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
