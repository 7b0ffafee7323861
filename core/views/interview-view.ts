// An interview as its links open it (`GET /api/i/:token`), and as the admin creates and lists it.
import { z } from 'zod';
import { InterviewClockSchema, InterviewSchema, RoleSchema } from '../interview.js';
import { ChallengeViewSchema } from './challenge-view.js';
import { SubmissionSummarySchema } from './submission-view.js';

/** One of the interview's challenges, in the interview's order, with the candidate's time on it. */
export const InterviewChallengeEntrySchema = z.object({
  challengeId: z.string(),
  title: z.string(),
  difficulty: z.string(),
  /** The time budget planned for it, in milliseconds; absent: none. */
  durationMs: z.number().optional(),
  /** Time the candidate has spent on it so far, in milliseconds (server clock). */
  spentMs: z.number(),
  /** The candidate is on it now. */
  current: z.boolean(),
});
export type InterviewChallengeEntry = z.infer<typeof InterviewChallengeEntrySchema>;

/** `GET /api/i/:token?challenge=<id>` (default: the challenge the candidate is on). */
export const InterviewViewSchema = z.object({
  /** Which link this is: the token decides. */
  role: RoleSchema,
  interview: InterviewSchema,
  /** Not started, in progress (and until when), or ended. */
  clock: InterviewClockSchema,
  /** Every challenge of the interview, in order. */
  challenges: z.array(InterviewChallengeEntrySchema),
  /** The challenge asked for, as the candidate sees it. */
  challenge: ChallengeViewSchema,
  /** Interviewer only: every hidden case of that challenge and the rule it checks. */
  hiddenCases: z.array(z.object({ name: z.string(), description: z.string() })).optional(),
  /** Every challenge's, oldest first. */
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
      /** Each challenge, in order, with its latest Submit (null: none yet). */
      challenges: z.array(z.object({ challengeId: z.string(), title: z.string(), latestSubmit: SubmissionSummarySchema.nullable() })),
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

/** The time the candidate has spent on each challenge, in the interview's order, in milliseconds, at the clock's `serverNowMs`. */
export const ChallengeTimesSchema = z.array(z.object({ challengeId: z.string(), spentMs: z.number() }));

/**
 * The answer to end, extend, archive and a move between challenges, and the live stream's
 * `interview` event: the interview, its clock and the time spent per challenge now.
 */
export const InterviewStateSchema = z.object({ interview: InterviewSchema, clock: InterviewClockSchema, times: ChallengeTimesSchema });
export type InterviewState = z.infer<typeof InterviewStateSchema>;
