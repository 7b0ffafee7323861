// An interview and the two roles its tokens open: the records both processes and the browser
// read, and the interview's clock: not started until the candidate first opens the link; with a
// duration, in progress until its deadline (start + duration + extensions); ended at the
// deadline or when an interviewer or the admin ends it.
import { z } from 'zod';

export const RoleSchema = z.enum(['candidate', 'interviewer']);
export type Role = z.infer<typeof RoleSchema>;

/** Who ended the interview: its deadline passed, or an interviewer or the admin ended it early. */
export const EndedBySchema = z.enum(['deadline', 'interviewer', 'admin']);
export type EndedBy = z.infer<typeof EndedBySchema>;

/** Milliseconds (since the epoch, or a duration): a Redis hash field (text) or a JSON number. */
const optionalMs = z.coerce.number().int().nonnegative().optional();

export const InterviewSchema = z.object({
  id: z.string(),
  challengeId: z.string(),
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
export type Interview = z.infer<typeof InterviewSchema>;

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

/** The deadline of a started, timed interview; null otherwise. */
export function deadlineOf(interview: Interview): number | null {
  if (interview.durationMs === undefined || interview.startedAtMs === undefined) return null;
  return interview.startedAtMs + interview.durationMs + (interview.extendedMs ?? 0);
}

export function interviewClock(interview: Interview, nowMs: number): InterviewClock {
  const deadlineAtMs = deadlineOf(interview);
  const ended = interview.endedAtMs !== undefined || (deadlineAtMs !== null && nowMs >= deadlineAtMs);
  return {
    status: ended ? 'ended' : interview.startedAtMs === undefined ? 'not_started' : 'in_progress',
    deadlineAtMs,
    serverNowMs: nowMs,
  };
}
