// An interview and the two roles its tokens open: the records both processes and the browser read.
import { z } from 'zod';

export const RoleSchema = z.enum(['candidate', 'interviewer']);
export type Role = z.infer<typeof RoleSchema>;

export const InterviewSchema = z.object({
  id: z.string(),
  challengeId: z.string(),
  candidateName: z.string(),
  /** ISO-8601 UTC. */
  createdAt: z.string(),
});
export type Interview = z.infer<typeof InterviewSchema>;
