// A worker killed with SIGKILL in the middle of a grade: its guard removes its sandboxes at once
// (the heartbeat reaper of any other worker would too), its job's lock lapses, a new worker
// restarts it as stalled, and the submission ends with exactly one result; none is left. Also proves the
// attempt-token guard on the store directly: a superseded attempt cannot write a result.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradeResult } from '../../core/grade-result.js';
import { FIXTURE_CHALLENGES } from '../support/grader.js';
import {
  api,
  createInterview,
  startRedis,
  startServer,
  startWorkerProcess,
  submit,
  uniqueQueue,
  waitFinished,
  type Api,
  type LocalRedis,
  type LocalServer,
  type LocalWorker,
} from '../../scripts/local-service.js';
import { queueContainers, requireDocker, serviceEnv } from './service-harness.js';

const reference = await readFile(path.join(FIXTURE_CHALLENGES, 'group-sum', 'reference.py'), 'utf8');

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('a worker that dies mid-grade', () => {
  let redis: LocalRedis;
  let server: LocalServer;
  let client: Api;
  const workers: LocalWorker[] = [];
  const queueName = uniqueQueue('crash');
  // Short lock, stall check and heartbeat so the test sees recovery in seconds, not minutes.
  let env: Record<string, string>;

  beforeAll(async () => {
    await requireDocker();
    redis = await startRedis();
    env = serviceEnv(redis.url, queueName, {
      GRADER_LOCK_DURATION_MS: '8000',
      GRADER_STALLED_INTERVAL_MS: '3000',
      GRADER_WORKER_HEARTBEAT_TTL_MS: '6000',
      GRADER_SWEEP_INTERVAL_MS: '3000',
    });
    server = await startServer(env);
    client = api(server.url);
  });

  afterAll(async () => {
    for (const w of workers) await w.stop();
    await server?.close();
    await redis?.destroy();
  });

  it('is replaced: exactly one result, no sandbox container left', async () => {
    const first = await startWorkerProcess(env);
    workers.push(first);
    const { candidateToken } = await createInterview(client);
    const id = await submit(client, candidateToken, reference);
    await until(
      'the grade to be running in a sandbox',
      async () => (await server.store.getSubmission(id))?.status === 'running' && (await queueContainers(queueName)).length > 0,
      120_000,
    );
    first.proc.kill('SIGKILL');
    await first.exited;
    // No other worker runs yet: the dead worker's guard is what removes its sandboxes.
    await until("the dead worker's guard to remove its sandboxes", async () => (await queueContainers(queueName)).length === 0, 30_000);

    workers.push(await startWorkerProcess(env));
    const finished = await waitFinished(client, candidateToken, id);
    expect(finished).toMatchObject({ status: 'graded', verdict: 'accepted' });
    const record = await server.store.getSubmission(id);
    expect(record!.attempts).toBe(2);
    expect(await server.store.listSubmissionIds(record!.interviewId)).toEqual([id]);
    const job = await server.queue.getJob(id);
    expect(await job!.getState()).toBe('completed');
    expect(await server.queue.getJobCounts('completed', 'failed', 'active', 'wait', 'prioritized')).toEqual({
      completed: 1,
      failed: 0,
      active: 0,
      wait: 0,
      prioritized: 0,
    });
    await until("the dead worker's sandbox to be reaped", async () => (await queueContainers(queueName)).length === 0, 60_000);
  });

  it('keeps the first result when an attempt that lost its lock finishes late', async () => {
    const { interview } = await createInterview(client);
    const { record } = await server.store.acceptSubmission({
      interviewId: interview.id,
      challengeId: 'group-sum',
      kind: 'run',
      code: reference,
    });
    expect(await server.store.claim(record, 'attempt-a', 1)).toBe('claimed');
    expect(await server.store.claim(record, 'attempt-b', 1)).toBe('claimed'); // A's lock lapsed; B took over
    const result = { verdict: 'accepted' } as GradeResult;
    expect(await server.store.finish(record, 'attempt-a', { status: 'system_error', error: 'late' })).toBe(false);
    expect(await server.store.finish(record, 'attempt-b', { status: 'system_error', error: 'b' })).toBe(true);
    expect(await server.store.finish(record, 'attempt-b', { status: 'graded', result })).toBe(false);
    expect(await server.store.claim(record, 'attempt-c', 1)).toBe('system_error');
    expect((await server.store.getSubmission(record.id))!.error).toBe('b');
  });
});
