// The grading service started from its parts on this machine, for the service tests and
// `npm run bench:service`: a real redis-server on a free loopback port with its own temp dir (AOF
// always), the real server in-process, real workers as child processes (so a test can kill -9
// one), and a small HTTP and SSE client.
import { isFinished, type SubmissionStatus } from '../core/verdict.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { ChallengeCatalog } from '../core/challenge-catalog.js';
import { buildApp } from '../server/app.js';
import { parseServerConfig, type ServerConfig } from '../server/config.js';
import { EventHub } from '../server/event-hub.js';
import { connectRedis } from '../store/redis.js';
import { DEFAULT_REDIS_MAXMEMORY_BYTES, newRedisPassword, redisServerConfig, redisUrl } from '../store/redis-server-config.js';
import { Store } from '../store/store.js';
import type { GradeJobData } from '../core/grade-job.js';
import { REPO_ROOT } from '../core/repo-root.js';

export const ADMIN_TOKEN = randomBytes(24).toString('hex');
export const METRICS_TOKEN = randomBytes(24).toString('hex');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return; // not up yet: asked again until the deadline
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface LocalRedis {
  url: string;
  /** SIGTERM by default; SIGKILL to prove that acknowledged writes survive a crash (appendfsync always). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * A real redis-server (Debian's binary) on a free loopback port, configured as `npm start` runs it
 * (store/redis-server-config.ts: nobody in without a password, the app user without the dangerous
 * commands, maxmemory with noeviction); fails when redis-server is missing.
 */
export async function startRedis(options: { maxmemoryBytes?: number } = {}): Promise<LocalRedis> {
  const dir = await mkdtemp(path.join(tmpdir(), 'grader-redis-'));
  const port = await freePort();
  const password = newRedisPassword();
  const url = redisUrl('127.0.0.1', port, password);
  const configFile = path.join(dir, 'redis.conf');
  await writeFile(
    configFile,
    redisServerConfig({
      port,
      dir,
      password,
      adminPassword: newRedisPassword(),
      maxmemoryBytes: options.maxmemoryBytes ?? DEFAULT_REDIS_MAXMEMORY_BYTES,
    }),
    { mode: 0o600 },
  );
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const proc = spawn('redis-server', [configFile, '--daemonize', 'no', '--loglevel', 'warning'], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const failed = new Promise<never>((_, reject) =>
      proc.once('error', (e) => reject(new Error(`the service tests need redis-server (scripts/setup.sh installs it): ${e.message}`))),
    );
    const client = connectRedis(url, 'local-service-probe');
    client.on('error', () => undefined); // refused until redis-server listens; the ping loop waits for it
    try {
      await Promise.race([failed, waitFor(`redis-server on ${port} ${stderr}`, async () => (await client.ping()) === 'PONG')]);
    } finally {
      client.disconnect();
    }
  };
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill(signal);
    await exited;
  };
  await start();
  return {
    url,
    start,
    stop,
    async destroy() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The environment a local server and worker share (the catalogue is the default unless `extra` names one). */
export function serviceEnv(redisUrl: string, queueName: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GRADER_REDIS_URL: redisUrl,
    GRADER_QUEUE_NAME: queueName,
    GRADER_ADMIN_TOKEN: ADMIN_TOKEN,
    GRADER_METRICS_TOKEN: METRICS_TOKEN,
    GRADER_WORKER_CONCURRENCY: '2',
    GRADER_LOG_LEVEL: 'warn',
    ...extra,
  };
}

export interface LocalServer {
  url: string;
  config: ServerConfig;
  store: Store;
  queue: Queue<GradeJobData>;
  close(): Promise<void>;
}

/** The real app, in this process, on a free loopback port. */
export async function startServer(env: Record<string, string>): Promise<LocalServer> {
  const config = parseServerConfig({ ...process.env, ...env, GRADER_PORT: '0', GRADER_HOST: '127.0.0.1' });
  const logger = pino({ level: 'warn' });
  const redis = connectRedis(config.GRADER_REDIS_URL, 'local-server');
  const subscriber = connectRedis(config.GRADER_REDIS_URL, 'local-server-events');
  // Redis is stopped on purpose by some tests: the requests that fail say so, the connection retries.
  redis.on('error', () => undefined);
  subscriber.on('error', () => undefined);
  const queue = new Queue<GradeJobData>(config.GRADER_QUEUE_NAME, { connection: redis });
  const store = new Store(redis, config.GRADER_KEY_PREFIX);
  const { app, close: closeApp } = buildApp(config, {
    store,
    queue,
    hub: new EventHub(subscriber, logger),
    challenges: new ChallengeCatalog(config.GRADER_CHALLENGES_DIR),
    logger,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    config,
    store,
    queue,
    async close() {
      closeApp();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await queue.close().catch(() => undefined); // Redis may be gone already: then there is nothing to close
      redis.disconnect();
      subscriber.disconnect();
    },
  };
}

export interface LocalWorker {
  proc: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

/** `node --import tsx worker/main.ts` as a child process; resolves once it logged that it started. */
export async function startWorkerProcess(env: Record<string, string>): Promise<LocalWorker> {
  // node --import tsx (not the tsx CLI, which forks): the pid killed is the worker itself.
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'worker', 'main.ts')], {
    env: { ...process.env, ...env, GRADER_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  proc.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  await Promise.race([
    waitFor('the worker to start', async () => out.includes('"worker started"'), 60_000),
    exited.then((code) => {
      throw new Error(`worker exited with ${code} before starting:\n${out}`);
    }),
  ]);
  return {
    proc,
    exited,
    output: () => out,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}

export function uniqueQueue(label: string): string {
  return `test-${label}-${randomBytes(4).toString('hex')}`;
}

// ---- HTTP client

export interface Api {
  json<T = Record<string, unknown>>(
    method: string,
    pathname: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }>;
}

export function api(base: string): Api {
  return {
    async json(method, pathname, body, headers = {}) {
      const res = await fetch(`${base}${pathname}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as never };
    },
  };
}

export interface CreatedInterview {
  interview: { id: string; challengeId: string };
  candidateToken: string;
  interviewerToken: string;
  candidateUrl: string;
  interviewerUrl: string;
}

export async function createInterview(client: Api, challengeId = 'group-sum', candidateName = 'Ada'): Promise<CreatedInterview> {
  const res = await client.json<CreatedInterview>(
    'POST',
    '/api/interviews',
    { challengeId, candidateName },
    { authorization: `Bearer ${ADMIN_TOKEN}` },
  );
  if (res.status !== 201) throw new Error(`creating an interview: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function submit(client: Api, token: string, code: string, kind: 'run' | 'submit' = 'submit'): Promise<string> {
  const res = await client.json<{ id: string }>('POST', `/api/i/${token}/submissions`, { kind, code });
  if (res.status !== 202) throw new Error(`submitting: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export interface SseEvent {
  event: string;
  data: unknown;
}

/** Reads an SSE stream until `until` says stop (or the server ends it, or the timeout). */
export async function readSse(url: string, until: (e: SseEvent) => boolean, timeoutMs = 180_000): Promise<SseEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: SseEvent[] = [];
  try {
    const res = await fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
    if (res.status !== 200 || !res.body) throw new Error(`SSE ${url}: ${res.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const lines = block.split('\n');
        const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
        const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
        if (!event || data === undefined) continue;
        const e = { event, data: JSON.parse(data) as unknown };
        events.push(e);
        if (until(e)) return events;
      }
    }
    return events;
  } catch (error) {
    if (controller.signal.aborted) throw new Error(`SSE ${url}: timed out; events so far: ${JSON.stringify(events).slice(0, 2000)}`);
    throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** Polls until the submission is finished (graded, system_error or cancelled). */
export async function waitFinished(client: Api, token: string, id: string, timeoutMs = 300_000): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const res = await client.json('GET', `/api/i/${token}/submissions/${id}`);
    if (res.status === 200 && isFinished(res.body.status as SubmissionStatus)) return res.body;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`submission ${id} did not finish within ${timeoutMs} ms`);
}
