// A pool of pre-started, single-use sandboxes for one image and one set of limits: each member
// is created with the hardened options, has Spark up and the warm-up workload run before it
// counts as ready, takes exactly one job and is then destroyed by its taker. The pool refills in
// the background, replaces a member that waited too long or died while waiting, and hands the
// next ready member to the waiter with the best priority (a Run before any Submit). A refill
// need not compete with a running grade: with `deferRefill` (the service), while a member is
// still ready and nobody waits, it starts when a handed-out member's job ends; with none ready,
// at once. Size 0 is a pool that keeps nothing ready: every acquire starts its own member (the CLI).
import type Docker from 'dockerode';
import type { PoolState } from '../../core/pool-state.js';
import { Sandbox, type SandboxSpec } from './sandbox.js';

export interface PoolOptions {
  docker: Docker;
  /** Members kept ready or warming (GRADER_POOL_SIZE); 0 starts one per acquire. */
  size: number;
  /** A ready member unused this long is replaced, in milliseconds (GRADER_POOL_MAX_IDLE_MS). */
  maxIdleMs: number;
  /** The longest job a pool member takes, in milliseconds (GRADER_SANDBOX_MAX_JOB_MS); a longer one gets its own sandbox. */
  maxJobMs: number;
  /** Members warming at once: starting Spark is CPU-heavy, so a few at a time. */
  maxStarting: number;
  /**
   * While a member is still ready and nobody waits, start a refill only when a running grade
   * ends (an interview service: the grade a candidate waits for keeps the CPU). False: refill at
   * once (a batch such as the challenge check, where the next grade is always waiting).
   */
  deferRefill: boolean;
  /** The sandbox to start, given its deadline (milliseconds since the epoch). */
  spec: (deadlineAt: number) => SandboxSpec;
  /** Starts a sandbox (the real one; tests may inject a failure). */
  start?: (spec: SandboxSpec) => Promise<Sandbox>;
  log?: (message: string) => void;
}

interface Waiter {
  priority: number;
  seq: number;
  budgetMs: number;
  resolve: (sandbox: Sandbox) => void;
  reject: (error: Error) => void;
}

/** Time added to a sandbox's deadline beyond its job budget, for start-up of the job and removal. */
const DEADLINE_MARGIN_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;

export class SandboxPool {
  private readonly ready: { sandbox: Sandbox; timer: NodeJS.Timeout }[] = [];
  private readonly removals = new Set<Promise<void>>();
  private warming = 0;
  /** Members handed out whose job has not ended yet. */
  private inUse = 0;
  private readonly waiters: Waiter[] = [];
  private seq = 0;
  private closed = false;
  private backoffMs = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private counters = { handedOut: 0, replacedIdle: 0, failedStarts: 0 };
  private readonly startupTimeoutMs: number;

  constructor(private readonly options: PoolOptions) {
    this.startupTimeoutMs = options.spec(0).startupTimeoutMs;
  }

  /** Begins filling the pool up to its size. */
  start(): void {
    this.refill();
  }

  state(): PoolState {
    return {
      target: this.options.size,
      ready: this.ready.length,
      warming: this.warming,
      inUse: this.inUse,
      waiting: this.waiters.length,
      ...this.counters,
    };
  }

  /**
   * A ready sandbox for one job whose whole run fits in `budgetMs`; lower `priority` is served
   * first. The caller must destroy it. Rejects with the start's error when none can be started.
   */
  acquire(request: { priority: number; budgetMs: number }): Promise<Sandbox> {
    if (this.closed) return Promise.reject(new Error('the sandbox pool is closed'));
    if (request.budgetMs > this.options.maxJobMs || this.options.size === 0) {
      // Its own sandbox, with a deadline fitted to this job.
      return this.startOne(Date.now() + this.startupTimeoutMs + request.budgetMs + DEADLINE_MARGIN_MS).then((sandbox) => {
        this.counters.handedOut += 1;
        return sandbox;
      });
    }
    const now = Date.now();
    const index = this.ready.findIndex((m) => m.sandbox.spec.deadlineAt - now >= request.budgetMs + DEADLINE_MARGIN_MS && m.sandbox.usable);
    if (index >= 0) {
      const [member] = this.ready.splice(index, 1);
      clearTimeout(member!.timer);
      this.handOut(member!.sandbox);
      this.refill();
      return Promise.resolve(member!.sandbox);
    }
    return new Promise<Sandbox>((resolve, reject) => {
      this.waiters.push({ ...request, seq: this.seq++, resolve, reject });
      this.waiters.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
      this.refill();
    });
  }

  /**
   * Removes a member whose job is over without making the caller wait for Docker: `settled()`
   * and `close()` wait for it. A failed removal is logged; the owner guard and the reaper retry.
   */
  release(sandbox: Sandbox): void {
    const removal: Promise<void> = sandbox
      .destroy()
      .then(
        () => undefined,
        (error: unknown) => this.log(`removing member ${sandbox.id.slice(0, 12)} after its job failed: ${(error as Error).message}`),
      )
      .finally(() => this.removals.delete(removal));
    this.removals.add(removal);
  }

  /** Resolves once every removal started by `release` has finished. */
  async settled(): Promise<void> {
    await Promise.all([...this.removals]);
  }

  /** Stops refilling, fails the waiters, destroys every member not handed out, waits for released ones. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('the sandbox pool is closed'));
    await Promise.all(
      this.ready.splice(0).map(async ({ sandbox, timer }) => {
        clearTimeout(timer);
        await sandbox.destroy().catch((error: unknown) => this.log(`removing a ready member on close failed: ${(error as Error).message}`));
      }),
    );
    await this.settled();
  }

  private log(message: string): void {
    (this.options.log ?? console.error)(`sandbox pool: ${message}`);
  }

  private startOne(deadlineAt: number): Promise<Sandbox> {
    const spec = this.options.spec(deadlineAt);
    return this.options.start ? this.options.start(spec) : Sandbox.start(this.options.docker, spec);
  }

  /** Counts a member as in use until its taker destroys it; its end is when a deferred refill starts. */
  private handOut(sandbox: Sandbox): void {
    sandbox.onIdleStop = null;
    this.counters.handedOut += 1;
    this.inUse += 1;
    sandbox.onRetire = () => {
      this.inUse -= 1;
      this.refill();
    };
  }

  private refill(): void {
    if (this.closed || this.retryTimer) return;
    // Starting Spark takes a core for seconds: while a job runs and a member is still ready for
    // the next one, the refill waits for the job to end rather than slow it down.
    if (this.options.deferRefill && this.inUse > 0 && this.ready.length > 0 && this.waiters.length === 0) return;
    const wanted = Math.max(this.options.size, this.waiters.length);
    while (this.ready.length + this.warming < wanted && this.warming < this.options.maxStarting) {
      this.warming += 1;
      const deadlineAt = Date.now() + this.startupTimeoutMs + this.options.maxIdleMs + this.options.maxJobMs + DEADLINE_MARGIN_MS;
      this.startOne(deadlineAt).then(
        (sandbox) => {
          this.warming -= 1;
          this.backoffMs = 0;
          this.add(sandbox);
          this.refill();
        },
        (error: unknown) => {
          this.warming -= 1;
          this.counters.failedStarts += 1;
          this.log(`a member did not start: ${(error as Error).message.split('\n')[0]}`);
          // A waiter hears of the failure (its job is retried); the pool backs off and tries again.
          this.waiters.shift()?.reject(error as Error);
          this.backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(1_000, this.backoffMs * 2));
          if (!this.closed)
            this.retryTimer = setTimeout(() => {
              this.retryTimer = undefined;
              this.refill();
            }, this.backoffMs);
        },
      );
    }
  }

  private add(sandbox: Sandbox): void {
    if (this.closed) {
      void sandbox.destroy().catch((error: unknown) => this.log(`removing a member after close failed: ${(error as Error).message}`));
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) {
      this.handOut(sandbox);
      waiter.resolve(sandbox);
      return;
    }
    const member = {
      sandbox,
      timer: setTimeout(() => {
        this.counters.replacedIdle += 1;
        this.drop(sandbox, 'waited longer than GRADER_POOL_MAX_IDLE_MS');
      }, this.options.maxIdleMs),
    };
    member.timer.unref();
    sandbox.onIdleStop = (stop) => this.drop(sandbox, `stopped while waiting: ${stop.detail}`);
    this.ready.push(member);
  }

  private drop(sandbox: Sandbox, why: string): void {
    const index = this.ready.findIndex((m) => m.sandbox === sandbox);
    if (index < 0) return;
    const [member] = this.ready.splice(index, 1);
    clearTimeout(member!.timer);
    this.log(`replacing member ${sandbox.id.slice(0, 12)}: ${why}`);
    void sandbox
      .destroy()
      .catch((error: unknown) => this.log(`removing member ${sandbox.id.slice(0, 12)} failed: ${(error as Error).message}`));
    this.refill();
  }
}
