// The Redis store both processes use: interviews, hashed tokens, submission records,
// drafts (one per challenge of an interview, each with its playback events), scorecards, live-event channels and worker heartbeats. Every state change of a submission goes
// through a Lua script or MULTI here, and publishes on the submission's and interview's channels.
// Every write to an interview stamps its last activity, which retention reads; deleting an
// interview deletes every key of it at once. Each interview's unfinished submissions are counted
// (all, and Runs alone) for the queue's fair priority.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { CustomInput } from '../core/custom-input.js';
import type { Cursor, Draft, DraftEvent } from '../core/draft.js';
import { CursorSchema, DraftEventSchema } from '../core/draft.js';
import type { GradeResult } from '../core/grade-result.js';
import { InterviewSchema, RoleSchema, type Interview, type InterviewChallenge, type Role } from '../core/interview.js';
import { PoolStateSchema } from '../core/pool-state.js';
import type { Scorecard, StoredScorecard } from '../core/scorecard.js';
import { StoredScorecardSchema } from '../core/scorecard.js';
import { SubmissionRecordSchema, type LiveEvent, type SubmissionKind, type SubmissionRecord } from '../core/submission.js';
import { generateToken, hashToken } from '../core/tokens.js';
import { INTERVIEW_ENDED_LUA, WRITE_SUBMISSION_LUA } from './lua-fragments.js';
import { execOk } from './redis.js';

// Claim: a worker attempt takes a submission that is not finished, with a fresh attempt token.
const CLAIM = `
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return 'missing' end
if st == 'graded' or st == 'system_error' or st == 'cancelled' then return st end
redis.call('HSET', KEYS[1], 'status', 'running', 'attemptToken', ARGV[1], 'startedAtMs', ARGV[2], 'casesDone', '0', 'casesTotal', ARGV[3])
redis.call('HINCRBY', KEYS[1], 'attempts', 1)
local msg = cjson.encode({type = 'status', submissionId = ARGV[4], status = 'running'})
redis.call('PUBLISH', ARGV[5], msg)
redis.call('PUBLISH', ARGV[6], msg)
return 'claimed'`;

// Finish: written only by the attempt holding the token while the record is running, so an
// attempt that lost its lock (and was superseded) cannot add a second result. Token '*' is the
// sweeper's: it ends any unfinished record (used for system_error only).
const FINISH = `
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return 0 end
if ARGV[1] == '*' then
  if st ~= 'queued' and st ~= 'running' then return 0 end
else
  if st ~= 'running' or redis.call('HGET', KEYS[1], 'attemptToken') ~= ARGV[1] then return 0 end
end
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'finishedAtMs', ARGV[3], 'verdict', ARGV[4], 'result', ARGV[5], 'error', ARGV[6])
redis.call('ZREM', KEYS[2], ARGV[7])
redis.call('SREM', KEYS[3], ARGV[7])
redis.call('SREM', KEYS[4], ARGV[7])
if redis.call('EXISTS', KEYS[6]) == 1 then redis.call('ZADD', KEYS[5], ARGV[3], ARGV[10]) end
local msg = cjson.encode({type = 'status', submissionId = ARGV[7], status = ARGV[2]})
redis.call('PUBLISH', ARGV[8], msg)
redis.call('PUBLISH', ARGV[9], msg)
return 1`;

// Cancel (a Run, by the candidate): a queued one ends now, as cancelled, and leaves the indexes;
// a running one is marked and the workers are told on the cancel channel (the one grading it
// stops its sandbox and writes the end); a finished one stays as it is.
const CANCEL = `
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return 'missing' end
if st == 'queued' then
  redis.call('HSET', KEYS[1], 'status', 'cancelled', 'finishedAtMs', ARGV[2], 'cancelRequested', '1')
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('SREM', KEYS[3], ARGV[1])
  redis.call('SREM', KEYS[4], ARGV[1])
  redis.call('ZADD', KEYS[5], ARGV[2], ARGV[6])
  local msg = cjson.encode({type = 'status', submissionId = ARGV[1], status = 'cancelled'})
  redis.call('PUBLISH', ARGV[3], msg)
  redis.call('PUBLISH', ARGV[4], msg)
  return 'cancelled'
end
if st == 'running' then
  redis.call('HSET', KEYS[1], 'cancelRequested', '1')
  redis.call('PUBLISH', ARGV[5], ARGV[1])
  return 'cancelling'
end
return st`;

// Progress: only the current attempt's frames count.
const PROGRESS = `
if redis.call('HGET', KEYS[1], 'status') ~= 'running' or redis.call('HGET', KEYS[1], 'attemptToken') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'casesDone', ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[5])
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 1`;

// Accept: a new queued submission of an interview that is still open.
const ACCEPT = `${INTERVIEW_ENDED_LUA}${WRITE_SUBMISSION_LUA}
if redis.call('EXISTS', KEYS[1]) == 0 then return 'missing' end
if interview_ended(KEYS[1], tonumber(ARGV[6])) then return 'ended' end
return write_submission(
  {sub = KEYS[2], subs = KEYS[3], pending = KEYS[4], activity = KEYS[5], all = KEYS[6], runs = KEYS[7]},
  {id = ARGV[1], interviewId = ARGV[2], challengeId = ARGV[3], kind = ARGV[4], code = ARGV[5], now = ARGV[6],
   channel = ARGV[7], origin = 'candidate', customInput = ARGV[8]})`;

// Draft: the code (and the cursor, when given) is always saved while the interview is open; the batch's edit events are
// recorded only when the challenge's playback stays within both caps (count, bytes), else none
// of them and the answer says 'full'.
const PUT_DRAFT = `${INTERVIEW_ENDED_LUA}
if redis.call('EXISTS', KEYS[5]) == 0 then return 'missing' end
if interview_ended(KEYS[5], tonumber(ARGV[2])) then return 'ended' end
redis.call('HSET', KEYS[1], 'code', ARGV[1], 'updatedAtMs', ARGV[2])
if ARGV[6] ~= '' then redis.call('HSET', KEYS[1], 'cursor', ARGV[6]) end
redis.call('ZADD', KEYS[4], ARGV[2], ARGV[5])
local n = #ARGV - 6
if n == 0 then return 'saved' end
local bytes = 0
for i = 7, #ARGV do bytes = bytes + #ARGV[i] end
if redis.call('LLEN', KEYS[2]) + n > tonumber(ARGV[3]) or tonumber(redis.call('HGET', KEYS[3], 'bytes') or '0') + bytes > tonumber(ARGV[4]) then
  redis.call('HSET', KEYS[3], 'full', '1')
  return 'full'
end
redis.call('RPUSH', KEYS[2], unpack(ARGV, 7))
redis.call('HINCRBY', KEYS[3], 'bytes', bytes)
return 'saved'`;

// Migrate: an interview stored with one `challengeId` gets its `challenges` list, and its one
// draft (with events and caps' state) moves to that challenge's keys; once (a second run finds
// the list and does nothing), so the server and the worker may both run it as they start.
const MIGRATE_DRAFTS = `
if redis.call('HEXISTS', KEYS[1], 'challenges') == 1 or redis.call('HGET', KEYS[1], 'challengeId') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'challenges', ARGV[2])
redis.call('HDEL', KEYS[1], 'challengeId')
for i = 2, 4 do
  if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('RENAME', KEYS[i], KEYS[i + 3]) end
end
return 1`;

export type ClaimOutcome = 'claimed' | 'missing' | 'graded' | 'system_error' | 'cancelled';

export class Store {
  constructor(
    readonly redis: Redis,
    readonly prefix: string,
  ) {}

  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  submissionKey(id: string): string {
    return this.key('submission', id);
  }
  /** Submissions accepted and not finished (queued or running), scored by acceptance time. */
  pendingKey(): string {
    return this.key('pending');
  }
  /** Where the workers hear that a running Run is to be stopped (the message: its id). */
  cancelChannel(): string {
    return this.key('events', 'cancel');
  }
  submissionChannel(id: string): string {
    return this.key('events', 'submission', id);
  }
  interviewChannel(id: string): string {
    return this.key('events', 'interview', id);
  }
  workerKey(workerId: string): string {
    return this.key('worker', workerId);
  }
  workerPattern(): string {
    return this.key('worker', '*');
  }
  metricsKey(name: string): string {
    return this.key('metrics', name);
  }
  /** Every interview by its last activity (creation, submission, result, draft, scorecard), in ms. */
  activityKey(): string {
    return this.key('activity');
  }
  interviewKey(id: string, ...parts: string[]): string {
    return this.key('interview', id, ...parts);
  }
  /** The candidate's draft of one challenge of the interview, its playback events, and their caps' state. */
  draftKey(interviewId: string, challengeId: string, part: 'draft' | 'draft-events' | 'draft-events-meta' = 'draft'): string {
    return this.interviewKey(interviewId, part, challengeId);
  }
  /** Timed interviews' deadlines, in milliseconds since the epoch. */
  deadlinesKey(): string {
    return this.key('deadlines');
  }
  /** The interview's unfinished submissions (`all`), and its unfinished Runs (`runs`). */
  private unfinishedKey(interviewId: string, which: 'all' | 'runs'): string {
    return this.interviewKey(interviewId, which === 'all' ? 'unfinished' : 'unfinished-runs');
  }

  async createInterview(input: {
    /** In order; at least one. */
    challenges: InterviewChallenge[];
    candidateName: string;
    /** The time box, in milliseconds; absent: untimed. */
    durationMs?: number;
  }): Promise<{ interview: Interview; candidateToken: string; interviewerToken: string }> {
    const interview: Interview = {
      id: randomUUID(),
      challenges: input.challenges,
      candidateName: input.candidateName,
      createdAt: new Date().toISOString(),
      ...(input.durationMs !== undefined ? { durationMs: Math.round(input.durationMs) } : {}),
    };
    const candidateToken = generateToken();
    const interviewerToken = generateToken();
    const tokenHashes = [hashToken(candidateToken), hashToken(interviewerToken)];
    await this.redis
      .multi()
      .hset(this.interviewKey(interview.id), { ...interview, challenges: JSON.stringify(interview.challenges) })
      .zadd(this.key('interviews'), Date.parse(interview.createdAt), interview.id)
      .zadd(this.activityKey(), Date.parse(interview.createdAt), interview.id)
      .set(this.key('token', tokenHashes[0]!), `candidate:${interview.id}`)
      .set(this.key('token', tokenHashes[1]!), `interviewer:${interview.id}`)
      .sadd(this.interviewKey(interview.id, 'tokens'), ...tokenHashes)
      .exec()
      .then(execOk);
    return { interview, candidateToken, interviewerToken };
  }

  /** The newest interviews first (those created since the index exists). */
  async listInterviews(limit: number): Promise<Interview[]> {
    const ids = await this.redis.zrevrange(this.key('interviews'), 0, limit - 1);
    const interviews = await Promise.all(ids.map((id) => this.getInterview(id)));
    return interviews.filter((i): i is Interview => i !== null);
  }

  /** The interview and role a token opens, or null for any unknown token. */
  async resolveToken(token: string): Promise<{ interview: Interview; role: Role } | null> {
    const value = await this.redis.get(this.key('token', hashToken(token)));
    if (!value) return null;
    const [role, interviewId] = value.split(':') as [string, string];
    const interview = await this.getInterview(interviewId);
    return interview ? { interview, role: RoleSchema.parse(role) } : null;
  }

  async getInterview(id: string): Promise<Interview | null> {
    const hash = await this.redis.hgetall(this.interviewKey(id));
    return Object.keys(hash).length === 0 ? null : InterviewSchema.parse(hash);
  }

  /**
   * Writes a new record (queued) and indexes it, in one Lua step that first checks the interview
   * is still open (not ended, its deadline not passed); the caller enqueues the job with the
   * returned `rank` (the interview's unfinished submissions before this one, see `queueRank`).
   */
  async acceptSubmission(input: {
    interviewId: string;
    challengeId: string;
    kind: SubmissionKind;
    code: string;
    /** A Run on the candidate's own rows (validated by the caller). */
    customInput?: CustomInput;
  }): Promise<{ record: SubmissionRecord; rank: number }> {
    const customInput = input.customInput ? JSON.stringify(input.customInput) : '';
    const id = randomUUID();
    const createdAtMs = Date.now();
    const rank = await this.redis.eval(
      ACCEPT,
      7,
      this.interviewKey(input.interviewId),
      this.submissionKey(id),
      this.interviewKey(input.interviewId, 'submissions'),
      this.pendingKey(),
      this.activityKey(),
      this.unfinishedKey(input.interviewId, 'all'),
      this.unfinishedKey(input.interviewId, 'runs'),
      id,
      input.interviewId,
      input.challengeId,
      input.kind,
      input.code,
      String(createdAtMs),
      this.interviewChannel(input.interviewId),
      customInput,
    );
    if (rank === 'missing') throw new InterviewGoneError(input.interviewId);
    if (rank === 'ended') throw new InterviewEndedError(input.interviewId);
    const record = SubmissionRecordSchema.parse({
      id,
      interviewId: input.interviewId,
      challengeId: input.challengeId,
      kind: input.kind,
      code: input.code,
      status: 'queued',
      createdAtMs: String(createdAtMs),
      attempts: '0',
      origin: 'candidate',
      customInput,
    });
    return { record, rank: Number(rank) };
  }

  /**
   * Where a submission of the interview queues among the interview's own work: a Run counts the
   * interview's unfinished Runs, a Submit all its unfinished submissions (itself excluded). The
   * job's priority grows with it (core/grade-job.ts), so one interview's backlog cannot starve
   * another's first submission, while its own Runs still go before its own Submits.
   */
  async queueRank(record: Pick<SubmissionRecord, 'id' | 'interviewId' | 'kind'>): Promise<number> {
    const key = this.unfinishedKey(record.interviewId, record.kind === 'run' ? 'runs' : 'all');
    const [[, count], [, member]] = (await this.redis.multi().scard(key).sismember(key, record.id).exec()) as [
      [null, number],
      [null, number],
    ];
    return count - member;
  }

  async getSubmission(id: string): Promise<SubmissionRecord | null> {
    const hash = await this.redis.hgetall(this.submissionKey(id));
    return Object.keys(hash).length === 0 ? null : SubmissionRecordSchema.parse(hash);
  }

  /** Submission ids of an interview, oldest first. */
  listSubmissionIds(interviewId: string): Promise<string[]> {
    return this.redis.zrange(this.interviewKey(interviewId, 'submissions'), 0, -1);
  }

  async listSubmissions(interviewId: string): Promise<SubmissionRecord[]> {
    const ids = await this.listSubmissionIds(interviewId);
    const records = await Promise.all(ids.map((id) => this.getSubmission(id)));
    return records.filter((r): r is SubmissionRecord => r !== null);
  }

  /** Ids of unfinished submissions accepted before `beforeMs`. */
  pendingBefore(beforeMs: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.pendingKey(), '-inf', beforeMs);
  }

  /**
   * The candidate stops a Run: `cancelled` (it was queued, and now is over), `cancelling` (it is
   * running: the worker stops it and writes the end), or the status it already finished in.
   */
  async cancel(
    record: Pick<SubmissionRecord, 'id' | 'interviewId'>,
  ): Promise<'cancelled' | 'cancelling' | 'graded' | 'system_error' | 'missing'> {
    const outcome = await this.redis.eval(
      CANCEL,
      5,
      this.submissionKey(record.id),
      this.pendingKey(),
      this.unfinishedKey(record.interviewId, 'all'),
      this.unfinishedKey(record.interviewId, 'runs'),
      this.activityKey(),
      record.id,
      String(Date.now()),
      this.submissionChannel(record.id),
      this.interviewChannel(record.interviewId),
      this.cancelChannel(),
      record.interviewId,
    );
    // A second cancel of a cancelled one answers as the first did.
    return outcome === 'cancelled' ? 'cancelled' : z.enum(['cancelling', 'graded', 'system_error', 'missing']).parse(outcome);
  }

  async claim(record: Pick<SubmissionRecord, 'id' | 'interviewId'>, attemptToken: string, casesTotal: number): Promise<ClaimOutcome> {
    const outcome = await this.redis.eval(
      CLAIM,
      1,
      this.submissionKey(record.id),
      attemptToken,
      String(Date.now()),
      String(casesTotal),
      record.id,
      this.submissionChannel(record.id),
      this.interviewChannel(record.interviewId),
    );
    return z.enum(['claimed', 'missing', 'graded', 'system_error', 'cancelled']).parse(outcome);
  }

  async progress(
    record: Pick<SubmissionRecord, 'id' | 'interviewId'>,
    attemptToken: string,
    event: Extract<LiveEvent, { type: 'progress' }>,
  ): Promise<void> {
    await this.redis.eval(
      PROGRESS,
      1,
      this.submissionKey(record.id),
      attemptToken,
      String(event.casesDone),
      this.submissionChannel(record.id),
      this.interviewChannel(record.interviewId),
      JSON.stringify(event),
    );
  }

  /** Stores the outcome if `attemptToken` still holds the record ('*': any unfinished record); true when written. */
  async finish(
    record: Pick<SubmissionRecord, 'id' | 'interviewId'>,
    attemptToken: string,
    outcome: { status: 'graded'; result: GradeResult } | { status: 'system_error'; error: string } | { status: 'cancelled' },
  ): Promise<boolean> {
    const finishedAtMs = Date.now();
    const written = await this.redis.eval(
      FINISH,
      6,
      this.submissionKey(record.id),
      this.pendingKey(),
      this.unfinishedKey(record.interviewId, 'all'),
      this.unfinishedKey(record.interviewId, 'runs'),
      this.activityKey(),
      this.interviewKey(record.interviewId),
      attemptToken,
      outcome.status,
      String(finishedAtMs),
      outcome.status === 'graded' ? outcome.result.verdict : '',
      outcome.status === 'graded' ? JSON.stringify(outcome.result) : '',
      outcome.status === 'system_error' ? outcome.error : '',
      record.id,
      this.submissionChannel(record.id),
      this.interviewChannel(record.interviewId),
      record.interviewId,
    );
    return written === 1;
  }

  /**
   * Saves the code, and records the edit events when the interview's playback stays within
   * `caps` (events, bytes); `eventsRecorded` false: the code is saved, these edits are not.
   */
  async putDraft(
    interviewId: string,
    challengeId: string,
    code: string,
    events: DraftEvent[],
    caps: { maxEvents: number; maxBytes: number },
    cursor: Cursor | null = null,
  ): Promise<{ draft: Draft; eventsRecorded: boolean }> {
    const draft: Draft = { code, updatedAtMs: Date.now(), cursor };
    const outcome = await this.redis.eval(
      PUT_DRAFT,
      5,
      this.draftKey(interviewId, challengeId),
      this.draftKey(interviewId, challengeId, 'draft-events'),
      this.draftKey(interviewId, challengeId, 'draft-events-meta'),
      this.activityKey(),
      this.interviewKey(interviewId),
      code,
      String(draft.updatedAtMs),
      String(caps.maxEvents),
      String(caps.maxBytes),
      interviewId,
      cursor ? JSON.stringify(cursor) : '',
      ...events.map((e) => JSON.stringify(e)),
    );
    const answer = z.enum(['saved', 'full', 'missing', 'ended']).parse(outcome);
    if (answer === 'missing') throw new InterviewGoneError(interviewId);
    if (answer === 'ended') throw new InterviewEndedError(interviewId);
    // The live follow, best effort: the interviewer's stream reads the saved code when told.
    const last = events.at(-1);
    const message = {
      type: 'draft',
      interviewId,
      challengeId,
      updatedAtMs: draft.updatedAtMs,
      activity: last === undefined ? null : 'signal' in last ? last.signal : 'edit',
    } satisfies LiveEvent;
    await this.redis.publish(this.interviewChannel(interviewId), JSON.stringify(message)).catch(() => undefined);
    return { draft, eventsRecorded: answer === 'saved' };
  }

  async getDraft(interviewId: string, challengeId: string): Promise<Draft | null> {
    const hash = await this.redis.hgetall(this.draftKey(interviewId, challengeId));
    if (hash.code === undefined) return null;
    const cursor = hash.cursor === undefined ? null : CursorSchema.safeParse(JSON.parse(hash.cursor));
    return { code: hash.code, updatedAtMs: Number(hash.updatedAtMs), cursor: cursor?.success ? cursor.data : null };
  }

  /** Every recorded edit of the challenge's draft, oldest first; `full`: later edits were refused by the caps. */
  async getDraftEvents(interviewId: string, challengeId: string): Promise<{ events: DraftEvent[]; full: boolean }> {
    const [raw, full] = await Promise.all([
      this.redis.lrange(this.draftKey(interviewId, challengeId, 'draft-events'), 0, -1),
      this.redis.hget(this.draftKey(interviewId, challengeId, 'draft-events-meta'), 'full'),
    ]);
    return { events: raw.map((line) => DraftEventSchema.parse(JSON.parse(line))), full: full === '1' };
  }

  async getScorecard(interviewId: string): Promise<StoredScorecard | null> {
    const raw = await this.redis.get(this.interviewKey(interviewId, 'scorecard'));
    return raw === null ? null : StoredScorecardSchema.parse(JSON.parse(raw));
  }

  async putScorecard(interviewId: string, scorecard: Scorecard): Promise<StoredScorecard> {
    const stored: StoredScorecard = { scorecard, updatedAtMs: Date.now() };
    await this.redis
      .multi()
      .set(this.interviewKey(interviewId, 'scorecard'), JSON.stringify(stored))
      .zadd(this.activityKey(), stored.updatedAtMs, interviewId)
      .exec()
      .then(execOk);
    return stored;
  }

  /**
   * Deletes the interview and everything of it at once (record, links, submissions, draft and its
   * events, scorecard, indexes); false when there was no such interview. A grade of it still in
   * flight finds its record gone and writes nothing.
   */
  async deleteInterview(id: string): Promise<boolean> {
    const [submissionIds, tokenHashes, interview] = await Promise.all([
      this.listSubmissionIds(id),
      this.tokenHashes(id),
      this.getInterview(id),
    ]);
    const own = ['submissions', 'tokens', 'scorecard', 'unfinished', 'unfinished-runs'].map((part) => this.interviewKey(id, part));
    const drafts = (interview?.challenges ?? []).flatMap(({ challengeId }) =>
      (['draft', 'draft-events', 'draft-events-meta'] as const).map((part) => this.draftKey(id, challengeId, part)),
    );
    const tx = this.redis
      .multi()
      .del(this.interviewKey(id), ...own, ...drafts)
      .zrem(this.key('interviews'), id)
      .zrem(this.deadlinesKey(), id)
      .zrem(this.activityKey(), id);
    if (tokenHashes.length > 0) tx.del(...tokenHashes.map((h) => this.key('token', h)));
    if (submissionIds.length > 0) tx.del(...submissionIds.map((s) => this.submissionKey(s))).zrem(this.pendingKey(), ...submissionIds);
    await tx.exec().then(execOk);
    return interview !== null;
  }

  /** Deletes every interview whose last activity is before `beforeMs`; answers their ids. */
  async deleteInactiveBefore(beforeMs: number): Promise<string[]> {
    const ids = await this.redis.zrangebyscore(this.activityKey(), '-inf', `(${beforeMs}`);
    for (const id of ids) await this.deleteInterview(id);
    return ids;
  }

  /**
   * Gives every interview stored before activity was stamped its last activity (the latest of its
   * creation, submissions, draft and scorecard), so retention counts from its real last use.
   */
  async backfillActivity(): Promise<number> {
    const listed = await this.redis.zrange(this.key('interviews'), 0, -1, 'WITHSCORES');
    const ids = listed.filter((_, i) => i % 2 === 0);
    // One round trip for the whole index: on every start after the first, nothing is left to stamp.
    const stamped = ids.length > 0 ? await this.redis.zmscore(this.activityKey(), ...ids) : [];
    let added = 0;
    for (const [n, id] of ids.entries()) {
      if (stamped[n] !== null) continue;
      const [lastSubmission, interview, scorecard] = await Promise.all([
        this.redis.zrange(this.interviewKey(id, 'submissions'), -1, -1, 'WITHSCORES'),
        this.getInterview(id),
        this.getScorecard(id),
      ]);
      const drafts = await Promise.all((interview?.challenges ?? []).map((c) => this.getDraft(id, c.challengeId)));
      const lastMs = Math.max(
        Number(listed[2 * n + 1]),
        Number(lastSubmission[1] ?? 0),
        ...drafts.map((d) => d?.updatedAtMs ?? 0),
        scorecard?.updatedAtMs ?? 0,
      );
      added += await this.redis.zadd(this.activityKey(), 'NX', lastMs, id);
    }
    return added;
  }

  /**
   * Moves the drafts of interviews stored before interviews held several challenges (one draft
   * per interview) to their challenge's draft keys, once per Redis; answers how many it moved.
   */
  async migrateSingleChallengeDrafts(): Promise<number> {
    const marker = 'per-challenge-drafts';
    if ((await this.redis.sismember(this.key('migrations'), marker)) === 1) return 0;
    let moved = 0;
    const parts = ['draft', 'draft-events', 'draft-events-meta'] as const;
    for (const id of await this.redis.zrange(this.key('interviews'), 0, -1)) {
      const challengeId = await this.redis.hget(this.interviewKey(id), 'challengeId');
      if (challengeId === null) continue;
      moved += (await this.redis.eval(
        MIGRATE_DRAFTS,
        7,
        this.interviewKey(id),
        ...parts.map((part) => this.interviewKey(id, part)),
        ...parts.map((part) => this.draftKey(id, challengeId, part)),
        challengeId,
        JSON.stringify([{ challengeId }]),
      )) as number;
    }
    await this.redis.sadd(this.key('migrations'), marker);
    return moved;
  }

  /** The hashes of the interview's links; interviews stored before the links were listed are found by a scan. */
  async tokenHashes(interviewId: string): Promise<string[]> {
    const listed = await this.redis.smembers(this.interviewKey(interviewId, 'tokens'));
    if (listed.length > 0) return listed;
    const found: string[] = [];
    const prefix = this.key('token', '');
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      const values = keys.length > 0 ? await this.redis.mget(...keys) : [];
      keys.forEach((k, i) => {
        if (values[i]?.endsWith(`:${interviewId}`)) found.push(k.slice(prefix.length));
      });
    } while (cursor !== '0');
    return found;
  }

  /** Ids of workers whose heartbeat key has not expired. */
  async liveWorkers(): Promise<Map<string, WorkerHeartbeat>> {
    const live = new Map<string, WorkerHeartbeat>();
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', this.workerPattern(), 'COUNT', 200);
      cursor = next;
      const values = keys.length > 0 ? await this.redis.mget(...keys) : [];
      keys.forEach((k, i) => {
        const v = values[i];
        if (v) live.set(k.slice(this.workerKey('').length), WorkerHeartbeatSchema.parse(JSON.parse(v)));
      });
    } while (cursor !== '0');
    return live;
  }

  async heartbeat(workerId: string, beat: WorkerHeartbeat, ttlMs: number): Promise<void> {
    await this.redis.set(this.workerKey(workerId), JSON.stringify(beat), 'PX', ttlMs);
  }
}

/** The interview has ended (stamped, or its deadline passed): no more submissions or draft edits. */
export class InterviewEndedError extends Error {
  constructor(readonly interviewId: string) {
    super(`interview ${interviewId} has ended`);
  }
}

/** The interview was deleted while a request of it was being answered. */
export class InterviewGoneError extends Error {
  constructor(readonly interviewId: string) {
    super(`interview ${interviewId} no longer exists`);
  }
}

export const WorkerHeartbeatSchema = z.object({
  /** Docker answered this worker's last ping. */
  dockerOk: z.boolean(),
  /** Milliseconds since the epoch. */
  at: z.number(),
  queue: z.string(),
  /** The worker's sandbox pool. */
  pool: PoolStateSchema.optional(),
});
export type WorkerHeartbeat = z.infer<typeof WorkerHeartbeatSchema>;
