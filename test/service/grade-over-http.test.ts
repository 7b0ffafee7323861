// Over HTTP against the real service (Redis, server, a worker process, Docker, Spark): an
// interview is created, the reference is submitted and its event stream reaches graded/accepted;
// a candidate token reaches only its own interview and never hidden-case details; malformed
// input gets a 4xx and enqueues nothing.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CHALLENGES } from '../support/grader.js';
import {
  ADMIN_TOKEN,
  METRICS_TOKEN,
  api,
  createInterview,
  readSse,
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
import { queueContainersSettled, requireDocker, serviceEnv } from './service-harness.js';

const reference = await readFile(path.join(FIXTURE_CHALLENGES, 'group-sum', 'reference.py'), 'utf8');
const starter = await readFile(path.join(FIXTURE_CHALLENGES, 'group-sum', 'starter.py'), 'utf8');

describe('the grading service over HTTP', () => {
  let redis: LocalRedis;
  let server: LocalServer;
  let worker: LocalWorker;
  let client: Api;
  const queueName = uniqueQueue('http');

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

  it('grades the reference as accepted and streams queued -> running -> progress -> graded', async () => {
    const created = await createInterview(client);
    expect(created.candidateToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.candidateUrl).toContain(created.candidateToken);
    const id = await submit(client, created.candidateToken, reference);
    const events = await readSse(
      `${server.url}/api/i/${created.candidateToken}/submissions/${id}/events`,
      (e) => e.event === 'submission' && ['graded', 'system_error'].includes((e.data as { status: string }).status),
    );
    const statuses = events.filter((e) => e.event === 'submission').map((e) => (e.data as { status: string }).status);
    expect(statuses.at(-1)).toBe('graded');
    expect(statuses).toContain('running');
    expect(events.some((e) => e.event === 'progress')).toBe(true);
    const last = events.at(-1)!.data as { verdict: string; result: { cases: { name: string; hidden: boolean }[] } };
    expect(last.verdict).toBe('accepted');
    expect(last.result.cases.some((c) => c.hidden)).toBe(true);

    // A client that connects after the end still gets the final state (snapshot), then the stream ends.
    const late = await readSse(`${server.url}/api/i/${created.interviewerToken}/submissions/${id}/events`, () => false);
    expect(late).toHaveLength(1);
    expect((late[0]!.data as { status: string; code: string }).code).toBe(reference);
    expect(await queueContainersSettled(queueName)).toEqual([]);
  });

  it('shows the candidate public diffs and hidden pass/fail only; the interviewer everything', async () => {
    const a = await createInterview(client, 'group-sum', 'Grace');
    const b = await createInterview(client, 'group-sum', 'Linus');
    const run = await submit(client, a.candidateToken, starter, 'run');
    const id = await submit(client, a.candidateToken, starter, 'submit');
    const asCandidate = await waitFinished(client, a.candidateToken, id);
    expect(asCandidate.verdict).toBe('wrong_answer');
    const cases = (asCandidate.result as { cases: Record<string, unknown>[] }).cases;
    const hidden = cases.filter((c) => c.hidden);
    expect(hidden.length).toBeGreaterThan(0);
    for (const c of hidden) expect(Object.keys(c).sort()).toEqual(['hidden', 'name', 'passed', 'verdict']);
    const pub = cases.find((c) => !c.hidden)!;
    expect(pub.diff).toBeDefined();
    const text = JSON.stringify(asCandidate);
    // The hidden case's expected row {"grp":"a","total":4} and its input never reach the candidate.
    expect(text).not.toMatch(/"total":"?4/);
    expect(text).not.toContain('only nulls');
    expect(asCandidate).not.toHaveProperty('result.sandbox');
    expect(text).not.toContain('planText');

    const asInterviewer = await waitFinished(client, a.interviewerToken, id);
    const hiddenFull = (asInterviewer.result as { cases: Record<string, unknown>[] }).cases.find((c) => c.hidden)!;
    expect(hiddenFull.diff).toBeDefined();
    expect(hiddenFull.message).toEqual(expect.any(String));
    expect(asInterviewer.code).toBe(starter);

    // The interview page: public cases' data, never the reference or hidden rows.
    const page = await client.json('GET', `/api/i/${a.candidateToken}`);
    expect(page.status).toBe(200);
    const pageText = JSON.stringify(page.body);
    expect(pageText).toContain('sums per group');
    expect(pageText).not.toContain('only nulls');
    expect(pageText).not.toContain('F.sum');
    expect(pageText).not.toMatch(/"total":4/);
    const interviewerPage = await client.json('GET', `/api/i/${a.interviewerToken}`);
    expect(JSON.stringify(interviewerPage.body)).not.toContain('F.sum');

    // Another interview's token cannot reach this submission: the same 404 as a made-up token.
    const foreign = await client.json('GET', `/api/i/${b.candidateToken}/submissions/${id}`);
    const madeUp = await client.json('GET', `/api/i/${'x'.repeat(43)}/submissions/${id}`);
    const malformed = await client.json('GET', `/api/i/nope`);
    expect(foreign).toEqual({ status: 404, body: { error: 'not found' } });
    expect(madeUp).toEqual(foreign);
    expect(malformed).toEqual(foreign);
    expect((await client.json('GET', `/api/i/${b.candidateToken}/submissions`)).body).toEqual({ submissions: [] });
    await waitFinished(client, a.candidateToken, run);
  });

  it('rejects malformed input with a 4xx and enqueues nothing', async () => {
    const { candidateToken } = await createInterview(client);
    const before = await server.queue.count();
    const post = (body: unknown) => client.json('POST', `/api/i/${candidateToken}/submissions`, body);
    const cases: [string, Promise<{ status: number; body: Record<string, unknown> }>, number, RegExp][] = [
      ['bad JSON', post('{"kind": "run", "code": '), 400, /not valid JSON/],
      ['oversize code', post({ kind: 'submit', code: 'x'.repeat(65_537) }), 413, /65537 bytes; the limit is 65536 bytes/],
      ['wrong types', post({ kind: 'submit', code: 42 }), 400, /code/],
      ['unknown kind', post({ kind: 'grade', code: 'x' }), 400, /kind/],
      ['__proto__ key', post('{"kind":"run","code":"x","__proto__":{"admin":true}}'), 400, /__proto__/],
      ['extra key', post({ kind: 'run', code: 'x', priority: 0 }), 400, /priority/],
      ['array body', post([1, 2]), 400, /invalid submission/],
      ['body over the limit', post({ kind: 'run', code: 'x'.repeat(600 * 1024) }), 413, /GRADER_BODY_LIMIT_BYTES/],
    ];
    for (const [what, response, status, message] of cases) {
      const res = await response;
      expect(res.status, what).toBe(status);
      expect(res.body.error, what).toMatch(message);
    }
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const unknown = await client.json('POST', '/api/interviews', { challengeId: 'no-such-challenge', candidateName: 'x' }, admin);
    expect(unknown).toEqual({ status: 400, body: { error: 'unknown challenge "no-such-challenge"' } });
    expect((await client.json('POST', '/api/interviews', { challengeId: '../etc', candidateName: 'x' }, admin)).status).toBe(400);
    expect((await client.json('POST', '/api/interviews', { challengeId: 'group-sum', candidateName: 'x' })).status).toBe(401);
    expect(
      (await client.json('POST', '/api/interviews', { challengeId: 'group-sum', candidateName: 'x' }, { authorization: 'Bearer wrong' }))
        .status,
    ).toBe(401);
    expect(await server.queue.count()).toBe(before);
    expect((await client.json('GET', `/api/i/${candidateToken}/submissions`)).body).toEqual({ submissions: [] });
  });

  it('runs a solution on the candidate’s own rows beside the reference’s output, and refuses bad rows naming the cell', async () => {
    const { candidateToken, interviewerToken } = await createInterview(client);
    const counts = 'def solve(spark, numbers):\n    return numbers.groupBy("grp").count().withColumnRenamed("count", "total")\n';
    const rows = [
      { grp: 'x', n: 10 },
      { grp: 'x', n: 5 },
      { grp: 'y', n: null },
    ];
    const post = (body: unknown) => client.json<{ id: string; error: string }>('POST', `/api/i/${candidateToken}/submissions`, body);
    const accepted = await post({ kind: 'run', code: counts, customInput: { inputs: { numbers: { rows } } } });
    expect(accepted.status).toBe(202);
    const asCandidate = await waitFinished(client, candidateToken, accepted.body.id);
    expect(asCandidate.status, JSON.stringify((await waitFinished(client, interviewerToken, accepted.body.id)).error)).toBe('graded');
    expect(asCandidate.verdict).toBe('wrong_answer');
    const result = asCandidate.result as {
      cases: { name: string; hidden: boolean; message: string; aligned?: unknown }[];
      custom: { expected: { rows: Record<string, string>[]; total: number } };
    };
    expect(result.cases.map((c) => [c.name, c.hidden])).toEqual([['custom input', false]]);
    expect(result.cases[0]!.message).toMatch(/grp/);
    expect(result.cases[0]!.aligned).toBeDefined();
    // "Expected" is the reference's output on these rows, not any case of the challenge.
    expect(result.custom.expected.rows).toEqual([
      { grp: '"x"', total: '15' },
      { grp: '"y"', total: 'null' },
    ]);
    expect(Object.keys(result.custom)).toEqual(['expected']);
    expect(asCandidate).toMatchObject({ custom: true, customInput: { inputs: { numbers: { rows } } } });
    const asInterviewer = await waitFinished(client, interviewerToken, accepted.body.id);
    expect(asInterviewer).toMatchObject({ custom: true, result: { custom: { referenceError: null } } });

    // Refused before anything is stored or queued, each naming its input, row, column and limit.
    const before = await server.queue.count();
    const refusals: [unknown, number, string | RegExp][] = [
      [
        {
          kind: 'run',
          code: counts,
          customInput: {
            inputs: {
              numbers: {
                rows: [
                  { grp: 'x', n: 1 },
                  { grp: 'x', n: 'ten' },
                ],
              },
            },
          },
        },
        400,
        'invalid custom input: numbers row 2, column n: not an integer: "ten" (the column is long)',
      ],
      [
        { kind: 'run', code: counts, customInput: { inputs: { numbers: { rows: [{ grp: null, n: 1 }, { n: 2 }] } } } },
        400,
        'invalid custom input: numbers row 1, column grp: may not be null (the column is not nullable); numbers row 2, column grp: missing (use null for no value)',
      ],
      [
        { kind: 'run', code: counts, customInput: { inputs: { numbers: { rows: Array(201).fill({ grp: 'x', n: 1 }) } } } },
        400,
        /at most 200 rows per input/,
      ],
      [
        { kind: 'run', code: counts, customInput: { inputs: { digits: { rows } } } },
        400,
        'invalid custom input: unknown input digits; input numbers is missing',
      ],
      [
        { kind: 'submit', code: counts, customInput: { inputs: { numbers: { rows } } } },
        400,
        /custom input goes with a Run, never a Submit/,
      ],
    ];
    for (const [body, status, message] of refusals) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      if (typeof message === 'string') expect(res.body.error).toBe(message);
      else expect(res.body.error).toMatch(message);
    }
    const timed = await createInterview(client, 'timed-sum');
    const notAllowed = await client.json<{ error: string }>('POST', `/api/i/${timed.candidateToken}/submissions`, {
      kind: 'run',
      code: counts,
      customInput: { inputs: { numbers: { rows } } },
    });
    expect(notAllowed).toEqual({ status: 400, body: { error: 'challenge timed-sum does not take custom input' } });
    expect(await server.queue.count()).toBe(before);
  });

  it('caps the live streams one link holds open with a 429 naming the limit, and frees a slot when one closes', async () => {
    const { candidateToken, interviewerToken } = await createInterview(client);
    const url = (token: string): string => `${server.url}/api/i/${token}/events`;
    const held = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const abort = new AbortController();
        const res = await fetch(url(candidateToken), { signal: abort.signal });
        expect(res.status).toBe(200);
        return abort;
      }),
    );
    const refused = await fetch(url(candidateToken));
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: string }).error).toBe(
      'too many live streams open for this link: at most 8 at once (GRADER_MAX_STREAMS_PER_TOKEN)',
    );
    // Another link of the same interview has its own count.
    const other = new AbortController();
    expect((await fetch(url(interviewerToken), { signal: other.signal })).status).toBe(200);
    other.abort();
    held.pop()!.abort();
    let again: Response | undefined;
    for (let i = 0; i < 50 && again?.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await fetch(url(candidateToken));
      if (again.status !== 200) await again.body?.cancel();
    }
    expect(again?.status).toBe(200);
    await again?.body?.cancel();
    for (const abort of held) abort.abort();
  });

  it('saves drafts server-side with their edit events and integrity signals', async () => {
    const { candidateToken, interviewerToken } = await createInterview(client);
    const events = [
      { t: 1, from: 0, to: 0, text: 'def' },
      { t: 2, signal: 'paste', bytes: 3, preview: 'def' },
    ];
    const put = await client.json('PUT', `/api/i/${candidateToken}/draft`, { code: 'def solve(spark, numbers):\n    pass\n', events });
    expect(put.status).toBe(200);
    expect((await client.json('GET', `/api/i/${candidateToken}/draft`)).body.code).toContain('def solve');
    expect((await client.json('GET', `/api/i/${interviewerToken}/draft/events`)).body).toEqual({
      events,
      playbackFull: null,
      integrity: {
        summary: { pastes: 1, largestPasteBytes: 3, away: 0, awayMs: 0 },
        description: '1 paste, largest 3 B; never away',
        marks: [{ t: 2, kind: 'paste', label: 'paste 3 B: "def"', editIndex: 1 }],
      },
    });
    const unknownSignal = await client.json('PUT', `/api/i/${candidateToken}/draft`, { code: 'x', events: [{ t: 3, signal: 'copy' }] });
    expect(unknownSignal.status).toBe(400);
    expect((await client.json('PUT', `/api/i/${interviewerToken}/draft`, { code: 'x' })).status).toBe(403);
  });

  it('serves health and readiness to anyone, pool details and metrics with the metrics token, bull-board with the admin token', async () => {
    expect((await client.json('GET', '/healthz')).status).toBe(200);
    // Readiness for anyone; the workers and their pools, and the metrics, for the metrics token only.
    expect(await client.json('GET', '/readyz')).toEqual({ status: 200, body: { ready: true, redis: true, docker: true } });
    const ready = await client.json('GET', '/readyz', undefined, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(ready).toMatchObject({
      status: 200,
      body: { ready: true, redis: true, docker: true, workers: 1, pool: { target: 0, ready: 0, warming: 0, inUse: 0, waiting: 0 } },
    });
    for (const headers of [{}, { authorization: `Bearer ${ADMIN_TOKEN}` }] as Record<string, string>[]) {
      const refused = await fetch(`${server.url}/metrics`, { headers });
      expect([refused.status, await refused.json()]).toEqual([
        401,
        { error: 'metrics token required (GRADER_METRICS_TOKEN, as a bearer token)' },
      ]);
    }
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(metrics).toContain('bullmq_job_count');
    expect(metrics).toMatch(/grader_verdicts_total\{challenge="group-sum",scope="all",verdict="accepted"\} [1-9]/);
    expect(metrics).toContain('grader_grading_duration_seconds_bucket');
    expect(metrics).toContain('grader_sandbox_failures_total');
    expect(metrics).toMatch(/grader_pool_ready\{worker="worker-[^"]+",queue="[^"]+"\} 0/);
    expect(metrics).toMatch(/grader_pool_in_use\{worker="worker-[^"]+",queue="[^"]+"\} 0/);
    expect(metrics).toMatch(/grader_pool_handed_out_total\{worker="worker-[^"]+",queue="[^"]+"\} [1-9]/);
    // Every API answer, found or not, is kept by no cache.
    const apiAnswers = [
      await fetch(`${server.url}/api/challenges`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }),
      await fetch(`${server.url}/api/i/no-such-token`),
    ];
    expect(apiAnswers.map((r) => [r.status, r.headers.get('cache-control')])).toEqual([
      [200, 'no-store'],
      [404, 'no-store'],
    ]);
    expect((await fetch(`${server.url}/admin/queues`)).status).toBe(401);
    expect((await fetch(`${server.url}/admin/queues`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(200);
    const res = await fetch(`${server.url}/api/i/${'y'.repeat(43)}`);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('content-security-policy')).toBeTruthy();
  });
});
