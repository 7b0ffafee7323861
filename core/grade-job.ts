// The BullMQ job's payload: only ids. The code and everything else is read from the submission
// record, so the job and the record cannot disagree. Job id = submission id.
import { z } from 'zod';
import type { SubmissionKind } from './submission.js';

export const GradeJobDataSchema = z.object({
  submissionId: z.string().min(1),
  interviewId: z.string().min(1),
});
export type GradeJobData = z.infer<typeof GradeJobDataSchema>;

/** BullMQ's largest priority. */
const MAX_PRIORITY = 2 ** 21 - 1;

/**
 * BullMQ priority (lower goes first) of a submission of `kind` that has `rank` of its
 * interview's work before it (store's `queueRank`: unfinished Runs for a Run, every unfinished
 * submission for a Submit). Each interview's k-th item shares a band with every other
 * interview's k-th, so the workers go round the interviews: a backlog of Runs from one interview
 * cannot keep another interview's first Submit waiting behind more than the one Run of each
 * interview in the band before it. Within a band a Run goes before a Submit (someone is waiting
 * on the editor), and an interview's own Runs go before its own Submits because a Submit's rank
 * counts them. Same priority: first in, first out.
 */
export function gradePriority(kind: SubmissionKind, rank: number): number {
  return Math.min(MAX_PRIORITY, 1 + 2 * Math.max(0, Math.floor(rank)) + (kind === 'submit' ? 1 : 0));
}
