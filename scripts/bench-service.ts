// `npm run bench:service [-- --tries 10 --challenge session-analysis --runs-only]`: the whole service (real
// Redis, server, one worker process with a warm pool, Docker, Spark) on an idle machine, one
// submission at a time, each started when the worker's pool is full again. Prints p50/p95 of:
// - accept-to-verdict of a Run of the reference (public cases);
// - a Submit's overhead: its accept-to-verdict minus the sandbox's compute (module, priming run,
//   every case and shuffled re-run, on the worker's clock);
// - the timing verdict and ratio of the reference and of a correct solution about 3x slower
//   (scripts/bench/<challenge>-slower.py) over --tries Submits each: they must not change.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../core/repo-root.js';
import type { InterviewerSubmissionView } from '../core/views/submission-view.js';
import {
  api,
  createInterview,
  METRICS_TOKEN,
  readSse,
  serviceEnv,
  startRedis,
  startServer,
  startWorkerProcess,
  submit,
  uniqueQueue,
  type Api,
} from './local-service.js';

const { values } = parseArgs({
  options: {
    challenge: { type: 'string', default: 'session-analysis' },
    tries: { type: 'string', default: '10' },
    'runs-only': { type: 'boolean', default: false },
  },
});
const tries = Number(values.tries);
const challengesDir = process.env.GRADER_CHALLENGES_DIR ?? path.join(REPO_ROOT, 'challenges');
const reference = await readFile(path.join(challengesDir, values.challenge, 'reference.py'), 'utf8');
const slower = await readFile(path.join(REPO_ROOT, 'scripts', 'bench', `${values.challenge}-slower.py`), 'utf8').catch(() => null);

const percentile = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const row = (label: string, xs: number[], unit: (x: number) => string): void => {
  console.log(`${label.padEnd(44)} p50 ${unit(percentile(xs, 50)).padEnd(9)} p95 ${unit(percentile(xs, 95)).padEnd(9)} (n=${xs.length})`);
};

const redis = await startRedis();
const env: Record<string, string> = {
  ...serviceEnv(redis.url, uniqueQueue('bench')),
  GRADER_CHALLENGES_DIR: challengesDir,
  GRADER_WORKER_CONCURRENCY: '1',
};
const server = await startServer(env);
const worker = await startWorkerProcess(env);
const client = api(server.url);

/** `handedOut` of the last heartbeat that showed the pool full. */
let fullAfter = -1;

/**
 * Waits until every live worker's pool is full and idle: each try starts on an idle machine with a
 * warm pool. /readyz shows the workers' last heartbeats, so a state counts only once it is newer
 * than the last try's (more members handed out since): a heartbeat from before the last try
 * still says "full".
 */
async function poolFull(c: Api): Promise<void> {
  for (;;) {
    const ready = await c.json<{ pool: { target: number; ready: number; warming: number; inUse: number; handedOut: number } }>(
      'GET',
      '/readyz',
      undefined,
      { authorization: `Bearer ${METRICS_TOKEN}` },
    );
    const pool = ready.body.pool;
    if (pool && pool.target > 0 && pool.ready >= pool.target && pool.warming === 0 && pool.inUse === 0 && pool.handedOut > fullAfter) {
      fullAfter = pool.handedOut;
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Posts one submission and waits for its verdict on the live stream: accept-to-verdict, and the result. */
async function timed(
  token: string,
  interviewerToken: string,
  code: string,
  kind: 'run' | 'submit',
): Promise<{ ms: number; view: InterviewerSubmissionView }> {
  await poolFull(client);
  const started = performance.now();
  const id = await submit(client, token, code, kind);
  await readSse(
    `${server.url}/api/i/${interviewerToken}/submissions/${id}/events`,
    (e) => e.event === 'submission' && ['graded', 'system_error'].includes(String((e.data as { status?: string }).status)),
    30 * 60_000,
  );
  const ms = performance.now() - started;
  const view = (await client.json<InterviewerSubmissionView>('GET', `/api/i/${interviewerToken}/submissions/${id}`)).body;
  return { ms, view };
}

try {
  const interview = await createInterview(client, values.challenge, 'bench');
  const [token, interviewer] = [interview.candidateToken, interview.interviewerToken];
  // Outside the figures: the reference's calibration and the generated inputs (cached on disk).
  const warm = await timed(token, interviewer, reference, 'submit');
  console.log(`warm-up Submit: ${warm.view.verdict} in ${s(warm.ms)} (calibration and generated inputs are cached from here on)\n`);
  console.log(
    `${values.challenge}, one worker (concurrency 1, pool ${env.GRADER_POOL_SIZE ?? 'default'}), ${tries} tries each, each with the pool full\n`,
  );

  const runs: number[] = [];
  for (let i = 0; i < tries; i++) {
    const { ms, view } = await timed(token, interviewer, reference, 'run');
    runs.push(ms);
    const cases = (view.result?.cases ?? []).map((c) => `${c.name} ${s(c.timeMs ?? 0)}`).join(', ');
    console.log(`  Run ${i + 1}: ${s(ms)} (sandbox ${s(view.result?.sandbox.computeMs ?? 0)}: module, priming run, ${cases})`);
  }
  row('Run (public cases): accept to verdict', runs, s);
  if (!values['runs-only']) await submitFigures(token, interviewer);
} finally {
  await worker.stop();
  await server.close();
  await redis.destroy();
}

/** Submit latency and overhead, and the timing verdicts of the reference and the slower solution. */
async function submitFigures(token: string, interviewer: string): Promise<void> {
  const overheads: number[] = [];
  const submits: number[] = [];
  const verdicts: string[] = [];
  for (let i = 0; i < tries; i++) {
    const { ms, view } = await timed(token, interviewer, reference, 'submit');
    // The sandbox's own work on the worker's clock: the module, the priming run, every case and
    // shuffled re-run with its inputs. The rest is the service: queue, prepare, compare, store, SSE.
    const compute = view.result?.sandbox.computeMs ?? 0;
    submits.push(ms);
    overheads.push(ms - compute);
    verdicts.push(
      `${view.verdict} ${view.result?.timing?.ratio ?? '-'}x${view.result?.timing?.reference === 'retimed' ? ' (re-timed)' : ''}`,
    );
  }
  row('Submit: accept to verdict', submits, s);
  row('Submit overhead: latency - sandbox compute', overheads, s);
  console.log(`\nreference, ${tries} Submits: ${verdicts.join(', ')}`);
  if (slower) {
    const slow: string[] = [];
    for (let i = 0; i < tries; i++) {
      const { view } = await timed(token, interviewer, slower, 'submit');
      slow.push(
        `${view.verdict} ${view.result?.timing?.ratio ?? '-'}x${view.result?.timing?.reference === 'retimed' ? ' (re-timed)' : ''}`,
      );
    }
    console.log(`about 3x slower correct solution, ${tries} Submits: ${slow.join(', ')}`);
  }
}
