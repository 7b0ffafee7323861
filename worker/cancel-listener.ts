// Hears the candidate's "stop this Run" on the store's cancel channel and aborts the grade of it
// that this worker is running (each grade registers its submission id while it runs).
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

export class CancelListener {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly subscriber: Redis,
    private readonly channel: string,
    logger: Logger,
  ) {
    subscriber.on('message', (channel: string, submissionId: string) => {
      if (channel !== this.channel) return;
      const controller = this.running.get(submissionId);
      if (!controller) return;
      logger.info({ submissionId }, 'the candidate stopped this Run: its sandbox is being removed');
      controller.abort();
    });
  }

  async start(): Promise<void> {
    await this.subscriber.subscribe(this.channel);
  }

  /** The signal a grade of `submissionId` stops on; `done()` once the grade is over. */
  register(submissionId: string): { signal: AbortSignal; done(): void } {
    const controller = new AbortController();
    this.running.set(submissionId, controller);
    return {
      signal: controller.signal,
      done: () => {
        if (this.running.get(submissionId) === controller) this.running.delete(submissionId);
      },
    };
  }

  close(): void {
    this.subscriber.disconnect();
  }
}
