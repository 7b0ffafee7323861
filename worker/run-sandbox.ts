// Runs one job in one throwaway sandbox container: create (hardened options) -> attach -> start
// -> wait for Spark -> send the job on stdin -> follow the report stream, enforcing the
// candidate's time limits -> read the exit state -> remove the container, on every path.
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import type { CaseReport, HarnessFrame } from '../core/run-report.js';
import type { SandboxRun, StopReason } from '../core/sandbox-run.js';
import { CappedBuffer } from './capped-buffer.js';
import { containerOptions, type SandboxLimits } from './container-options.js';
import { GraderFault } from './errors.js';
import { FrameReader } from './frame-reader.js';

export interface SandboxRequest {
  image: string;
  /** The job tar (job.json, solution.py, case inputs). */
  bundle: Buffer;
  limits: SandboxLimits;
  labels: Record<string, string>;
  /** Candidate's limit for importing the module and for each case, in milliseconds. */
  caseTimeLimitMs: number;
  startupTimeoutMs: number;
  prepareTimeoutMs: number;
  maxReportBytes: number;
  maxStderrBytes: number;
  /** Called for every valid frame as it arrives (live progress). */
  onFrame?: (frame: HarnessFrame) => void;
}

type Phase = { kind: 'starting' } | { kind: 'module' } | { kind: 'prepare'; next?: string } | { kind: 'case'; name: string } | { kind: 'finished' };

/** How long Docker may take to do what it is asked (create, kill, wait, remove) before it is a fault. */
const DOCKER_OP_TIMEOUT_MS = 60_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new GraderFault(`docker did not ${what} within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export async function runSandbox(docker: Docker, request: SandboxRequest): Promise<SandboxRun> {
  const createdAt = performance.now();
  let container: Docker.Container;
  try {
    container = await withTimeout(docker.createContainer(containerOptions(request.image, request.limits, request.labels)), DOCKER_OP_TIMEOUT_MS, 'create a container');
  } catch (error) {
    if (error instanceof GraderFault) throw error;
    throw new GraderFault(`could not create a sandbox container from ${request.image}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return await followContainer(container, request, createdAt);
  } finally {
    // Removal on every path, a failed start() included; `v` drops anonymous volumes too.
    await withTimeout(container.remove({ force: true, v: true }), DOCKER_OP_TIMEOUT_MS, 'remove a container').catch((error: unknown) => {
      if ((error as { statusCode?: number }).statusCode === 404) return;
      console.error(`sandbox ${container.id.slice(0, 12)}: removal failed (the reaper will retry): ${(error as Error).message}`);
    });
  }
}

async function followContainer(container: Docker.Container, request: SandboxRequest, createdAt: number): Promise<SandboxRun> {
  const stderr = new CappedBuffer(request.maxStderrBytes);
  const stray = new CappedBuffer(16 * 1024);
  const caseReports: CaseReport[] = [];
  let moduleStatus: SandboxRun['moduleStatus'] = 'not_reached';
  let moduleError: SandboxRun['moduleError'];
  let phase: Phase = { kind: 'starting' };
  let stopReason: StopReason | undefined;
  let stopDetail: string | undefined;
  let fault: GraderFault | undefined;
  let sparkStartupMs: number | null = null;
  let startupMs = 0;
  let jobSentAt: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let peakMemoryBytes: number | null = null;
  let killed = false;

  const kill = (): void => {
    if (killed) return;
    killed = true;
    clearTimeout(timer);
    container.kill({ signal: 'SIGKILL' }).catch(() => undefined); // already gone is fine
  };
  const stop = (reason: StopReason, detail: string): void => {
    if (stopReason || fault) return;
    stopReason = reason;
    stopDetail = detail;
    kill();
  };
  const fail = (message: string): void => {
    if (stopReason || fault) return;
    fault = new GraderFault(`${message}${stderr.totalBytes > 0 ? `\nsandbox stderr (tail):\n${stderr.text().slice(-2000)}` : ''}`);
    kill();
  };
  const arm = (ms: number, onExpiry: () => void): void => {
    clearTimeout(timer);
    timer = setTimeout(onExpiry, ms);
  };
  const armPrepare = (): void => arm(request.prepareTimeoutMs, () => fail(`the harness took longer than ${request.prepareTimeoutMs} ms to prepare a case's inputs`));

  const stream = await withTimeout(
    container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true }),
    DOCKER_OP_TIMEOUT_MS, 'attach to a container',
  ) as unknown as NodeJS.ReadWriteStream;
  const stdoutStream = new PassThrough();
  const stderrStream = new PassThrough();
  container.modem.demuxStream(stream, stdoutStream, stderrStream);
  stderrStream.on('data', (chunk: Buffer) => stderr.push(chunk));

  const reader = new FrameReader(request.maxReportBytes, (event) => {
    switch (event.kind) {
      case 'stray':
        stray.push(Buffer.from(`${event.line}\n`));
        return;
      case 'over_cap':
        stop('output_limit', `the sandbox sent more than ${request.maxReportBytes} bytes of output`);
        return;
      case 'malformed':
        if (moduleStatus === 'not_reached' && phase.kind !== 'module') fail(`the harness broke the report protocol: ${event.detail}`);
        else stop('protocol_error', `the sandbox's report was malformed after your code ran (${event.detail})`);
        return;
      case 'frame':
        onFrame(event.frame);
    }
  });
  const onFrame = (frame: HarnessFrame): void => {
    if (stopReason || fault) return;
    switch (frame.type) {
      case 'ready':
        if (phase.kind !== 'starting') return;
        sparkStartupMs = frame.sparkStartupMs;
        startupMs = performance.now() - createdAt;
        phase = { kind: 'prepare' };
        armPrepare();
        stream.write(`${request.bundle.length}\n`);
        stream.write(request.bundle);
        jobSentAt = performance.now();
        break;
      case 'module_start':
        phase = { kind: 'module' };
        arm(request.caseTimeLimitMs, () => stop('time_limit', `importing solution.py took longer than ${request.caseTimeLimitMs} ms`));
        break;
      case 'module_end':
        moduleStatus = frame.status;
        moduleError = frame.error;
        phase = { kind: 'prepare' };
        armPrepare();
        break;
      case 'case_start':
        phase = { kind: 'case', name: frame.name };
        arm(request.caseTimeLimitMs, () => stop('time_limit', `case ${frame.name} took longer than ${request.caseTimeLimitMs} ms`));
        break;
      case 'case_end':
        caseReports.push(frame.report);
        phase = { kind: 'prepare' };
        armPrepare();
        break;
      case 'done':
        clearTimeout(timer);
        phase = { kind: 'finished' };
        stopReason = 'completed';
        break;
      case 'harness_error':
        fail(`the harness failed: ${frame.message}`);
        return;
    }
    request.onFrame?.(frame);
  };
  stdoutStream.on('data', (chunk: Buffer) => reader.push(chunk));

  // 'next-exit': the default condition answers at once for a container that has not started yet.
  const exited = container.wait({ condition: 'next-exit' });
  const stats = watchMemory(container, (bytes) => { peakMemoryBytes = Math.max(peakMemoryBytes ?? 0, bytes); });
  try {
    try {
      await withTimeout(container.start(), DOCKER_OP_TIMEOUT_MS, 'start a container');
    } catch (error) {
      throw error instanceof GraderFault ? error : new GraderFault(`could not start a sandbox: ${(error as Error).message}`, { cause: error });
    }
    arm(request.startupTimeoutMs, () => fail(`Spark did not start in the sandbox within ${request.startupTimeoutMs} ms`));
    // The watchdog: the candidate's clocks above are verdicts; this one catches Docker itself hanging.
    const watchdogMs = request.startupTimeoutMs + request.prepareTimeoutMs + request.caseTimeLimitMs * 4 + 10 * 60_000;
    const result = await withTimeout(exited, watchdogMs, 'report the sandbox stopped') as { StatusCode?: number };
    const computeEnd = performance.now();
    clearTimeout(timer);
    await new Promise((resolve) => setImmediate(resolve)); // let the last stream chunks drain
    if (fault) throw fault;
    const inspect = await withTimeout(container.inspect(), DOCKER_OP_TIMEOUT_MS, 'inspect a container');
    const oomKilled = inspect.State.OOMKilled === true;
    const exitCode = typeof result.StatusCode === 'number' ? result.StatusCode : inspect.State.ExitCode;
    if (jobSentAt === undefined) {
      if (oomKilled) throw new GraderFault('the sandbox ran out of memory while starting Spark: raise its memory limit');
      throw new GraderFault(`the sandbox exited (code ${exitCode}) before Spark was ready\nsandbox stderr (tail):\n${stderr.text().slice(-2000)}`);
    }
    if (!stopReason) {
      stopReason = 'exited';
      stopDetail = oomKilled ? 'the sandbox ran out of memory' : `the sandbox process exited with code ${exitCode} before finishing`;
    }
    const lastPhase = phase as Phase; // assigned from the frame callbacks
    const straySuffix = stray.totalBytes > 0 ? `\n[output written outside print()]\n${stray.text()}` : '';
    return {
      image: request.image,
      moduleStatus,
      moduleError,
      caseReports,
      interruptedCase: lastPhase.kind === 'case' ? lastPhase.name : undefined,
      stopReason,
      stopDetail,
      oomKilled,
      exitCode,
      startupMs,
      sparkStartupMs,
      computeMs: computeEnd - jobSentAt,
      peakMemoryBytes,
      stderr: stderr.text() + straySuffix,
    };
  } finally {
    clearTimeout(timer);
    stats.stop();
    stream.end();
  }
}

/** Follows the container's memory use (cgroup max_usage where reported) until stopped. */
function watchMemory(container: Docker.Container, onSample: (bytes: number) => void): { stop: () => void } {
  let statsStream: NodeJS.ReadableStream & { destroy?: () => void } | undefined;
  let stopped = false;
  container.stats({ stream: true }).then((s) => {
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
          const memory = (JSON.parse(line) as { memory_stats?: { max_usage?: number; usage?: number } }).memory_stats;
          const bytes = memory?.max_usage ?? memory?.usage;
          if (typeof bytes === 'number' && bytes > 0) onSample(bytes);
        } catch {
          // a partial or odd stats line: the peak is an insight, not a verdict
        }
      }
    });
    statsStream!.on('error', () => undefined);
  }, () => undefined);
  return { stop: () => { stopped = true; statsStream?.destroy?.(); } };
}
