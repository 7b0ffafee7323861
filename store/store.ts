// The Redis store both processes use: interviews, hashed tokens, submission records,
// drafts, scorecards, live-event channels and worker heartbeats. Every state change of a submission goes
// through a Lua script or MULTI here, and publishes on the submission's and interview's channels.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Draft, DraftEvent } from '../core/draft.js';
import { DraftEventSchema } from '../core/draft.js';
import type { GradeResult } from '../core/grade-result.js';
import { InterviewSchema, RoleSchema, type Interview, type Role } from '../core/interview.js';
import { PoolStateSchema } from '../core/pool-state.js';
import type { Scorecard, StoredScorecard } from '../core/scorecard.js';
import { StoredScorecardSchema } from '../core/scorecard.js';
import { SubmissionRecordSchema, type LiveEvent, type SubmissionKind, type SubmissionRecord } from '../core/submission.js';
import { generateToken, hashToken } from '../core/tokens.js';

// Claim: a worker attempt takes a submission that is not finished, with a fresh attempt token.
const CLAIM = `
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return 'missing' end
if st == 'graded' or st == 'system_error' then return st end
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
local msg = cjson.encode({type = 'status', submissionId = ARGV[7], status = ARGV[2]})
redis.call('PUBLISH', ARGV[8], msg)
redis.call('PUBLISH', ARGV[9], msg)
return 1`;

// Progress: only the current attempt's frames count.
const PROGRESS = `
if redis.call('HGET', KEYS[1], 'status') ~= 'running' or redis.call('HGET', KEYS[1], 'attemptToken') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'casesDone', ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[5])
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 1`;

export type ClaimOutcome = 'claimed' | 'missing' | 'graded' | 'system_error';

export class Store {
  constructor(
    readonly redis: Redis,
    readonly prefix: string,
  ) {}

  private key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  submissionKey(id: string): string {
    return this.key('submission', id);
  }
  /** Submissions accepted and not finished (queued or running), scored by acceptance time. */
  pendingKey(): string {
    return this.key('pending');
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

  async createInterview(input: {
    challengeId: string;
    candidateName: string;
  }): Promise<{ interview: Interview; candidateToken: string; interviewerToken: string }> {
    const interview: Interview = {
      id: randomUUID(),
      challengeId: input.challengeId,
      candidateName: input.candidateName,
      createdAt: new Date().toISOString(),
    };
    const candidateToken = generateToken();
    const interviewerToken = generateToken();
    await this.redis
      .multi()
      .hset(this.key('interview', interview.id), interview)
      .zadd(this.key('interviews'), Date.parse(interview.createdAt), interview.id)
      .set(this.key('token', hashToken(candidateToken)), `candidate:${interview.id}`)
      .set(this.key('token', hashToken(interviewerToken)), `interviewer:${interview.id}`)
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
    const hash = await this.redis.hgetall(this.key('interview', id));
    return Object.keys(hash).length === 0 ? null : InterviewSchema.parse(hash);
  }

  /** Writes a new record (queued) and indexes it, in one MULTI; the caller enqueues the job. */
  async acceptSubmission(input: {
    interviewId: string;
    challengeId: string;
    kind: SubmissionKind;
    code: string;
  }): Promise<SubmissionRecord> {
    const id = randomUUID();
    const createdAtMs = Date.now();
    const fields = {
      id,
      interviewId: input.interviewId,
      challengeId: input.challengeId,
      kind: input.kind,
      code: input.code,
      status: 'queued',
      createdAtMs: String(createdAtMs),
      attempts: '0',
    };
    const message = JSON.stringify({ type: 'status', submissionId: id, status: 'queued' } satisfies LiveEvent);
    await this.redis
      .multi()
      .hset(this.submissionKey(id), fields)
      .zadd(this.key('interview', input.interviewId, 'submissions'), createdAtMs, id)
      .zadd(this.pendingKey(), createdAtMs, id)
      .publish(this.interviewChannel(input.interviewId), message)
      .exec()
      .then(execOk);
    return SubmissionRecordSchema.parse(fields);
  }

  async getSubmission(id: string): Promise<SubmissionRecord | null> {
    const hash = await this.redis.hgetall(this.submissionKey(id));
    return Object.keys(hash).length === 0 ? null : SubmissionRecordSchema.parse(hash);
  }

  /** Submission ids of an interview, oldest first. */
  listSubmissionIds(interviewId: string): Promise<string[]> {
    return this.redis.zrange(this.key('interview', interviewId, 'submissions'), 0, -1);
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
    return z.enum(['claimed', 'missing', 'graded', 'system_error']).parse(outcome);
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
    outcome: { status: 'graded'; result: GradeResult } | { status: 'system_error'; error: string },
  ): Promise<boolean> {
    const written = await this.redis.eval(
      FINISH,
      2,
      this.submissionKey(record.id),
      this.pendingKey(),
      attemptToken,
      outcome.status,
      String(Date.now()),
      outcome.status === 'graded' ? outcome.result.verdict : '',
      outcome.status === 'graded' ? JSON.stringify(outcome.result) : '',
      outcome.status === 'system_error' ? outcome.error : '',
      record.id,
      this.submissionChannel(record.id),
      this.interviewChannel(record.interviewId),
    );
    return written === 1;
  }

  async putDraft(interviewId: string, code: string, events: DraftEvent[], maxEvents: number): Promise<Draft> {
    const draft: Draft = { code, updatedAtMs: Date.now() };
    const eventsKey = this.key('interview', interviewId, 'draft-events');
    const tx = this.redis.multi().hset(this.key('interview', interviewId, 'draft'), { code, updatedAtMs: String(draft.updatedAtMs) });
    if (events.length > 0) tx.rpush(eventsKey, ...events.map((e) => JSON.stringify(e))).ltrim(eventsKey, -maxEvents, -1);
    await tx.exec().then(execOk);
    return draft;
  }

  async getDraft(interviewId: string): Promise<Draft | null> {
    const hash = await this.redis.hgetall(this.key('interview', interviewId, 'draft'));
    return hash.code === undefined ? null : { code: hash.code, updatedAtMs: Number(hash.updatedAtMs) };
  }

  async getDraftEvents(interviewId: string): Promise<DraftEvent[]> {
    const raw = await this.redis.lrange(this.key('interview', interviewId, 'draft-events'), 0, -1);
    return raw.map((line) => DraftEventSchema.parse(JSON.parse(line)));
  }

  async getScorecard(interviewId: string): Promise<StoredScorecard | null> {
    const raw = await this.redis.get(this.key('interview', interviewId, 'scorecard'));
    return raw === null ? null : StoredScorecardSchema.parse(JSON.parse(raw));
  }

  async putScorecard(interviewId: string, scorecard: Scorecard): Promise<StoredScorecard> {
    const stored: StoredScorecard = { scorecard, updatedAtMs: Date.now() };
    await this.redis.set(this.key('interview', interviewId, 'scorecard'), JSON.stringify(stored));
    return stored;
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

/** MULTI answers errors per command instead of throwing: surface the first one. */
function execOk(results: [Error | null, unknown][] | null): void {
  if (!results) throw new Error('redis transaction was aborted');
  const failed = results.find(([error]) => error);
  if (failed) throw new Error(`redis transaction failed: ${failed[0]!.message}`, { cause: failed[0] });
}
