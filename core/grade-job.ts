// The BullMQ job's payload: only ids. The code and everything else is read from the submission
// record, so the job and the record cannot disagree. Job id = submission id.
import { z } from 'zod';

export const GradeJobDataSchema = z.object({
  submissionId: z.string().min(1),
  interviewId: z.string().min(1),
});
export type GradeJobData = z.infer<typeof GradeJobDataSchema>;

/** BullMQ priority: lower runs first. Runs (public cases, someone is waiting on the editor) go before submits. */
export const PRIORITY = { run: 1, submit: 10 } as const;
