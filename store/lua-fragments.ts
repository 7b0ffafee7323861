// Lua functions more than one of the store's scripts runs (prepended to the script's text), so a
// rule such as "the interview has ended" is written once.
/** Lua: whether the interview (hash `key`) has ended at `now` (stamped, or its deadline passed). */
export const INTERVIEW_ENDED_LUA = `
local function interview_ended(key, now)
  local f = redis.call('HMGET', key, 'endedAtMs', 'durationMs', 'startedAtMs', 'extendedMs')
  if f[1] then return true end
  if f[2] and f[3] then return now >= tonumber(f[3]) + tonumber(f[2]) + tonumber(f[4] or '0') end
  return false
end`;

/**
 * Lua: writes a new queued submission and indexes it; answers the interview's unfinished
 * submissions before it (its queue rank). `k`: submission, interview's submissions, pending,
 * activity, unfinished, unfinished Runs; `a`: id, interviewId, challengeId, kind, code, now,
 * interview channel, origin, customInput (JSON; empty: none).
 */
export const WRITE_SUBMISSION_LUA = `
local function write_submission(k, a)
  local rank = redis.call('SCARD', a.kind == 'run' and k.runs or k.all)
  redis.call('HSET', k.sub, 'id', a.id, 'interviewId', a.interviewId, 'challengeId', a.challengeId, 'kind', a.kind,
    'code', a.code, 'status', 'queued', 'createdAtMs', a.now, 'attempts', '0', 'origin', a.origin)
  if a.customInput and a.customInput ~= '' then redis.call('HSET', k.sub, 'customInput', a.customInput) end
  redis.call('ZADD', k.subs, a.now, a.id)
  redis.call('ZADD', k.pending, a.now, a.id)
  redis.call('ZADD', k.activity, a.now, a.interviewId)
  redis.call('SADD', k.all, a.id)
  if a.kind == 'run' then redis.call('SADD', k.runs, a.id) end
  redis.call('PUBLISH', a.channel, cjson.encode({type = 'status', submissionId = a.id, status = 'queued'}))
  return rank
end`;
