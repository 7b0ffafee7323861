// Fans Redis pub/sub out to SSE clients: one subscriber connection per server process, any
// number of listeners per channel. Server and workers may be separate processes or hosts.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

type Listener = (message: string) => void;

export class EventHub {
  private listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly subscriber: Redis,
    private readonly logger: Logger,
  ) {
    subscriber.on('message', (channel: string, message: string) => {
      for (const listener of this.listeners.get(channel) ?? []) {
        try {
          listener(message);
        } catch (error) {
          this.logger.error({ err: error, channel }, 'event listener failed');
        }
      }
    });
  }

  /** Resolves once Redis confirms the subscription, so nothing published after it is missed. */
  async subscribe(channel: string, listener: Listener): Promise<() => void> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener);
    if (set.size === 1) await this.subscriber.subscribe(channel);
    return () => {
      const current = this.listeners.get(channel);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) {
        this.listeners.delete(channel);
        this.subscriber.unsubscribe(channel).catch((error: unknown) => this.logger.warn({ err: error, channel }, 'unsubscribe failed'));
      }
    };
  }
}
