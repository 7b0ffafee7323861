// An interview as its links open it (`GET /api/i/:token`), and as the admin creates and lists it.
import { z } from 'zod';
import { InterviewClockSchema, InterviewSchema, RoleSchema } from '../interview.js';
import { ChallengeViewSchema } from './challenge-view.js';
import { SubmissionSummarySchema } from './submission-view.js';

export const InterviewViewSchema = z.object({
  /** Which link this is: the token decides. */
  role: RoleSchema,
  interview: InterviewSchema,
  /** Not started, in progress (and until when), or ended. */
  clock: InterviewClockSchema,
  challenge: ChallengeViewSchema,
  /** Interviewer only: every hidden case and the rule it checks. */
  hiddenCases: z.array(z.object({ name: z.string(), description: z.string() })).optional(),
  /** Oldest first. */
  submissions: z.array(SubmissionSummarySchema),
});
export type InterviewView = z.infer<typeof InterviewViewSchema>;

/** `POST /api/interviews` (201): both links, and the tokens in them (shown once, stored hashed). */
export const CreatedInterviewSchema = z.object({
  interview: InterviewSchema,
  candidateToken: z.string(),
  interviewerToken: z.string(),
  candidateUrl: z.string(),
  interviewerUrl: z.string(),
});
export type CreatedInterview = z.infer<typeof CreatedInterviewSchema>;

/** `GET /api/interviews` (admin): newest first, each with its latest submissions. */
export const InterviewListSchema = z.object({
  interviews: z.array(
    z.object({
      interview: InterviewSchema,
      clock: InterviewClockSchema,
      submissionCount: z.number().int().nonnegative(),
      /** The latest Run or Submit; null when there is none. */
      latest: SubmissionSummarySchema.nullable(),
      /** The latest Submit; null when there is none. */
      latestSubmit: SubmissionSummarySchema.nullable(),
    }),
  ),
});
export type InterviewList = z.infer<typeof InterviewListSchema>;
export type InterviewListEntry = InterviewList['interviews'][number];

/** `POST /api/interviews/:id/links` (201): a new link for a role; the role's old link no longer works. */
export const IssuedLinkSchema = z.object({ role: RoleSchema, url: z.string() });
export type IssuedLink = z.infer<typeof IssuedLinkSchema>;

/** `POST /api/interviews/:id/open` (201): an interviewer link for the dashboard to open, working until `expiresAtMs`. */
export const TemporaryLinkSchema = z.object({ url: z.string(), expiresAtMs: z.number() });
export type TemporaryLink = z.infer<typeof TemporaryLinkSchema>;

/** The answer to end, extend and archive: the interview and its clock now. */
export const InterviewStateSchema = z.object({ interview: InterviewSchema, clock: InterviewClockSchema });
export type InterviewState = z.infer<typeof InterviewStateSchema>;
