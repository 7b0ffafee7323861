// A submission as each role reads it. The candidate's view holds public cases in full and hidden
// cases as a name and pass/fail; the interviewer's holds the whole grade result. The server's
// view functions build these, the web app reads them.
import { z } from 'zod';
import { CustomInputSchema } from '../custom-input.js';
import { CaseResultSchema, CustomRunSchema, GradeResultSchema, type CaseResult, type GradeResult } from '../grade-result.js';
import { SubmissionKindSchema, SubmissionOriginSchema } from '../submission.js';
import { SubmissionStatusSchema, VerdictSchema } from '../verdict.js';

/** A list entry: no code and no result detail. */
export const SubmissionSummarySchema = z.object({
  id: z.string(),
  /** Which of the interview's challenges it solves. */
  challengeId: z.string(),
  kind: SubmissionKindSchema,
  status: SubmissionStatusSchema,
  /** The overall verdict once graded; null before that and on `system_error`. */
  verdict: VerdictSchema.nullable(),
  /** Accepted at, in milliseconds since the epoch (server clock). */
  createdAtMs: z.number(),
  /** Graded or given up at, in milliseconds since the epoch; null until then. */
  finishedAtMs: z.number().nullable(),
  /** Cases finished so far. */
  casesDone: z.number().int().nonnegative(),
  /** Cases the grade runs in all (0 until a worker has claimed it). */
  casesTotal: z.number().int().nonnegative(),
  /** `interview_end`: submitted by the server, the last saved draft when the interview ended. */
  origin: SubmissionOriginSchema,
  /** A Run on the candidate's own rows (not the public cases). */
  custom: z.boolean(),
});
export type SubmissionSummary = z.infer<typeof SubmissionSummarySchema>;

/** A case as the candidate sees it: public cases with their detail, hidden ones as name and verdict only. */
export const CandidateCaseViewSchema = z.object({
  /** The case's name; a hidden case's is `hidden <n>` unless the challenge shows hidden case names. */
  name: z.string(),
  hidden: z.boolean(),
  verdict: VerdictSchema,
  /** The verdict is `accepted`. */
  passed: z.boolean(),
  ...CaseResultSchema.pick({
    description: true,
    message: true,
    timeMs: true,
    diff: true,
    aligned: true,
    error: true,
    stdout: true,
    candidateInsights: true,
  }).partial().shape,
});
export type CandidateCaseView = z.infer<typeof CandidateCaseViewSchema>;

export const CandidateResultViewSchema = GradeResultSchema.pick({ challengeId: true, scope: true, verdict: true, timing: true }).extend({
  cases: z.array(CandidateCaseViewSchema),
  /** A Run on the candidate's own rows: the reference's output on them ("expected"); never why the reference failed. */
  custom: z.object({ expected: CustomRunSchema.shape.expected }).optional(),
});
export type CandidateResultView = z.infer<typeof CandidateResultViewSchema>;

const SubmissionDetailSchema = SubmissionSummarySchema.extend({
  /** Last claimed by a worker at, in milliseconds since the epoch; null while queued. */
  startedAtMs: z.number().nullable(),
  /** The submitted solution. */
  code: z.string(),
  /** The rows of a Run on the candidate's own rows; null for a Run on the public cases or a Submit. */
  customInput: CustomInputSchema.nullable(),
});

export const CandidateSubmissionViewSchema = SubmissionDetailSchema.extend({
  result: CandidateResultViewSchema.nullable(),
  /** On `system_error`: a message saying it was the grader's fault (never the fault itself); else null. */
  error: z.string().nullable(),
});
export type CandidateSubmissionView = z.infer<typeof CandidateSubmissionViewSchema>;

export const InterviewerSubmissionViewSchema = SubmissionDetailSchema.extend({
  /** Times a worker claimed it (more than one: a retry or a dead worker). */
  attempts: z.number().int().nonnegative(),
  result: GradeResultSchema.nullable(),
  /** The grader fault behind a `system_error`; else null. */
  error: z.string().nullable(),
});
export type InterviewerSubmissionView = z.infer<typeof InterviewerSubmissionViewSchema>;

export type SubmissionView = CandidateSubmissionView | InterviewerSubmissionView;
/** A result as either role reads it. */
export type ResultView = CandidateResultView | GradeResult;
/** A case as either role reads it. */
export type CaseView = CandidateCaseView | CaseResult;

/** `GET /api/i/:token/submissions`. */
export const SubmissionListSchema = z.object({
  submissions: z.array(z.union([CandidateSubmissionViewSchema, InterviewerSubmissionViewSchema])),
});
export type SubmissionList = z.infer<typeof SubmissionListSchema>;

/** `POST /api/i/:token/submissions` (202): the new submission, queued. */
export const SubmissionAcceptedSchema = z.object({ id: z.string(), status: SubmissionStatusSchema });
export type SubmissionAccepted = z.infer<typeof SubmissionAcceptedSchema>;
