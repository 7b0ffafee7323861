// The interview's report for the hiring committee (`GET /api/i/:token/report`, interviewer link):
// who, which challenges (with the time spent on each), how the time box went, the final code of each, every submission's verdict, per-
// case verdicts and times against the reference, plan insights and Spark findings, the integrity signals, and the
// scorecard with its notes.
// Never the reference, nor anything of a hidden case but its name, verdict and time.
import { z } from 'zod';
import { TimingSummarySchema } from '../grade-result.js';
import { PlanInsightsSchema } from '../plan-insights.js';
import { FindingSchema } from '../spark-findings.js';
import { IntegrityViewSchema } from '../integrity.js';
import { InterviewClockSchema, InterviewSchema } from '../interview.js';
import { StoredScorecardSchema } from '../scorecard.js';
import { SubmissionKindSchema, SubmissionOriginSchema } from '../submission.js';
import { SubmissionStatusSchema, VerdictSchema } from '../verdict.js';

export const ReportCaseSchema = z.object({
  name: z.string(),
  hidden: z.boolean(),
  /** The rule the case checks; public cases only (a hidden case is its name, verdict and time). */
  description: z.string().optional(),
  verdict: VerdictSchema,
  /** The candidate's time, in milliseconds (worker's clock). */
  timeMs: z.number().nullable(),
  /** The reference's time on the same case, in milliseconds. */
  referenceTimeMs: z.number().nullable(),
  planInsights: PlanInsightsSchema.optional(),
  referencePlanInsights: PlanInsightsSchema.optional(),
  /** Spark findings of the case (skew, spill, rows through Python, ...), each a sentence with its evidence. */
  findings: z.array(FindingSchema.pick({ kind: true, text: true })).optional(),
});

export const ReportSubmissionSchema = z.object({
  challengeId: z.string(),
  kind: SubmissionKindSchema,
  origin: SubmissionOriginSchema,
  status: SubmissionStatusSchema,
  verdict: VerdictSchema.nullable(),
  /** Accepted at, in milliseconds since the epoch. */
  createdAtMs: z.number(),
  timing: TimingSummarySchema.nullable(),
  /** A Run on the candidate's own rows (its one case compared with the reference's output on them). */
  custom: z.boolean(),
  cases: z.array(ReportCaseSchema),
  code: z.string(),
});

export const InterviewReportSchema = z.object({
  /** When the report was made, in milliseconds since the epoch. */
  generatedAtMs: z.number(),
  interview: InterviewSchema,
  clock: InterviewClockSchema,
  /** In the interview's order. */
  challenges: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      difficulty: z.string(),
      /** The time budget planned, in milliseconds; absent: none. */
      durationMs: z.number().optional(),
      /** The candidate's time on it, in milliseconds. */
      spentMs: z.number(),
      /** The last Submit's code; the saved draft when there is no Submit; null when neither exists. */
      finalCode: z.string().nullable(),
    }),
  ),
  /** Every challenge's, oldest first. */
  submissions: z.array(ReportSubmissionSchema),
  scorecard: StoredScorecardSchema.nullable(),
  /** Pastes and time away, from the recorded signals of every challenge. */
  integrity: IntegrityViewSchema,
});
export type InterviewReport = z.infer<typeof InterviewReportSchema>;
