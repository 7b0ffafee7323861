// The closed list of verdicts (per case and overall) and the submission lifecycle statuses.
// Stored values: never rename one once written.
import { z } from 'zod';

/** Verdicts from least to most severe; the overall verdict is the most severe case verdict. */
export const VERDICTS = [
  'accepted',
  'too_slow',
  'wrong_answer',
  'output_limit_exceeded',
  'time_limit_exceeded',
  'memory_limit_exceeded',
  'runtime_error',
  'invalid_submission',
] as const;

export const VerdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof VerdictSchema>;

/**
 * Lifecycle of a submission, kept apart from its outcome. `system_error` is a grader fault;
 * `cancelled`: the candidate stopped their own Run (it has no verdict).
 */
export const SubmissionStatusSchema = z.enum(['queued', 'running', 'graded', 'system_error', 'cancelled']);
export type SubmissionStatus = z.infer<typeof SubmissionStatusSchema>;

/** The statuses a submission ends in: nothing changes it after one. */
export const FINISHED_STATUSES: readonly SubmissionStatus[] = ['graded', 'system_error', 'cancelled'];

export function isFinished(status: SubmissionStatus): boolean {
  return FINISHED_STATUSES.includes(status);
}

export function severity(verdict: Verdict): number {
  return VERDICTS.indexOf(verdict);
}

/** The most severe of the given verdicts; `accepted` for none. */
export function overallVerdict(verdicts: Iterable<Verdict>): Verdict {
  let worst: Verdict = 'accepted';
  for (const v of verdicts) if (severity(v) > severity(worst)) worst = v;
  return worst;
}
