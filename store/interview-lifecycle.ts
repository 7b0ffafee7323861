// An interview's lifecycle in Redis: its clock (started when the candidate first opens the link,
// a deadline for a timed one, extensions), the candidate's moves between its challenges (the time
// spent on each), its end (at the deadline or early, exactly once, with the candidate's last saved
// draft of each challenge submitted in the same step), its links (re-issued: the old one
// stops working; a temporary interviewer link the dashboard opens), and archiving. Whether an
// interview has ended is decided inside the Lua scripts that accept a submission or a draft, so
// nothing slips in after the end.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EndedBy, Interview, Role } from '../core/interview.js';
import type { SubmissionRecord } from '../core/submission.js';
import { generateToken, hashToken } from '../core/tokens.js';
import { INTERVIEW_ENDED_LUA, WRITE_SUBMISSION_LUA } from './lua-fragments.js';
import { execOk } from './redis.js';
import type { Store } from './store.js';

// Start: the first time the candidate opens the link, on the challenge they open; a timed
// interview's deadline is indexed.
const START = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HSETNX', KEYS[1], 'startedAtMs', ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'currentChallengeId', ARGV[4], 'currentSinceMs', ARGV[1])
local f = redis.call('HMGET', KEYS[1], 'durationMs', 'extendedMs')
if f[1] then redis.call('ZADD', KEYS[2], tonumber(ARGV[1]) + tonumber(f[1]) + tonumber(f[2] or '0'), ARGV[2]) end
redis.call('PUBLISH', ARGV[3], cjson.encode({type = 'interview', interviewId = ARGV[2]}))
return 1`;

// Extend: more time for a timed interview that has not ended; its indexed deadline moves.
const EXTEND = `${INTERVIEW_ENDED_LUA}
if redis.call('EXISTS', KEYS[1]) == 0 then return 'missing' end
if not redis.call('HGET', KEYS[1], 'durationMs') then return 'untimed' end
if interview_ended(KEYS[1], tonumber(ARGV[1])) then return 'ended' end
local extended = redis.call('HINCRBY', KEYS[1], 'extendedMs', ARGV[2])
local f = redis.call('HMGET', KEYS[1], 'durationMs', 'startedAtMs')
if f[2] then redis.call('ZADD', KEYS[2], tonumber(f[2]) + tonumber(f[1]) + extended, ARGV[3]) end
redis.call('PUBLISH', ARGV[4], cjson.encode({type = 'interview', interviewId = ARGV[3]}))
return 'extended'`;

// Move: the candidate goes to another challenge of a started interview that has not ended; the
// stay on the one they leave is added to its time spent.
const MOVE = `${INTERVIEW_ENDED_LUA}
if redis.call('EXISTS', KEYS[1]) == 0 then return 'missing' end
if interview_ended(KEYS[1], tonumber(ARGV[1])) then return 'ended' end
local f = redis.call('HMGET', KEYS[1], 'startedAtMs', 'currentChallengeId', 'currentSinceMs', 'spentMs')
if not f[1] then return 'not_started' end
if f[2] == ARGV[2] then return 'moved' end
local spent = f[4] and cjson.decode(f[4]) or {}
if f[2] and f[3] then spent[f[2]] = (spent[f[2]] or 0) + math.max(0, tonumber(ARGV[1]) - tonumber(f[3])) end
redis.call('HSET', KEYS[1], 'currentChallengeId', ARGV[2], 'currentSinceMs', ARGV[1], 'spentMs', cjson.encode(spent))
redis.call('PUBLISH', ARGV[3], cjson.encode({type = 'interview', interviewId = ARGV[4]}))
return 'moved'`;

// End, once: stamps the end (at the deadline if it passed first, which then is who ended it),
// submits the last saved draft (when there is one) and takes the deadline off the index.
const END = `${INTERVIEW_ENDED_LUA}${WRITE_SUBMISSION_LUA}
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
if redis.call('HEXISTS', KEYS[1], 'endedAtMs') == 1 then return {'already'} end
local now = tonumber(ARGV[1])
local at, by = now, ARGV[2]
local f = redis.call('HMGET', KEYS[1], 'durationMs', 'startedAtMs', 'extendedMs')
if f[1] and f[2] then
  local deadline = tonumber(f[2]) + tonumber(f[1]) + tonumber(f[3] or '0')
  if deadline <= now then at, by = deadline, 'deadline' end
end
redis.call('HSET', KEYS[1], 'endedAtMs', at, 'endedBy', by)
redis.call('ZREM', KEYS[2], ARGV[3])
local submitted = {'ended'}
for i = 0, (#KEYS - 7) / 2 - 1 do
  local code = redis.call('HGET', KEYS[8 + 2 * i], 'code')
  if code and code ~= '' then
    table.insert(submitted, ARGV[6 + 2 * i])
    write_submission(
      {sub = KEYS[9 + 2 * i], subs = KEYS[3], pending = KEYS[4], activity = KEYS[5], all = KEYS[6], runs = KEYS[7]},
      {id = ARGV[6 + 2 * i], interviewId = ARGV[3], challengeId = ARGV[5 + 2 * i], kind = 'submit', code = code, now = ARGV[1],
       channel = ARGV[4], origin = 'interview_end'})
  end
end
if #submitted == 1 then redis.call('ZADD', KEYS[5], now, ARGV[3]) end
redis.call('PUBLISH', ARGV[4], cjson.encode({type = 'interview', interviewId = ARGV[3]}))
return submitted`;

/** `submissions`: the final Submit of each challenge that had a saved draft, in the interview's order. */
export type EndOutcome = { outcome: 'ended'; submissions: SubmissionRecord[] } | { outcome: 'already' } | { outcome: 'missing' };

export class InterviewLifecycle {
  constructor(private readonly store: Store) {}

  /** Starts the clock if this is the candidate's first visit, on `challengeId`; true when it started now. */
  async start(interviewId: string, challengeId: string, nowMs = Date.now()): Promise<boolean> {
    const started = await this.store.redis.eval(
      START,
      2,
      this.store.interviewKey(interviewId),
      this.store.deadlinesKey(),
      String(nowMs),
      interviewId,
      this.store.interviewChannel(interviewId),
      challengeId,
    );
    return started === 1;
  }

  /** The candidate moves to `challengeId` (a challenge of the interview: the caller checks). */
  async move(interviewId: string, challengeId: string, nowMs = Date.now()): Promise<'moved' | 'ended' | 'not_started' | 'missing'> {
    const outcome = await this.store.redis.eval(
      MOVE,
      1,
      this.store.interviewKey(interviewId),
      String(nowMs),
      challengeId,
      this.store.interviewChannel(interviewId),
      interviewId,
    );
    return z.enum(['moved', 'ended', 'not_started', 'missing']).parse(outcome);
  }

  async extend(interviewId: string, byMs: number, nowMs = Date.now()): Promise<'extended' | 'ended' | 'untimed' | 'missing'> {
    const outcome = await this.store.redis.eval(
      EXTEND,
      2,
      this.store.interviewKey(interviewId),
      this.store.deadlinesKey(),
      String(nowMs),
      String(Math.round(byMs)),
      interviewId,
      this.store.interviewChannel(interviewId),
    );
    return z.enum(['extended', 'ended', 'untimed', 'missing']).parse(outcome);
  }

  /**
   * Ends the interview unless it already ended, submitting the candidate's last saved draft of
   * each challenge in the same step; the caller enqueues the submissions (if that is lost, the
   * workers' sweep does).
   */
  async end(interview: Pick<Interview, 'id' | 'challenges'>, by: EndedBy, nowMs = Date.now()): Promise<EndOutcome> {
    const finals = interview.challenges.map(({ challengeId }) => ({ challengeId, id: randomUUID() }));
    const answer = (await this.store.redis.eval(
      END,
      7 + 2 * finals.length,
      this.store.interviewKey(interview.id),
      this.store.deadlinesKey(),
      this.store.interviewKey(interview.id, 'submissions'),
      this.store.pendingKey(),
      this.store.activityKey(),
      this.store.interviewKey(interview.id, 'unfinished'),
      this.store.interviewKey(interview.id, 'unfinished-runs'),
      ...finals.flatMap((f) => [this.store.draftKey(interview.id, f.challengeId), this.store.submissionKey(f.id)]),
      String(nowMs),
      by,
      interview.id,
      this.store.interviewChannel(interview.id),
      ...finals.flatMap((f) => [f.challengeId, f.id]),
    )) as string[];
    const [outcome, ...submitted] = answer;
    if (outcome === 'missing' || outcome === 'already') return { outcome };
    const records = await Promise.all(submitted.map((id) => this.store.getSubmission(id)));
    return { outcome: 'ended', submissions: records.filter((r): r is SubmissionRecord => r !== null) };
  }

  /** Interviews whose deadline has passed and that are not stamped ended yet. */
  dueBefore(nowMs: number, limit = 100): Promise<string[]> {
    return this.store.redis.zrangebyscore(this.store.deadlinesKey(), '-inf', nowMs, 'LIMIT', 0, limit);
  }

  /** A new link for `role`; the role's old link stops working at once. Null: no such interview. */
  async reissueLink(interviewId: string, role: Role): Promise<string | null> {
    if ((await this.store.redis.exists(this.store.interviewKey(interviewId))) === 0) return null;
    const hashes = await this.store.tokenHashes(interviewId);
    const keys = hashes.map((h) => this.store.key('token', h));
    const [values, ttls] = await Promise.all([
      keys.length > 0 ? this.store.redis.mget(...keys) : Promise.resolve([]),
      Promise.all(keys.map((k) => this.store.redis.pttl(k))),
    ]);
    // The role's permanent link: its value, and no expiry (temporary interviewer links have one).
    const old = hashes.filter((_, i) => values[i] === `${role}:${interviewId}` && ttls[i] === -1);
    const token = generateToken();
    const tx = this.store.redis.multi();
    if (old.length > 0) tx.del(...old.map((h) => this.store.key('token', h))).srem(this.store.interviewKey(interviewId, 'tokens'), ...old);
    await tx
      .set(this.store.key('token', hashToken(token)), `${role}:${interviewId}`)
      .sadd(this.store.interviewKey(interviewId, 'tokens'), hashToken(token))
      .exec()
      .then(execOk);
    return token;
  }

  /** A temporary interviewer link (the dashboard's "open"), valid for `ttlMs`; null: no such interview. */
  async temporaryInterviewerLink(interviewId: string, ttlMs: number): Promise<string | null> {
    if ((await this.store.redis.exists(this.store.interviewKey(interviewId))) === 0) return null;
    const token = generateToken();
    await this.store.redis
      .multi()
      .set(this.store.key('token', hashToken(token)), `interviewer:${interviewId}`, 'PX', ttlMs)
      .sadd(this.store.interviewKey(interviewId, 'tokens'), hashToken(token))
      .exec()
      .then(execOk);
    return token;
  }

  /** Archives (hides from the default list) or restores; false: no such interview. */
  async setArchived(interviewId: string, archived: boolean, nowMs = Date.now()): Promise<boolean> {
    const key = this.store.interviewKey(interviewId);
    if ((await this.store.redis.exists(key)) === 0) return false;
    if (archived) await this.store.redis.hset(key, 'archivedAtMs', String(nowMs));
    else await this.store.redis.hdel(key, 'archivedAtMs');
    return true;
  }
}
