// Fair queues against the real server and a real Redis and BullMQ queue, with no worker running so
// the order stays put: what a worker takes next is the head of BullMQ's prioritized set, read
// with BullMQ's own getter. One interview floods Runs while two others post a Submit and a Run;
// the bound: another interview's first Submit waits behind at most one item of each interview
// (that interview's first Run), not behind the flood; the flooding interview's own Submit still
// waits behind its own Runs; and an interview whose work finished queues at the front again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createInterview,
  startRedis,
  startServer,
  submit,
  uniqueQueue,
  type LocalRedis,
  type LocalServer,
} from '../../scripts/local-service.js';
import { serviceEnv } from './service-harness.js';

const CODE = 'def solve(spark, numbers):\n    return numbers\n';
const FLOOD = 12;

describe('fair queues across interviews', () => {
  let redis: LocalRedis;
  let server: LocalServer;

  beforeAll(async () => {
    redis = await startRedis();
    server = await startServer(serviceEnv(redis.url, uniqueQueue('fair'), { GRADER_SUBMISSIONS_PER_MINUTE: '100' }));
  });
  afterAll(async () => {
    await server?.close();
    await redis?.destroy();
  });

  /** Submission ids in the order workers will take them. */
  const queueOrder = async (): Promise<string[]> => (await server.queue.getPrioritized(0, -1)).map((job) => job.id!);

  it("serves another interview's Submit before a flood of Runs, and keeps an interview's Runs before its own Submit", async () => {
    const client = api(server.url);
    const flooder = await createInterview(client, 'group-sum', 'Flooder');
    const patient = await createInterview(client, 'group-sum', 'Patient');
    const third = await createInterview(client, 'group-sum', 'Third');
    const floodRuns: string[] = [];
    for (let i = 0; i < FLOOD; i++) floodRuns.push(await submit(client, flooder.candidateToken, CODE, 'run'));
    const patientSubmit = await submit(client, patient.candidateToken, CODE, 'submit');
    const thirdRun = await submit(client, third.candidateToken, CODE, 'run');
    const flooderSubmit = await submit(client, flooder.candidateToken, CODE, 'submit');

    const order = await queueOrder();
    expect(order).toHaveLength(FLOOD + 3);
    // The first band: each interview's first item, Runs first, then first in first out.
    expect(order.slice(0, 3)).toEqual([floodRuns[0], thirdRun, patientSubmit]);
    // The flood follows in its own order, and the flooder's Submit comes after every one of its Runs.
    expect(order.slice(3)).toEqual([...floodRuns.slice(1), flooderSubmit]);
  });

  it('queues an interview at the front again once its work is finished', async () => {
    const client = api(server.url);
    const busy = await createInterview(client, 'group-sum', 'Busy');
    const runs: string[] = [];
    for (let i = 0; i < 3; i++) runs.push(await submit(client, busy.candidateToken, CODE, 'run'));
    const before = await server.queue.getJob(runs[2]!);
    expect(before?.priority).toBe(5);
    for (const id of runs) {
      const record = (await server.store.getSubmission(id))!;
      expect(await server.store.finish(record, '*', { status: 'system_error', error: 'ended by the test' })).toBe(true);
      await server.queue.remove(id);
    }
    const again = await submit(client, busy.candidateToken, CODE, 'run');
    expect((await server.queue.getJob(again))?.priority).toBe(1);
    const record = (await server.store.getSubmission(again))!;
    expect(await server.store.queueRank(record)).toBe(0);
  });
});
