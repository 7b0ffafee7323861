// An interview and the two roles its tokens open: the records both processes and the browser
// read; its challenges in order (each with an optional time budget) and where the candidate is;
// and the interview's clock: not started until the candidate first opens the link; with a
// duration, in progress until its deadline (start + duration + extensions); ended at the
// deadline or when an interviewer or the admin ends it.
import { z } from 'zod';

/** Most challenges one interview (or template) holds. */
export const MAX_CHALLENGES_PER_INTERVIEW = 10;

export const RoleSchema = z.enum(['candidate', 'interviewer']);
export type Role = z.infer<typeof RoleSchema>;

/** Who ended the interview: its deadline passed, or an interviewer or the admin ended it early. */
export const EndedBySchema = z.enum(['deadline', 'interviewer', 'admin']);
export type EndedBy = z.infer<typeof EndedBySchema>;

/** Milliseconds (since the epoch, or a duration): a Redis hash field (text) or a JSON number. */
const optionalMs = z.coerce.number().int().nonnegative().optional();

/** A challenge of an interview, in the interview's order. */
export const InterviewChallengeSchema = z.object({
  challengeId: z.string(),
  /** The time the interviewer plans for it, in milliseconds (shown beside the time spent; the interview's own time box is what ends it). */
  durationMs: z.number().int().positive().optional(),
});
export type InterviewChallenge = z.infer<typeof InterviewChallengeSchema>;

/** A Redis hash field holds JSON text; a JSON answer holds the value itself. */
const jsonField = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value), schema);

const InterviewFieldsSchema = z.object({
  id: z.string(),
  /** In order; at least one. */
  challenges: jsonField(z.array(InterviewChallengeSchema).min(1).max(MAX_CHALLENGES_PER_INTERVIEW)),
  /** The challenge the candidate is on (set when the clock starts). */
  currentChallengeId: z.string().optional(),
  /** When the candidate moved to the current challenge, in milliseconds since the epoch. */
  currentSinceMs: optionalMs,
  /** Time spent on each challenge before the current stay, in milliseconds, by challenge id. */
  spentMs: jsonField(z.record(z.string(), z.number().int().nonnegative())).optional(),
  candidateName: z.string(),
  /** ISO-8601 UTC. */
  createdAt: z.string(),
  /** The time box, in milliseconds; absent: untimed. */
  durationMs: optionalMs,
  /** When the candidate first opened the link, in milliseconds since the epoch. */
  startedAtMs: optionalMs,
  /** Time added by interviewers, in milliseconds. */
  extendedMs: optionalMs,
  /** When it ended, in milliseconds since the epoch (an overdue end is stamped at its deadline). */
  endedAtMs: optionalMs,
  endedBy: EndedBySchema.optional(),
  /** When the admin archived it (hidden from the dashboard's default list). */
  archivedAtMs: optionalMs,
});

/**
 * The interview record; one stored before interviews held several challenges (a `challengeId`
 * field and no `challenges`) reads as an interview of that one challenge.
 */
export const InterviewSchema = z.preprocess((value) => {
  if (typeof value !== 'object' || value === null || 'challenges' in value || !('challengeId' in value)) return value;
  const { challengeId, ...rest } = value as { challengeId: unknown };
  return { ...rest, challenges: [{ challengeId }] };
}, InterviewFieldsSchema);
export type Interview = z.infer<typeof InterviewFieldsSchema>;

/** The challenge of `interview` with id `challengeId`, or undefined when it holds no such challenge. */
export function challengeOf(interview: Interview, challengeId: string): InterviewChallenge | undefined {
  return interview.challenges.find((c) => c.challengeId === challengeId);
}

/** The deadline of a started, timed interview; null otherwise. */
export function deadlineOf(interview: Interview): number | null {
  if (interview.durationMs === undefined || interview.startedAtMs === undefined) return null;
  return interview.startedAtMs + interview.durationMs + (interview.extendedMs ?? 0);
}

/** The challenge the candidate is on: the one they moved to last, else the first. */
export function currentChallengeId(interview: Interview): string {
  return interview.currentChallengeId ?? interview.challenges[0]!.challengeId;
}

/**
 * Time spent on each challenge of the interview, in milliseconds, in the interview's order: the
 * stays before the current one, plus the current stay up to now (or to the end of the interview).
 */
export function challengeTimes(interview: Interview, nowMs: number): { challengeId: string; spentMs: number }[] {
  const deadline = deadlineOf(interview);
  const until = Math.min(nowMs, interview.endedAtMs ?? Infinity, deadline ?? Infinity);
  const current = interview.currentSinceMs !== undefined ? interview.currentChallengeId : undefined;
  return interview.challenges.map(({ challengeId }) => ({
    challengeId,
    spentMs: (interview.spentMs?.[challengeId] ?? 0) + (challengeId === current ? Math.max(0, until - interview.currentSinceMs!) : 0),
  }));
}

export const InterviewStatusSchema = z.enum(['not_started', 'in_progress', 'ended']);
export type InterviewStatus = z.infer<typeof InterviewStatusSchema>;

export const InterviewClockSchema = z.object({
  status: InterviewStatusSchema,
  /** When Runs, Submits and draft edits stop, in milliseconds since the epoch; null: untimed or not started. */
  deadlineAtMs: z.number().nullable(),
  /** The server's clock when this was answered, so a page counts down against it, not its own. */
  serverNowMs: z.number(),
});
export type InterviewClock = z.infer<typeof InterviewClockSchema>;

export function interviewClock(interview: Interview, nowMs: number): InterviewClock {
  const deadlineAtMs = deadlineOf(interview);
  const ended = interview.endedAtMs !== undefined || (deadlineAtMs !== null && nowMs >= deadlineAtMs);
  return {
    status: ended ? 'ended' : interview.startedAtMs === undefined ? 'not_started' : 'in_progress',
    deadlineAtMs,
    serverNowMs: nowMs,
  };
}

/** The interview's clock and the time spent per challenge, both at `nowMs` (what every `InterviewState` answer holds). */
export function interviewState(
  interview: Interview,
  nowMs: number,
): { interview: Interview; clock: InterviewClock; times: { challengeId: string; spentMs: number }[] } {
  return { interview, clock: interviewClock(interview, nowMs), times: challengeTimes(interview, nowMs) };
}
