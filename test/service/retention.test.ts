// What the service keeps, and for how long, against a real Redis, the real server and a real
// worker process: a candidate's playback stops at its caps (count and bytes) however many edits
// come, with the code still saved and the answer naming both caps; an admin deletes an interview
// and every key of it (record, links, submissions, draft, events, scorecard, indexes); the worker's
// sweep deletes an interview once it has been idle past GRADER_RETENTION_DAYS and keeps one that
// is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
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
} from '../../scripts/local-service.js';
import { playbackFullMessage } from '../../server/routes/drafts.js';
import { connectRedis } from '../../store/redis.js';
import { requireDocker, serviceEnv } from './service-harness.js';

const MAX_EVENTS = 40;
const MAX_EVENT_BYTES = 3_000;
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('retention and the bounds of what is kept', () => {
  let redis: LocalRedis;
  let server: LocalServer;
  let client: Api;
  let queueName: string;

  beforeAll(async () => {
    await requireDocker();
    redis = await startRedis();
    queueName = uniqueQueue('retention');
    server = await startServer(
      serviceEnv(redis.url, queueName, {
        GRADER_MAX_DRAFT_EVENTS: String(MAX_EVENTS),
        GRADER_MAX_DRAFT_EVENT_BYTES: String(MAX_EVENT_BYTES),
      }),
    );
    client = api(server.url);
  });
  afterAll(async () => {
    await server?.close();
    await redis?.destroy();
  });

  /** Every key of the service's prefix in this Redis, but the rate limits' (they expire within their minute). */
  const allKeys = async (): Promise<string[]> => {
    const reader = connectRedis(redis.url, 'test-reader');
    try {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await reader.scan(cursor, 'MATCH', `${server.config.GRADER_KEY_PREFIX}:*`, 'COUNT', 1000);
        cursor = next;
        keys.push(...batch);
      } while (cursor !== '0');
      return keys.filter((k) => !k.startsWith(`${server.config.GRADER_KEY_PREFIX}:ratelimit:`)).sort();
    } finally {
      reader.disconnect();
    }
  };

  it('keeps the playback within its caps after many edits, saves the code all the same, and names both caps', async () => {
    const { candidateToken, interviewerToken } = await createInterview(client);
    let code = '';
    const answers: (string | null)[] = [];
    for (let i = 0; i < 60; i++) {
      const text = `x${i}\n`.repeat(1 + (i % 4));
      const events = [{ t: 1_000 + i, from: code.length, to: code.length, text }];
      code += text;
      const res = await client.json<{ code: string; playbackFull: string | null }>('PUT', `/api/i/${candidateToken}/draft`, {
        code,
        events,
      });
      expect(res.status).toBe(200);
      expect(res.body.code).toBe(code);
      answers.push(res.body.playbackFull);
    }
    const message = playbackFullMessage(server.config);
    expect(message).toContain(`${MAX_EVENTS} edits (GRADER_MAX_DRAFT_EVENTS)`);
    expect(message).toContain(`${MAX_EVENT_BYTES} bytes of them (GRADER_MAX_DRAFT_EVENT_BYTES)`);
    const firstFull = answers.indexOf(message);
    expect(firstFull).toBeGreaterThan(0);
    expect(answers.slice(0, firstFull).every((a) => a === null)).toBe(true);
    expect(answers.slice(firstFull).every((a) => a === message)).toBe(true);

    // The code is the last one sent; the playback holds the first edits only, within both caps.
    const draft = await client.json<{ code: string }>('GET', `/api/i/${interviewerToken}/draft`);
    expect(draft.body.code).toBe(code);
    const playback = await client.json<{ events: { t: number }[]; playbackFull: string | null }>(
      'GET',
      `/api/i/${interviewerToken}/draft/events`,
    );
    expect(playback.body.playbackFull).toBe(message);
    expect(playback.body.events.map((e) => e.t)).toEqual(Array.from({ length: firstFull }, (_, i) => 1_000 + i));
    expect(playback.body.events.length).toBeLessThanOrEqual(MAX_EVENTS);
    expect(playback.body.events.reduce((sum, e) => sum + JSON.stringify(e).length, 0)).toBeLessThanOrEqual(MAX_EVENT_BYTES);
  });

  it('deletes an interview and every key of it at once, and only the admin may', async () => {
    const kept = await createInterview(client, 'group-sum', 'Kept');
    const keptKeys = await allKeys();
    const doomed = await createInterview(client);
    await submit(client, doomed.candidateToken, 'def solve(spark, numbers):\n    return numbers\n', 'run');
    await client.json('PUT', `/api/i/${doomed.candidateToken}/draft`, { code: 'x = 1', events: [{ t: 1, from: 0, to: 0, text: 'x = 1' }] });
    const criterion = { score: 3, notes: '' };
    const criteria = {
      problemSolving: criterion,
      technicalKnowledge: criterion,
      codeQuality: criterion,
      systemThinking: criterion,
      communication: criterion,
    };
    const scorecard = await client.json('PUT', `/api/i/${doomed.interviewerToken}/scorecard`, { criteria, summary: 'strong' });
    expect(scorecard.status).toBe(200);
    expect((await allKeys()).length).toBeGreaterThan(keptKeys.length + 5);

    const path = `/api/interviews/${doomed.interview.id}`;
    expect((await client.json('DELETE', path)).status).toBe(401);
    expect((await client.json('DELETE', path, undefined, { authorization: `Bearer ${doomed.interviewerToken}` })).status).toBe(401);
    const bad = await client.json<{ error: string }>('DELETE', '/api/interviews/not-an-id', undefined, admin);
    expect(bad).toEqual({ status: 400, body: { error: 'invalid path: id: must be an interview id' } });

    expect((await client.json('DELETE', path, undefined, admin)).status).toBe(204);
    // Nothing of it is left (the queue's own keys are BullMQ's, under its prefix); the other interview is untouched.
    expect(await allKeys()).toEqual(keptKeys);
    for (const token of [doomed.candidateToken, doomed.interviewerToken])
      expect((await client.json('GET', `/api/i/${token}`)).status).toBe(404);
    expect((await client.json('GET', `/api/i/${kept.candidateToken}`)).status).toBe(200);
    expect((await client.json('DELETE', path, undefined, admin)).status).toBe(404);
    const list = await client.json<{ interviews: { interview: { id: string } }[] }>('GET', '/api/interviews', undefined, admin);
    expect(list.body.interviews.map((e) => e.interview.id)).not.toContain(doomed.interview.id);
    // The queued Run's job finds no record when a worker takes it: nothing is graded for a deleted interview.
    expect(await server.store.pendingBefore(Date.now())).toEqual([]);
  });

  it('stamps, migrates and deletes interviews stored before activity, their links and several challenges were listed', async () => {
    const keptKeys = await allKeys();
    const old = await createInterview(client, 'group-sum', 'Old');
    await client.json('PUT', `/api/i/${old.candidateToken}/draft`, { code: 'y = 2', events: [{ t: 1, from: 0, to: 0, text: 'y = 2' }] });
    const draftAt = (await server.store.getDraft(old.interview.id, 'group-sum'))!.updatedAtMs;
    const prefix = server.config.GRADER_KEY_PREFIX;
    const writer = connectRedis(redis.url, 'test-writer');
    try {
      // As such an interview was stored: no activity stamp, no list of its links, one challengeId
      // and one draft of the interview.
      const key = `${prefix}:interview:${old.interview.id}`;
      await writer.zrem(`${prefix}:activity`, old.interview.id);
      await writer.del(`${key}:tokens`);
      await writer.hset(key, 'challengeId', 'group-sum');
      await writer.hdel(key, 'challenges');
      for (const part of ['draft', 'draft-events']) await writer.rename(`${key}:${part}:group-sum`, `${key}:${part}`);
      await writer.srem(`${prefix}:migrations`, 'per-challenge-drafts');
      expect(await server.store.getDraft(old.interview.id, 'group-sum')).toBeNull();
      expect(await server.store.migrateSingleChallengeDrafts()).toBe(1);
      expect(await server.store.migrateSingleChallengeDrafts()).toBe(0);
      expect(await server.store.getDraft(old.interview.id, 'group-sum')).toEqual({ code: 'y = 2', updatedAtMs: draftAt, cursor: null });
      expect((await server.store.getDraftEvents(old.interview.id, 'group-sum')).events).toHaveLength(1);
      expect((await server.store.getInterview(old.interview.id))!.challenges).toEqual([{ challengeId: 'group-sum' }]);
      expect(await server.store.backfillActivity()).toBe(1);
      expect(Number(await writer.zscore(`${prefix}:activity`, old.interview.id))).toBe(draftAt);
      expect(await server.store.backfillActivity()).toBe(0);
    } finally {
      writer.disconnect();
    }
    // Its links are found without their list.
    expect(await server.store.deleteInterview(old.interview.id)).toBe(true);
    expect((await client.json('GET', `/api/i/${old.interviewerToken}`)).status).toBe(404);
    expect((await allKeys()).filter((k) => !k.endsWith(':migrations'))).toEqual(keptKeys.filter((k) => !k.endsWith(':migrations')));
  });

  it("deletes an interview idle past GRADER_RETENTION_DAYS in the worker's sweep, and keeps one that is not", async () => {
    const retentionMs = 4_000;
    const idle = await createInterview(client, 'group-sum', 'Idle');
    await new Promise((r) => setTimeout(r, 2_500));
    const active = await createInterview(client, 'group-sum', 'Active');
    const worker = await startWorkerProcess(
      serviceEnv(redis.url, queueName, {
        GRADER_POOL_SIZE: '0',
        GRADER_RETENTION_DAYS: String(retentionMs / 86_400_000),
        GRADER_SWEEP_INTERVAL_MS: '250',
      }),
    );
    try {
      const end = Date.now() + 20_000;
      while ((await client.json('GET', `/api/i/${idle.candidateToken}`)).status !== 404) {
        expect(Date.now()).toBeLessThan(end);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(worker.output()).toContain('expired interviews deleted');
      // Deleted within the sweep interval of its deadline: the other one, 2.5 s younger, is still there.
      expect((await client.json('GET', `/api/i/${active.candidateToken}`)).status).toBe(200);
    } finally {
      await worker.stop();
    }
  });
});
