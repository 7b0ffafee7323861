// An interview's lifecycle against a real Redis and two server instances sweeping deadlines at
// once (no worker: what is submitted stays queued, which is all these tests look at): re-issued
// links replace the old ones, the dashboard's temporary link opens the interviewer view, a timed
// interview starts at the candidate's first visit and at its deadline submits the last saved
// draft exactly once and then refuses Runs, Submits and draft edits, the interviewer extends and
// ends (the candidate cannot), archiving hides an interview from the default list, and an
// interview of several challenges (made from a template) keeps a draft, submissions and time per
// challenge and submits each saved draft once at its end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InterviewList, InterviewState, InterviewView } from '../../core/views/interview-view.js';
import type { InterviewReport } from '../../core/views/report-view.js';
import type { CreatedTemplate, TemplateList } from '../../core/views/template-view.js';
import {
  ADMIN_TOKEN,
  api,
  createInterview,
  readSse,
  startRedis,
  startServer,
  uniqueQueue,
  type Api,
  type LocalRedis,
  type LocalServer,
} from '../../scripts/local-service.js';
import { INTERVIEW_ENDED_MESSAGE } from '../../server/http/error-handler.js';
import { serviceEnv } from './service-harness.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const tokenOf = (url: string): string => url.slice(url.lastIndexOf('/') + 1);

interface Listed {
  interviews: { interview: { id: string; endedBy?: string }; clock: { status: string } }[];
}

describe('interview lifecycle', () => {
  let redis: LocalRedis;
  let servers: LocalServer[];
  let client: Api;
  let other: Api;

  beforeAll(async () => {
    redis = await startRedis();
    const env = serviceEnv(redis.url, uniqueQueue('lifecycle'), { GRADER_DEADLINE_CHECK_MS: '200' });
    servers = await Promise.all([startServer(env), startServer(env)]);
    client = api(servers[0]!.url);
    other = api(servers[1]!.url);
  });
  afterAll(async () => {
    await Promise.all((servers ?? []).map((s) => s.close()));
    await redis?.destroy();
  });

  const listed = async (query = ''): Promise<Listed['interviews']> =>
    (await client.json<Listed>('GET', `/api/interviews${query}`, undefined, admin)).body.interviews;
  const statusOf = async (id: string): Promise<string | undefined> =>
    (await listed('?archived=include')).find((e) => e.interview.id === id)?.clock.status;
  const submissionsOf = async (token: string) =>
    (await client.json<{ submissions: { kind: string; origin: string; code: string }[] }>('GET', `/api/i/${token}/submissions`)).body
      .submissions;

  it('re-issues a link (the old one is the usual 404) and opens the interviewer view through a temporary link', async () => {
    const created = await createInterview(client);
    const id = created.interview.id;
    const issued = await client.json<{ role: string; url: string }>('POST', `/api/interviews/${id}/links`, { role: 'candidate' }, admin);
    expect(issued.status).toBe(201);
    expect((await client.json('GET', `/api/i/${created.candidateToken}`)).status).toBe(404);
    expect((await other.json('GET', `/api/i/${tokenOf(issued.body.url)}`)).body).toMatchObject({ role: 'candidate' });
    expect((await client.json('GET', `/api/i/${created.interviewerToken}`)).status).toBe(200);

    const opened = await client.json<{ url: string; expiresAtMs: number }>('POST', `/api/interviews/${id}/open`, undefined, admin);
    expect(opened.status).toBe(201);
    expect(opened.body.expiresAtMs).toBeGreaterThan(Date.now() + 3600_000);
    expect((await client.json('GET', `/api/i/${tokenOf(opened.body.url)}`)).body).toMatchObject({ role: 'interviewer' });
    // A new interviewer link ends the old one, not the temporary link the dashboard opened.
    expect((await client.json('POST', `/api/interviews/${id}/links`, { role: 'interviewer' }, admin)).status).toBe(201);
    expect((await client.json('GET', `/api/i/${created.interviewerToken}`)).status).toBe(404);
    expect((await client.json('GET', `/api/i/${tokenOf(opened.body.url)}`)).status).toBe(200);

    expect((await client.json('POST', `/api/interviews/${id}/links`, { role: 'admin' }, admin)).status).toBe(400);
    expect((await client.json('POST', `/api/interviews/${crypto.randomUUID()}/open`, undefined, admin)).status).toBe(404);
    expect((await client.json('POST', `/api/interviews/${id}/open`)).status).toBe(401);
  });

  it("starts a timed interview at the candidate's first visit, submits the last draft exactly once at the deadline, then refuses", async () => {
    const res = await client.json<{ interview: { id: string }; candidateToken: string; interviewerToken: string }>(
      'POST',
      '/api/interviews',
      { challengeId: 'group-sum', candidateName: 'Timed', durationMinutes: 0.05 },
      admin,
    );
    expect(res.status).toBe(201);
    const { interview, candidateToken, interviewerToken } = res.body;
    // The interviewer looking does not start it.
    expect((await client.json('GET', `/api/i/${interviewerToken}`)).body).toMatchObject({
      clock: { status: 'not_started', deadlineAtMs: null },
    });
    expect(await statusOf(interview.id)).toBe('not_started');

    const opened = await client.json<{ clock: { status: string; deadlineAtMs: number } }>('GET', `/api/i/${candidateToken}`);
    expect(opened.body.clock.status).toBe('in_progress');
    expect(opened.body.clock.deadlineAtMs - Date.now()).toBeLessThanOrEqual(3_000);
    for (const code of ['draft one', 'final draft'])
      expect((await other.json('PUT', `/api/i/${candidateToken}/draft`, { code, events: [] })).status).toBe(200);

    const until = Date.now() + 15_000;
    while ((await statusOf(interview.id)) !== 'ended') {
      if (Date.now() > until) throw new Error('the interview did not end within 15 s of a 3 s time box');
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1_000)); // both servers' sweeps have run several times since
    expect(await submissionsOf(candidateToken)).toEqual([
      expect.objectContaining({ kind: 'submit', origin: 'interview_end', code: 'final draft' }),
    ]);

    const view = (await client.json<InterviewState>('GET', `/api/i/${candidateToken}`)).body;
    expect(view.interview).toMatchObject({ endedBy: 'deadline', endedAtMs: opened.body.clock.deadlineAtMs });
    for (const [method, path, body] of [
      ['POST', 'submissions', { kind: 'run', code: 'x' }],
      ['POST', 'submissions', { kind: 'submit', code: 'x' }],
      ['PUT', 'draft', { code: 'too late', events: [] }],
    ] as const) {
      const refused = await other.json(method, `/api/i/${candidateToken}/${path}`, body);
      expect(refused).toEqual({ status: 409, body: { error: INTERVIEW_ENDED_MESSAGE } });
    }
    expect((await client.json<{ code: string }>('GET', `/api/i/${interviewerToken}/draft`)).body.code).toBe('final draft');
    expect(await submissionsOf(candidateToken)).toHaveLength(1);
    // The report: the final submission's code, and who ended it; the candidate link cannot read it.
    expect((await client.json('GET', `/api/i/${interviewerToken}/report`)).body).toMatchObject({
      challenges: [{ id: 'group-sum', finalCode: 'final draft' }],
      interview: { endedBy: 'deadline' },
      submissions: [{ kind: 'submit', origin: 'interview_end', status: 'queued' }],
      scorecard: null,
    });
    expect((await client.json('GET', `/api/i/${candidateToken}/report`)).status).toBe(404);
  });

  it('lets the interviewer extend and end early (telling the candidate page live), never the candidate', async () => {
    const res = await client.json<{ interview: { id: string }; candidateToken: string; interviewerToken: string }>(
      'POST',
      '/api/interviews',
      { challengeId: 'group-sum', candidateName: 'Early', durationMinutes: 10 },
      admin,
    );
    const { candidateToken, interviewerToken } = res.body;
    const started = (await client.json<InterviewState>('GET', `/api/i/${candidateToken}`)).body.clock.deadlineAtMs!;
    const extended = await other.json<InterviewState>('POST', `/api/i/${interviewerToken}/extend`, { minutes: 5 });
    expect(extended.body.clock.deadlineAtMs).toBe(started + 5 * 60_000);
    expect((await client.json('POST', `/api/i/${candidateToken}/extend`, { minutes: 5 })).body).toEqual({
      error: 'only the interviewer link ends or extends the interview',
    });
    expect((await client.json('POST', `/api/i/${interviewerToken}/extend`, { minutes: 0 })).status).toBe(400);

    const told = readSse(`${servers[1]!.url}/api/i/${candidateToken}/events`, (e) => e.event === 'interview', 10_000);
    await new Promise((r) => setTimeout(r, 300)); // subscribed
    const ended = await client.json<InterviewState>('POST', `/api/i/${interviewerToken}/end`);
    expect(ended.body).toMatchObject({ interview: { endedBy: 'interviewer' }, clock: { status: 'ended' } });
    expect((await told).at(-1)).toMatchObject({ event: 'interview', data: { clock: { status: 'ended' } } });
    expect(await submissionsOf(candidateToken)).toEqual([]); // no draft was saved: nothing to submit
    expect((await client.json('POST', `/api/i/${candidateToken}/submissions`, { kind: 'submit', code: 'x' })).status).toBe(409);
    expect((await client.json('POST', `/api/i/${interviewerToken}/extend`, { minutes: 5 })).body).toEqual({
      error: 'the interview has ended: it cannot be extended',
    });
    // Ending twice changes nothing.
    expect((await client.json<InterviewState>('POST', `/api/i/${interviewerToken}/end`)).body.interview.endedAtMs).toBe(
      ended.body.interview.endedAtMs,
    );

    // Time added before the candidate came counts from their first visit.
    const early = await client.json<{ interview: { id: string }; candidateToken: string }>(
      'POST',
      '/api/interviews',
      { challengeId: 'group-sum', candidateName: 'Extended early', durationMinutes: 10 },
      admin,
    );
    await client.json('POST', `/api/interviews/${early.body.interview.id}/extend`, { minutes: 5 }, admin);
    const before = Date.now();
    const { clock } = (await client.json<InterviewState>('GET', `/api/i/${early.body.candidateToken}`)).body;
    expect(clock.deadlineAtMs! - before).toBeGreaterThanOrEqual(15 * 60_000 - 1_000);
    expect(clock.deadlineAtMs! - before).toBeLessThanOrEqual(15 * 60_000 + 1_000);

    const untimed = await createInterview(client);
    expect((await client.json('POST', `/api/interviews/${untimed.interview.id}/extend`, { minutes: 5 }, admin)).body).toEqual({
      error: 'the interview is untimed: there is no deadline to extend',
    });
    expect((await client.json<InterviewState>('POST', `/api/interviews/${untimed.interview.id}/end`, undefined, admin)).body).toMatchObject(
      {
        interview: { endedBy: 'admin' },
        clock: { status: 'ended' },
      },
    );
  });

  it('hides archived interviews from the default list and restores them', async () => {
    const { interview } = await createInterview(client);
    const ids = async (query: string): Promise<string[]> => (await listed(query)).map((e) => e.interview.id);
    expect((await client.json('POST', `/api/interviews/${interview.id}/archive`, { archived: true }, admin)).status).toBe(200);
    expect(await ids('')).not.toContain(interview.id);
    expect(await ids('?archived=only')).toContain(interview.id);
    await client.json('POST', `/api/interviews/${interview.id}/archive`, { archived: false }, admin);
    expect(await ids('')).toContain(interview.id);
    expect((await client.json('GET', '/api/interviews?archived=maybe', undefined, admin)).status).toBe(400);
  });

  it('keeps a draft, submissions and time per challenge of an interview made from a template, and submits each saved draft at the end', async () => {
    // Templates: checked against the catalogue, listed, used, deleted.
    const plan = [
      { challengeId: 'group-sum', durationMinutes: 1 },
      { challengeId: 'timed-sum', durationMinutes: 2 },
    ];
    expect((await client.json('POST', '/api/templates', { name: 'Two', challenges: plan })).status).toBe(401);
    expect((await client.json('POST', '/api/templates', { name: 'Dup', challenges: [plan[0], plan[0]] }, admin)).body).toEqual({
      error: 'invalid template: challenges: must name each challenge at most once',
    });
    expect((await client.json('POST', '/api/templates', { name: 'Gone', challenges: [{ challengeId: 'no-such' }] }, admin)).body).toEqual({
      error: 'unknown challenge "no-such"',
    });
    const made = await client.json<CreatedTemplate>('POST', '/api/templates', { name: 'Two', challenges: plan }, admin);
    expect(made.status).toBe(201);
    const templateId = made.body.template.id;
    const templates = (await other.json<TemplateList>('GET', '/api/templates', undefined, admin)).body.templates;
    expect(templates.find((t) => t.id === templateId)?.challenges).toEqual([
      { challengeId: 'group-sum', durationMs: 60_000 },
      { challengeId: 'timed-sum', durationMs: 120_000 },
    ]);

    const both = { challengeId: 'group-sum', templateId, candidateName: 'x' };
    expect((await client.json('POST', '/api/interviews', both, admin)).body).toEqual({
      error: 'invalid interview: must give exactly one of challengeId, challenges or templateId',
    });
    const res = await client.json<{ interview: { id: string; durationMs?: number }; candidateToken: string; interviewerToken: string }>(
      'POST',
      '/api/interviews',
      { templateId, candidateName: 'Two challenges' },
      admin,
    );
    expect(res.status).toBe(201);
    expect(res.body.interview.durationMs).toBe(180_000); // the sum of the budgets
    const { candidateToken: cand, interviewerToken: int } = res.body;
    const id = res.body.interview.id;

    // The candidate starts on the first challenge; each challenge has its own draft.
    const first = (await client.json<InterviewView>('GET', `/api/i/${cand}`)).body;
    expect(first.challenge.id).toBe('group-sum');
    expect(first.challenges.map((c) => [c.challengeId, c.durationMs, c.current])).toEqual([
      ['group-sum', 60_000, true],
      ['timed-sum', 120_000, false],
    ]);
    expect((await client.json('PUT', `/api/i/${cand}/draft`, { code: 'a = 1', events: [] })).status).toBe(200);
    expect((await other.json('PUT', `/api/i/${cand}/draft`, { code: 'b = 2', events: [], challengeId: 'timed-sum' })).status).toBe(200);
    expect((await client.json('GET', `/api/i/${cand}/draft`)).body).toMatchObject({ code: 'a = 1' });
    expect((await client.json('GET', `/api/i/${int}/draft?challenge=timed-sum`)).body).toMatchObject({ code: 'b = 2' });
    expect((await client.json('PUT', `/api/i/${cand}/draft`, { code: 'c', events: [], challengeId: 'no-such' })).body).toEqual({
      error: 'challenge "no-such" is not one of this interview\'s (group-sum, timed-sum)',
    });
    const run = await client.json<{ id: string }>('POST', `/api/i/${cand}/submissions`, {
      kind: 'run',
      code: 'b = 3',
      challengeId: 'timed-sum',
    });
    expect(run.status).toBe(202);

    // Moving: the candidate only; the time on the challenge left is kept.
    await new Promise((r) => setTimeout(r, 300));
    expect((await client.json('POST', `/api/i/${int}/position`, { challengeId: 'timed-sum' })).status).toBe(403);
    const moved = await client.json<InterviewState>('POST', `/api/i/${cand}/position`, { challengeId: 'timed-sum' });
    expect(moved.body.interview.currentChallengeId).toBe('timed-sum');
    expect(moved.body.interview.spentMs?.['group-sum']).toBeGreaterThanOrEqual(300);
    const seen = (await other.json<InterviewView>('GET', `/api/i/${int}`)).body;
    expect(seen.challenge.id).toBe('timed-sum'); // where the candidate is
    expect(seen.hiddenCases?.map((c) => c.name)).toEqual(['nulls', 'scale']);
    expect(seen.challenges.find((c) => c.challengeId === 'group-sum')?.spentMs).toBeGreaterThanOrEqual(300);
    expect((await client.json<InterviewView>('GET', `/api/i/${int}?challenge=group-sum`)).body.challenge.id).toBe('group-sum');

    // The end submits each challenge's saved draft once, each under its own challenge.
    await client.json('POST', `/api/interviews/${id}/end`, undefined, admin);
    await other.json('POST', `/api/interviews/${id}/end`, undefined, admin);
    const subs = (
      await client.json<{ submissions: { challengeId: string; kind: string; origin: string; code: string }[] }>(
        'GET',
        `/api/i/${int}/submissions`,
      )
    ).body.submissions;
    // (Both final submissions are made at the same instant: their order is not defined.)
    expect(subs.map((s) => [s.challengeId, s.kind, s.origin, s.code]).sort()).toEqual([
      ['group-sum', 'submit', 'interview_end', 'a = 1'],
      ['timed-sum', 'run', 'candidate', 'b = 3'],
      ['timed-sum', 'submit', 'interview_end', 'b = 2'],
    ]);
    expect((await client.json('POST', `/api/i/${cand}/position`, { challengeId: 'group-sum' })).body).toEqual({
      error: INTERVIEW_ENDED_MESSAGE,
    });

    // The dashboard and the report show each challenge.
    const entry = (await client.json<InterviewList>('GET', '/api/interviews', undefined, admin)).body.interviews.find(
      (e) => e.interview.id === id,
    )!;
    expect(entry.challenges.map((c) => [c.challengeId, c.latestSubmit?.origin])).toEqual([
      ['group-sum', 'interview_end'],
      ['timed-sum', 'interview_end'],
    ]);
    const report = (await client.json<InterviewReport>('GET', `/api/i/${int}/report`)).body;
    expect(report.challenges.map((c) => [c.id, c.finalCode, c.durationMs])).toEqual([
      ['group-sum', 'a = 1', 60_000],
      ['timed-sum', 'b = 2', 120_000],
    ]);

    expect((await client.json('DELETE', `/api/templates/${templateId}`, undefined, admin)).status).toBe(204);
    expect((await client.json('DELETE', `/api/templates/${templateId}`, undefined, admin)).status).toBe(404);
    expect((await client.json('POST', '/api/interviews', { templateId, candidateName: 'x' }, admin)).body).toEqual({
      error: 'no such template',
    });
  });

  it('lets the candidate stop a queued Run (it ends cancelled and leaves the queue), never a Submit, and not from the interviewer link', async () => {
    const { candidateToken, interviewerToken } = await createInterview(client);
    const run = await client.json<{ id: string }>('POST', `/api/i/${candidateToken}/submissions`, { kind: 'run', code: 'x = 1' });
    const submit = await client.json<{ id: string }>('POST', `/api/i/${candidateToken}/submissions`, { kind: 'submit', code: 'x = 1' });
    const path = (id: string) => `/api/i/${candidateToken}/submissions/${id}/cancel`;
    expect((await client.json('POST', `/api/i/${interviewerToken}/submissions/${run.body.id}/cancel`)).body).toEqual({
      error: 'only the candidate link stops a Run',
    });
    expect((await client.json('POST', path(submit.body.id))).body).toEqual({
      error: 'a Submit cannot be stopped once it is sent; only a Run can',
    });
    const stopped = await other.json('POST', path(run.body.id));
    expect(stopped).toEqual({ status: 202, body: { id: run.body.id, status: 'cancelled' } });
    expect((await client.json('POST', path(run.body.id))).status).toBe(202); // stopping twice is the same
    const record = await servers[0]!.store.getSubmission(run.body.id);
    expect(record).toMatchObject({ status: 'cancelled', verdict: null, cancelRequested: true });
    expect(await servers[0]!.store.pendingBefore(Date.now())).not.toContain(run.body.id);
    expect(await servers[0]!.store.pendingBefore(Date.now())).toContain(submit.body.id);
    expect((await client.json('POST', `/api/i/${candidateToken}/submissions/${crypto.randomUUID()}/cancel`)).status).toBe(404);
  });
});
