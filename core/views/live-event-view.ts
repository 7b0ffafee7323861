// What the event streams (Server-Sent Events) send each role: `snapshot` (the interview and its
// submissions, on every connect), `submission` (one changed submission) and `progress` (a case
// finished; a hidden case under the name the role may see).
import { z } from 'zod';
import { InterviewSchema } from '../interview.js';
import { ProgressEventSchema } from '../submission.js';
import { CandidateSubmissionViewSchema, InterviewerSubmissionViewSchema } from './submission-view.js';

/** The `snapshot` event of `GET /api/i/:token/events`. */
export const InterviewSnapshotSchema = z.object({
  interview: InterviewSchema,
  /** Oldest first, as the role may see them. */
  submissions: z.array(z.union([CandidateSubmissionViewSchema, InterviewerSubmissionViewSchema])),
});
export type InterviewSnapshot = z.infer<typeof InterviewSnapshotSchema>;

/** The `progress` event: `caseName` is what the role may call the case (`hidden <n>` for the candidate). */
export const ProgressViewSchema = ProgressEventSchema;
export type ProgressView = z.infer<typeof ProgressViewSchema>;
