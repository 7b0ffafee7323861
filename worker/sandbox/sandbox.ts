// One sandbox container from create to remove: hardened create (labels with its owner and
// deadline), attach, start, Spark up and warm (`ready`), then one step at a time driven through
// the protocol machine, and `destroy()` on every path. The Docker calls sit here; every decision
// about frames and clocks is the machine's. Every path (pool, CLI, check, tests) uses this runner.
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import type { ReadyFrame } from '../../core/run-report.js';
import type { SandboxCommand } from '../../core/sandbox-command.js';
import { GraderFault } from '../errors.js';
import { CappedBuffer } from './capped-buffer.js';
import { containerOptions, DEADLINE_LABEL, RUNNING_CPU_SHARES, type HarnessOptions, type SandboxLimits } from './container-options.js';
import { DEFAULT_MAX_DEPTH, FrameReader } from './frame-reader.js';
import { ProtocolMachine, type Outcome, type Step, type Stop } from './protocol-machine.js';

export interface SandboxSpec {
  image: string;
  limits: SandboxLimits;
  /** Extra labels (owner, role, queue, job), added to the sandbox and deadline labels. */
  labels: Record<string, string>;
  /** When the container must be gone, in milliseconds since the epoch (its deadline label). */
  deadlineAt: number;
  startupTimeoutMs: number;
  /** Longest frame, in bytes (GRADER_MAX_FRAME_BYTES). */
  maxFrameBytes: number;
  /** Most bytes of the report stream over the sandbox's life (GRADER_MAX_REPORT_BYTES). */
  maxReportBytes: number;
  /** Bytes of stderr kept for the interviewer (GRADER_MAX_STDERR_BYTES). */
  maxStderrBytes: number;
  /** Bytes of stderr after which the sandbox is stopped (GRADER_STDERR_LIMIT_BYTES). */
  stderrLimitBytes: number;
  /** How the harness starts Spark (default: from the class-data archive, with the warm-up). */
  harness?: HarnessOptions;
}

/** How the container ended, as Docker tells it after the exit. */
export interface SandboxExit {
  oomKilled: boolean;
  exitCode: number | null;
}

/** How long Docker may take to do what it is asked (create, kill, wait, remove) before it is a fault. */
export const DOCKER_OP_TIMEOUT_MS = 60_000;

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new GraderFault(`docker did not ${what} within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const notFound = (error: unknown): boolean => (error as { statusCode?: number }).statusCode === 404;

export class Sandbox {
  readonly createdAt = Date.now();
  /** Container create until `ready`, in milliseconds (the worker's clock). */
  startupMs = 0;
  ready: ReadyFrame | null = null;
  private readonly machine: ProtocolMachine;
  private readonly stderrBuffer: CappedBuffer;
  private readonly reader: FrameReader;
  private stream!: NodeJS.ReadWriteStream;
  private timer: NodeJS.Timeout | undefined;
  private waiting: ((outcome: Outcome) => void) | null = null;
  private readyWaiter: { resolve: () => void; reject: (error: Error) => void } | null = null;
  private killed = false;
  private exitInfo: Promise<SandboxExit> | null = null;
  private destroyed: Promise<SandboxExit> | null = null;
  private memoryWatch: { stop: () => void } | null = null;
  /** Peak memory sampled while steps ran, in bytes (informational). */
  peakMemoryBytes: number | null = null;
  /** Called once if the container stops by itself or breaks the protocol while no step runs (a pool member that died). */
  onIdleStop: ((stop: Stop) => void) | null = null;
  /** Called once when `destroy()` is first called: the job that held this sandbox is over (the pool refills then). */
  onRetire: (() => void) | null = null;

  private constructor(
    readonly container: Docker.Container,
    public spec: SandboxSpec,
  ) {
    this.machine = new ProtocolMachine(performance.now(), spec.startupTimeoutMs);
    this.stderrBuffer = new CappedBuffer(spec.maxStderrBytes);
    this.reader = new FrameReader(
      { maxFrameBytes: spec.maxFrameBytes, maxTotalBytes: spec.maxReportBytes, maxDepth: DEFAULT_MAX_DEPTH },
      (event) => this.settle(this.machine.receive(event)),
    );
  }

  get id(): string {
    return this.container.id;
  }

  /** The stop that ended the protocol, if it has ended. */
  get stop(): Stop | null {
    return this.machine.stopped;
  }

  /** True from the candidate's first command on. */
  get candidateRan(): boolean {
    return this.machine.candidateRan;
  }

  /** Ready, nothing running, nothing wrong: a member the pool may hand out. */
  get usable(): boolean {
    return this.ready !== null && this.machine.idle && !this.machine.candidateRan && !this.killed;
  }

  stderr(): string {
    return this.stderrBuffer.text();
  }

  /**
   * Creates and starts a sandbox and waits for Spark to be up and warm. Throws a GraderFault
   * (the container already removed) when it cannot: nothing of a candidate has run yet.
   */
  static async start(docker: Docker, spec: SandboxSpec): Promise<Sandbox> {
    const labels = { ...spec.labels, [DEADLINE_LABEL]: String(spec.deadlineAt) };
    let container: Docker.Container;
    try {
      container = await withTimeout(
        docker.createContainer(containerOptions(spec.image, spec.limits, labels, spec.harness)),
        DOCKER_OP_TIMEOUT_MS,
        'create a container',
      );
    } catch (error) {
      if (error instanceof GraderFault) throw error;
      throw new GraderFault(`could not create a sandbox container from ${spec.image}: ${(error as Error).message}`, { cause: error });
    }
    const sandbox = new Sandbox(container, spec);
    try {
      await sandbox.boot();
      await withTimeout(container.update({ CpuShares: RUNNING_CPU_SHARES }), DOCKER_OP_TIMEOUT_MS, "raise a ready container's CPU weight");
      return sandbox;
    } catch (error) {
      await sandbox
        .destroy()
        .catch((e: unknown) =>
          console.error(
            `sandbox ${container.id.slice(0, 12)}: removal after a failed start failed (the reaper will retry): ${(e as Error).message}`,
          ),
        );
      throw error instanceof GraderFault
        ? error
        : new GraderFault(`could not start a sandbox: ${(error as Error).message}`, { cause: error });
    }
  }

  private async boot(): Promise<void> {
    const createdAt = performance.now();
    this.stream = (await withTimeout(
      this.container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true }),
      DOCKER_OP_TIMEOUT_MS,
      'attach to a container',
    )) as unknown as NodeJS.ReadWriteStream;
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    this.container.modem.demuxStream(this.stream, stdout, stderr);
    stdout.on('data', (chunk: Buffer) => this.reader.push(chunk, performance.now()));
    stderr.on('data', (chunk: Buffer) => {
      this.stderrBuffer.push(chunk);
      if (this.stderrBuffer.totalBytes > this.spec.stderrLimitBytes) {
        this.settle(
          this.machine.overflow(
            performance.now(),
            `the sandbox wrote more than ${this.spec.stderrLimitBytes} bytes to stderr (GRADER_STDERR_LIMIT_BYTES)`,
          ),
        );
      }
    });
    this.stream.on('error', () => undefined); // the container going away ends the stream; exit is handled below
    // 'next-exit': the default condition answers at once for a container that has not started yet.
    const exited = this.container.wait({ condition: 'next-exit' }) as Promise<{ StatusCode?: number }>;
    this.exitInfo = exited.then(async (result) => {
      await new Promise((r) => setImmediate(r)); // let the last stream chunks drain
      const inspect = await withTimeout(this.container.inspect(), DOCKER_OP_TIMEOUT_MS, 'inspect a container').catch(() => null);
      return {
        oomKilled: inspect?.State.OOMKilled === true,
        exitCode: typeof result.StatusCode === 'number' ? result.StatusCode : (inspect?.State.ExitCode ?? null),
      };
    });
    void this.exitInfo.then(
      (exit) => {
        clearTimeout(this.timer);
        if (this.killed) return;
        const detail = exit.oomKilled
          ? 'the sandbox ran out of memory'
          : `the sandbox process exited with code ${exit.exitCode ?? 'unknown'} before finishing`;
        this.settle(this.machine.exited(performance.now(), detail));
      },
      (error: unknown) => this.settle(this.machine.exited(performance.now(), `docker lost the container: ${(error as Error).message}`)),
    );

    const ready = new Promise<void>((resolve, reject) => {
      this.readyWaiter = { resolve, reject };
    });
    await withTimeout(this.container.start(), DOCKER_OP_TIMEOUT_MS, 'start a container');
    this.arm();
    await ready;
    this.startupMs = performance.now() - createdAt;
  }

  /**
   * Sets the container's memory limit (memory = memory+swap) for the job it is about to take: a
   * pool member is started at the pool's size and fitted to the challenge's limit here.
   */
  async limitMemory(bytes: number): Promise<void> {
    if (bytes === this.spec.limits.memoryBytes) return;
    await withTimeout(
      this.container.update({ Memory: bytes, MemorySwap: bytes }),
      DOCKER_OP_TIMEOUT_MS,
      "update a container's memory limit",
    ).catch((error: unknown) => {
      throw error instanceof GraderFault
        ? error
        : new GraderFault(`could not set the sandbox's memory limit to ${bytes} bytes: ${(error as Error).message}`, { cause: error });
    });
    this.spec = { ...this.spec, limits: { ...this.spec.limits, memoryBytes: bytes } };
  }

  /** Sends one command (its step begun on the machine first) and waits for what ends that step. */
  run(step: Step, command: SandboxCommand, payload: Buffer = Buffer.alloc(0)): Promise<Outcome> {
    const stopped = this.machine.stopped;
    if (stopped) return Promise.resolve({ type: 'stopped', stop: stopped });
    if (command.payloadBytes !== payload.length)
      throw new Error(`command ${command.type} ${command.id} declares ${command.payloadBytes} payload bytes, has ${payload.length}`);
    if (!this.memoryWatch)
      this.memoryWatch = watchMemory(this.container, (bytes) => {
        this.peakMemoryBytes = Math.max(this.peakMemoryBytes ?? 0, bytes);
      });
    const outcome = new Promise<Outcome>((resolve) => {
      this.waiting = resolve;
    });
    // The clock starts before the first byte of the inputs leaves: a case's inputs are delivered on its clock.
    this.machine.begin(step, performance.now());
    this.arm();
    this.stream.write(`${JSON.stringify(command)}\n`);
    if (payload.length > 0) this.stream.write(payload);
    return outcome;
  }

  private arm(): void {
    clearTimeout(this.timer);
    const deadline = this.machine.deadline();
    if (deadline === null) return;
    this.timer = setTimeout(() => this.settle(this.machine.expire(performance.now())), Math.max(0, deadline - performance.now()) + 1);
  }

  private settle(outcome: Outcome | null): void {
    if (!outcome) {
      this.arm();
      return;
    }
    if (outcome.type === 'ready') {
      this.ready = outcome.frame;
      this.arm();
      this.readyWaiter?.resolve();
      this.readyWaiter = null;
      return;
    }
    if (outcome.type === 'stopped') {
      clearTimeout(this.timer);
      // A stop is final: the container is killed at once (an exit by itself is already over).
      if (outcome.stop.reason !== 'exited') this.kill();
      if (this.readyWaiter) {
        this.readyWaiter.reject(new GraderFault(`${outcome.stop.detail}${this.stderrTail()}`));
        this.readyWaiter = null;
        return;
      }
      if (!this.waiting) this.onIdleStop?.(outcome.stop);
    } else {
      this.arm();
    }
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(outcome);
  }

  private stderrTail(): string {
    return this.stderrBuffer.totalBytes > 0 ? `\nsandbox stderr (tail):\n${this.stderrBuffer.text().slice(-2000)}` : '';
  }

  private kill(): void {
    if (this.killed) return;
    this.killed = true;
    this.container.kill({ signal: 'SIGKILL' }).catch((error: unknown) => {
      if (!notFound(error) && (error as { statusCode?: number }).statusCode !== 409) {
        console.error(`sandbox ${this.id.slice(0, 12)}: kill failed (removal follows): ${(error as Error).message}`);
      }
    });
  }

  /** Kills (if running) and removes the container; how it ended. Safe to call more than once. */
  destroy(): Promise<SandboxExit> {
    this.destroyed ??= (async () => {
      const retired = this.onRetire;
      this.onRetire = null;
      retired?.();
      clearTimeout(this.timer);
      this.memoryWatch?.stop();
      this.kill();
      const exit = this.exitInfo
        ? await withTimeout(this.exitInfo, DOCKER_OP_TIMEOUT_MS, 'report the sandbox stopped').catch(() => ({
            oomKilled: false,
            exitCode: null,
          }))
        : { oomKilled: false, exitCode: null };
      this.stream?.end();
      // `v` drops anonymous volumes too; 404: removed meanwhile (a reaper).
      await withTimeout(this.container.remove({ force: true, v: true }), DOCKER_OP_TIMEOUT_MS, 'remove a container').catch(
        (error: unknown) => {
          if (!notFound(error)) throw error;
        },
      );
      return exit;
    })();
    return this.destroyed;
  }
}

/** Follows the container's memory use (cgroup usage samples) until stopped. */
function watchMemory(container: Docker.Container, onSample: (bytes: number) => void): { stop: () => void } {
  let statsStream: (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
  let stopped = false;
  container.stats({ stream: true }).then(
    (s) => {
      statsStream = s as typeof statsStream;
      if (stopped) statsStream?.destroy?.();
      let buffered = '';
      statsStream!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        let newline: number;
        while ((newline = buffered.indexOf('\n')) !== -1) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          try {
            const bytes = (JSON.parse(line) as { memory_stats?: { usage?: number } }).memory_stats?.usage;
            if (typeof bytes === 'number' && bytes > 0) onSample(bytes);
          } catch {
            // a partial or odd stats line: the peak is an insight, not a verdict
          }
        }
      });
      statsStream!.on('error', () => undefined); // the container went away: sampling is over
    },
    () => undefined,
  ); // no stats for a container already gone: the peak stays unknown
  return {
    stop: () => {
      stopped = true;
      statsStream?.destroy?.();
    },
  };
}
