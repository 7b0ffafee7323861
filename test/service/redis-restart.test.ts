// Redis is the store of record: after it is killed (SIGKILL, no shutdown save) and restarted,
// every submission the API acknowledged with 202 is still there with its job, and a worker
// started afterwards grades every one of them.
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
  waitFinished,
  type Api,
  type LocalRedis,
  type LocalServer,
  type LocalWorker,
} from '../../scripts/local-service.js';
import { requireDocker, serviceEnv } from './service-harness.js';

const reference = await readFile(path.join(FIXTURE_CHALLENGES, 'group-sum', 'reference.py'), 'utf8');

describe('a Redis restart', () => {
  let redis: LocalRedis;
  let server: LocalServer;
  let worker: LocalWorker | undefined;
  let client: Api;
  const queueName = uniqueQueue('redis');
  let env: Record<string, string>;

  beforeAll(async () => {
    await requireDocker();
    redis = await startRedis();
    env = serviceEnv(redis.url, queueName);
    server = await startServer(env);
    client = api(server.url);
  });

  afterAll(async () => {
    await worker?.stop();
    await server?.close();
    await redis?.destroy();
  });

  it('loses no accepted submission', async () => {
    const interviews = await Promise.all([createInterview(client, 'group-sum', 'A'), createInterview(client, 'group-sum', 'B')]);
    const accepted: { token: string; id: string }[] = [];
    for (const [i, kind] of (['run', 'submit', 'run', 'submit'] as const).entries()) {
      const token = interviews[i % 2]!.candidateToken;
      accepted.push({ token, id: await submit(client, token, reference, kind) });
    }
    await redis.stop('SIGKILL');
    await redis.start();
    // The server's connections reconnect by themselves; every record and job is back.
    for (const { token, id } of accepted) {
      const res = await client.json('GET', `/api/i/${token}/submissions/${id}`);
      expect(res).toMatchObject({ status: 200, body: { id, status: 'queued', code: reference } });
      expect(await server.queue.getJob(id)).toBeTruthy();
    }
    worker = await startWorkerProcess(env);
    for (const { token, id } of accepted)
      expect(await waitFinished(client, token, id)).toMatchObject({ status: 'graded', verdict: 'accepted' });
  });
});
