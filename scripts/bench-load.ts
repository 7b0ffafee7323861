// `npm run bench:load [-- --interviews 20 --per-interview 10 --challenge csv-category-count]`: the
// service under load and faults (real Redis, server, two worker processes with warm pools,
// Docker, Spark): every interview posts its Runs of the reference at once; when a third of them
// are graded one worker is killed (SIGKILL) and replaced, and when two thirds are, Redis is
// killed (SIGKILL) and started again on its append-only file. Then it checks that every accepted
// submission has exactly one result (none lost, none beyond what was posted), that no sandbox of
// the queue is left, and prints p50/p95 of the queue wait (accepted to a worker's claim) and of
// accept-to-verdict, with the tries each grade took.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Docker from 'dockerode';
import { REPO_ROOT } from '../core/repo-root.js';
import type { SubmissionRecord } from '../core/submission.js';
import { QUEUE_LABEL, SANDBOX_LABEL } from '../worker/sandbox/container-options.js';
import {
  api,
  createInterview,
  serviceEnv,
  startRedis,
  startServer,
  startWorkerProcess,
  submit,
  uniqueQueue,
  type LocalWorker,
} from './local-service.js';

const { values } = parseArgs({
  options: {
    challenge: { type: 'string', default: 'csv-category-count' },
    interviews: { type: 'string', default: '20' },
    'per-interview': { type: 'string', default: '10' },
  },
});
const interviews = Number(values.interviews);
const perInterview = Number(values['per-interview']);
const total = interviews * perInterview;
const reference = await readFile(path.join(REPO_ROOT, 'challenges', values.challenge, 'reference.py'), 'utf8');

const percentile = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const log = (message: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

const queueName = uniqueQueue('load');
const redis = await startRedis();
const env: Record<string, string> = {
  ...serviceEnv(redis.url, queueName),
  GRADER_WORKER_CONCURRENCY: '1',
  GRADER_POOL_SIZE: '1',
  GRADER_SUBMISSIONS_PER_MINUTE: String(Math.max(20, perInterview * 2)),
  GRADER_SWEEP_INTERVAL_MS: '5000',
};
const server = await startServer(env);
const workers: LocalWorker[] = await Promise.all([startWorkerProcess(env), startWorkerProcess(env)]);
const client = api(server.url);

const finished = (r: SubmissionRecord | null): boolean => r?.status === 'graded' || r?.status === 'system_error';

try {
  const started = performance.now();
  const posted: { interviewId: string; id: string }[] = [];
  await Promise.all(
    Array.from({ length: interviews }, async (_, n) => {
      const interview = await createInterview(client, values.challenge, `load ${n + 1}`);
      for (let i = 0; i < perInterview; i++)
        posted.push({ interviewId: interview.interview.id, id: await submit(client, interview.candidateToken, reference, 'run') });
    }),
  );
  log(`${posted.length} Runs accepted from ${interviews} interviews`);

  let killedWorker = false;
  let restartedRedis = false;
  for (;;) {
    const records = await Promise.all(posted.map((p) => server.store.getSubmission(p.id).catch(() => null)));
    const done = records.filter(finished).length;
    if (done === total) break;
    if (!killedWorker && done >= total / 3) {
      killedWorker = true;
      const victim = workers.shift()!;
      victim.proc.kill('SIGKILL');
      await victim.exited;
      log(`${done}/${total} finished: one worker killed (SIGKILL); starting a replacement`);
      workers.push(await startWorkerProcess(env));
    } else if (!restartedRedis && done >= (2 * total) / 3) {
      restartedRedis = true;
      log(`${done}/${total} finished: Redis killed (SIGKILL), starting it again on its append-only file`);
      await redis.stop('SIGKILL');
      await redis.start();
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const wallMs = performance.now() - started;

  const records = (await Promise.all(posted.map((p) => server.store.getSubmission(p.id)))) as SubmissionRecord[];
  const listed = (await Promise.all([...new Set(posted.map((p) => p.interviewId))].map((id) => server.store.listSubmissionIds(id)))).flat();
  const verdicts = new Map<string, number>();
  for (const r of records) verdicts.set(r.verdict ?? r.status, (verdicts.get(r.verdict ?? r.status) ?? 0) + 1);
  const waits = records.map((r) => (r.startedAtMs ?? r.createdAtMs) - r.createdAtMs);
  const latencies = records.map((r) => (r.finishedAtMs ?? r.createdAtMs) - r.createdAtMs);
  const tries = new Map<number, number>();
  for (const r of records) tries.set(r.attempts, (tries.get(r.attempts) ?? 0) + 1);

  await Promise.all(workers.map((w) => w.stop()));
  // A stopped worker's guard removes what was still warming once the worker has exited: removals under way get 30 s.
  const docker = new Docker();
  const queueSandboxes = () =>
    docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`, `${QUEUE_LABEL}=${queueName}`] } });
  const atExit = (await queueSandboxes()).length;
  let leftover = await queueSandboxes();
  for (const end = Date.now() + 30_000; leftover.length > 0 && Date.now() < end; leftover = await queueSandboxes())
    await new Promise((r) => setTimeout(r, 500));

  console.log(`\n${values.challenge}: ${total} Runs from ${interviews} interviews, two workers (concurrency 1, pool 1), in ${s(wallMs)}`);
  console.log(`results: ${records.filter(finished).length} of ${total} (${[...verdicts].map(([v, n]) => `${n} ${v}`).join(', ')})`);
  console.log(`listed under their interviews: ${listed.length} (posted ${total}; ${new Set(listed).size} distinct)`);
  console.log(
    `tries per grade: ${[...tries]
      .sort(([a], [b]) => a - b)
      .map(([a, n]) => `${n} x ${a}`)
      .join(', ')}`,
  );
  console.log(`queue wait (accepted to claim)   p50 ${s(percentile(waits, 50))}  p95 ${s(percentile(waits, 95))}`);
  console.log(`accept to verdict                p50 ${s(percentile(latencies, 50))}  p95 ${s(percentile(latencies, 95))}`);
  console.log(`sandboxes of the queue left: ${leftover.length} (${atExit} at the workers' exit, removed by their guards since)`);
  const lost = records.filter((r) => !finished(r)).length;
  if (lost > 0 || listed.length !== total || new Set(listed).size !== total || leftover.length > 0) {
    console.error('FAILED: a submission was lost or duplicated, or a sandbox was left');
    process.exitCode = 1;
  }
} finally {
  await Promise.all(workers.map((w) => w.stop()));
  await server.close();
  await redis.destroy();
}
