// Load: 20 submissions posted at once from 4 interviews, graded by one worker at this
// machine's ceiling of 2 sandboxes. Every one gets exactly one result with the right verdict:
// none lost, none duplicated. (The benchmark, npm run bench:service, measures throughput.)
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CHALLENGES } from '../support/grader.js';
import {
  api,
  createInterview,
  startRedis,
  startServer,
  startWorkerProcess,
  submit,
  uniqueQueue,
  type Api,
  type LocalRedis,
  type LocalServer,
  type LocalWorker,
} from '../../scripts/local-service.js';
import { queueContainersSettled, requireDocker, serviceEnv } from './service-harness.js';

const reference = await readFile(path.join(FIXTURE_CHALLENGES, 'group-sum', 'reference.py'), 'utf8');
const starter = await readFile(path.join(FIXTURE_CHALLENGES, 'group-sum', 'starter.py'), 'utf8');

const INTERVIEWS = 4;
const PER_INTERVIEW = 5;
const TOTAL = INTERVIEWS * PER_INTERVIEW;

describe(`${TOTAL} submissions at once`, () => {
  let redis: LocalRedis;
  let server: LocalServer;
  let worker: LocalWorker;
  let client: Api;
  const queueName = uniqueQueue('load');

  beforeAll(async () => {
    await requireDocker();
    redis = await startRedis();
    const env = serviceEnv(redis.url, queueName);
    server = await startServer(env);
    worker = await startWorkerProcess(env);
    client = api(server.url);
  });

  afterAll(async () => {
    await worker?.stop();
    await server?.close();
    await redis?.destroy();
  });

  it(
    'all get exactly one result: none lost, none duplicated',
    async () => {
      const interviews = await Promise.all(
        Array.from({ length: INTERVIEWS }, (_, i) => createInterview(client, 'group-sum', `candidate ${i}`)),
      );
      // Runs (public cases) keep each sandbox short; every fifth is a full submit. Odd ones are the starter (wrong).
      const plan = interviews.flatMap((iv, i) =>
        Array.from({ length: PER_INTERVIEW }, (_, j) => ({
          token: iv.candidateToken,
          kind: j === PER_INTERVIEW - 1 ? ('submit' as const) : ('run' as const),
          good: (i + j) % 2 === 0,
        })),
      );
      const posted = await Promise.all(
        plan.map(async (p) => ({ ...p, id: await submit(client, p.token, p.good ? reference : starter, p.kind) })),
      );
      expect(new Set(posted.map((p) => p.id)).size).toBe(TOTAL);

      // A fresh sandbox per grade, 2 at once: a few minutes; far longer when others run Spark too.
      const deadline = Date.now() + 40 * 60_000;
      for (;;) {
        const records = await Promise.all(posted.map((p) => server.store.getSubmission(p.id)));
        if (records.every((r) => r?.status === 'graded' || r?.status === 'system_error')) break;
        if (Date.now() > deadline) throw new Error(`unfinished: ${records.filter((r) => r?.status !== 'graded').length}`);
        await new Promise((r) => setTimeout(r, 2_000));
      }
      for (const p of posted) {
        const record = (await server.store.getSubmission(p.id))!;
        expect(record.status, p.id).toBe('graded');
        // The starter is never accepted; the reference is, unless a starved machine made a case exceed its time limit.
        expect(record.verdict, p.id).toSatisfy((v: string) =>
          (p.good ? ['accepted', 'time_limit_exceeded'] : ['wrong_answer', 'time_limit_exceeded']).includes(v),
        );
        expect(record.attempts, p.id).toBe(1);
        expect(record.result!.scope).toBe(p.kind === 'run' ? 'public' : 'all');
      }
      for (const iv of interviews) expect(await server.store.listSubmissionIds(iv.interview.id)).toHaveLength(PER_INTERVIEW);
      const verdicts = await server.store.redis.hgetall(server.store.metricsKey('verdicts'));
      expect(Object.values(verdicts).reduce((sum, n) => sum + Number(n), 0)).toBe(TOTAL); // one result write each
      expect(await server.queue.getJobCounts('completed', 'failed')).toEqual({ completed: TOTAL, failed: 0 });
      expect(await server.store.redis.zcard(server.store.pendingKey())).toBe(0);
      expect(await queueContainersSettled(queueName)).toEqual([]);
    },
    45 * 60_000,
  );
});
