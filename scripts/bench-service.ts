// `npm run bench:service [-- --challenge session-analysis --rounds 1 --candidates 1,4]`: the
// whole service (real Redis, server, one worker process at GRADER_WORKER_CONCURRENCY, Docker,
// Spark) under candidates that each Run then Submit the reference and wait for the verdict.
// Prints accept-to-verdict latency p50/p95 per kind and concurrency, and graded submissions
// per minute sustained over each phase.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  api, createInterview, serviceEnv, startRedis, startServer, startWorkerProcess, submit, uniqueQueue, waitFinished,
} from './local-service.js';
import { parseSandboxConfig } from '../worker/config.js';
import { REPO_ROOT } from '../core/repo-root.js';

const { values } = parseArgs({ options: {
  challenge: { type: 'string', default: 'session-analysis' },
  rounds: { type: 'string', default: '1' },
  candidates: { type: 'string', default: '1,4' },
} });
const challengesDir = parseSandboxConfig().GRADER_CHALLENGES_DIR ?? path.join(REPO_ROOT, 'challenges');
const reference = await readFile(path.join(challengesDir, values.challenge, 'reference.py'), 'utf8');

const percentile = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const redis = await startRedis();
const env: Record<string, string> = { ...serviceEnv(redis.url, uniqueQueue('bench')), GRADER_CHALLENGES_DIR: challengesDir };
const server = await startServer(env);
const worker = await startWorkerProcess(env);
const client = api(server.url);
try {
  // Warm-up: the reference calibration (cached on disk) happens once, outside the figures.
  const warm = await createInterview(client, values.challenge, 'warm-up');
  const warmId = await submit(client, warm.candidateToken, reference, 'submit');
  console.log(`warm-up: ${JSON.stringify((await waitFinished(client, warm.candidateToken, warmId, 30 * 60_000)).verdict)}`);

  console.log(`\n${values.challenge}: each candidate Runs then Submits the reference, ${values.rounds} round(s); worker concurrency ${env.GRADER_WORKER_CONCURRENCY}\n`);
  console.log('candidates  kind    n   p50       p95       max       throughput');
  for (const candidates of values.candidates.split(',').map(Number)) {
    const latencies: Record<'run' | 'submit', number[]> = { run: [], submit: [] };
    const started = performance.now();
    await Promise.all(Array.from({ length: candidates }, async (_, i) => {
      const { candidateToken } = await createInterview(client, values.challenge, `bench ${candidates}-${i}`);
      for (let r = 0; r < Number(values.rounds); r++) {
        for (const kind of ['run', 'submit'] as const) {
          const t0 = performance.now();
          const id = await submit(client, candidateToken, reference, kind);
          const done = await waitFinished(client, candidateToken, id, 30 * 60_000);
          if (done.verdict !== 'accepted') console.warn(`  ${kind} ${id}: ${String(done.status)} ${String(done.verdict)}`);
          latencies[kind].push(performance.now() - t0);
        }
      }
    }));
    const wallMs = performance.now() - started;
    const total = latencies.run.length + latencies.submit.length;
    for (const kind of ['run', 'submit'] as const) {
      const xs = latencies[kind];
      console.log(`${String(candidates).padEnd(12)}${kind.padEnd(8)}${String(xs.length).padEnd(4)}${s(percentile(xs, 50)).padEnd(10)}${s(percentile(xs, 95)).padEnd(10)}${s(Math.max(...xs)).padEnd(10)}${kind === 'submit' ? `${(total / (wallMs / 60_000)).toFixed(2)} graded/min over ${s(wallMs)}` : ''}`);
    }
  }
} finally {
  await worker.stop();
  await server.close();
  await redis.destroy();
}
