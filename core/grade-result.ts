// The graded outcome of one run of a solution: per-case verdicts with diffs, timing against the
// reference, and what the interviewer may read (stdout, plan). The CLI's --json prints this, the
// worker stores it. What a candidate may see of it is cut by the server, not here.
import { z } from 'zod';
import { PlanInsightsSchema } from './plan-insights.js';
import { CandidateErrorSchema } from './run-report.js';
import { FindingSchema } from './spark-findings.js';
import { SparkMetricsSchema } from './spark-metrics.js';
import { VerdictSchema } from './verdict.js';

/** Cells formatted for reading (`2024-03-01 10:00:00`, `"u7"`, `null`), keyed by column name. */
const DisplayRowSchema = z.record(z.string(), z.string());

export const RowDiffSchema = z.object({
  /** Problems with the columns themselves (missing, unexpected, wrong type), each naming the column. */
  columnProblems: z.array(z.string()),
  /** Expected rows with no counterpart in the output (at most a listed number). */
  missing: z.array(DisplayRowSchema),
  /** Output rows with no counterpart in the expected rows (at most a listed number). */
  unexpected: z.array(DisplayRowSchema),
  /** Rows paired by key whose other cells differ; `columns` names the differing cells. */
  changed: z.array(
    z.object({
      key: DisplayRowSchema,
      expected: DisplayRowSchema,
      actual: DisplayRowSchema,
      columns: z.array(z.string()),
    }),
  ),
  counts: z.object({
    expectedRows: z.number().int().nonnegative(),
    actualRows: z.number().int().nonnegative(),
    missing: z.number().int().nonnegative(),
    unexpected: z.number().int().nonnegative(),
    changed: z.number().int().nonnegative(),
  }),
});
export type RowDiff = z.infer<typeof RowDiffSchema>;

/**
 * The expected rows and the output side by side: each expected row beside the output row paired
 * with it (equal, same key, or same position when ordered), either side null when unpaired;
 * `differs` names the differing columns (all of them for an unpaired row). At most a listed
 * number of pairs, in key order; `total` counts all of them.
 */
export const AlignedRowsSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.object({ expected: DisplayRowSchema.nullable(), actual: DisplayRowSchema.nullable(), differs: z.array(z.string()) })),
  total: z.number().int().nonnegative(),
});
export type AlignedRows = z.infer<typeof AlignedRowsSchema>;

export const CaseResultSchema = z.object({
  name: z.string(),
  /** Hidden cases' details are for the interviewer only. */
  hidden: z.boolean(),
  /** What the case checks. */
  description: z.string(),
  verdict: VerdictSchema,
  /** One readable paragraph: the keyed diff, the error, or the timing. */
  message: z.string(),
  /** Candidate's time for the case, in milliseconds: the worker's clock from sending the case to its report. */
  timeMs: z.number().nonnegative().nullable(),
  /** The sandbox's own measure of the same, in milliseconds: code in the sandbox can set it, so it is shown, never decisive. */
  reportedTimeMs: z.number().nonnegative().nullable().optional(),
  /** Counted in the timing budget. */
  timed: z.boolean(),
  /** The reference's time on this case in the same image on the same machine, in milliseconds. */
  referenceTimeMs: z.number().nonnegative().nullable(),
  diff: RowDiffSchema.optional(),
  /** The output beside the expected rows, when the output's columns could be compared. */
  aligned: AlignedRowsSchema.optional(),
  error: CandidateErrorSchema.optional(),
  /** What the solution printed during the case (capped). */
  stdout: z.string(),
  planText: z.string().optional(),
  /** Shuffles, joins and UDF nodes of the solution's final plan. */
  planInsights: PlanInsightsSchema.optional(),
  /** The same, of the reference's plan on this case, when calibrated. */
  referencePlanInsights: PlanInsightsSchema.optional(),
  /** Spark's accounting of the case, measured inside the sandbox: shown, never part of the verdict. */
  metrics: SparkMetricsSchema.optional(),
  /** The same, of the reference on this case in the same image, when calibrated. */
  referenceMetrics: SparkMetricsSchema.optional(),
  /** Skew, spill, rows through Python, costly joins, large collects, extra shuffles: from the metrics and plans above. */
  findings: z.array(FindingSchema).optional(),
  /** The findings' short form for the candidate ("2 shuffles; one Python UDF; no skew"): public cases of challenges that allow it. */
  candidateInsights: z.string().optional(),
});
export type CaseResult = z.infer<typeof CaseResultSchema>;

export const TimingSummarySchema = z.object({
  /** Sum over timed cases of the candidate's times, in milliseconds. */
  candidateMs: z.number().nonnegative(),
  /** Sum over the same cases of the reference's times, in milliseconds. */
  referenceMs: z.number().nonnegative(),
  /** candidateMs / referenceMs. */
  ratio: z.number().nonnegative(),
  /** The challenge's budget: the largest ratio that is not `too_slow`. */
  budgetRatio: z.number(),
  withinBudget: z.boolean(),
  /** Where referenceMs comes from: the cached calibration, or the reference re-timed beside this run (near the budget). */
  reference: z.enum(['calibration', 'retimed']).default('calibration'),
});
export type TimingSummary = z.infer<typeof TimingSummarySchema>;

/** A Run on the candidate's own rows: the reference's output on them, which the one case is compared with. */
export const CustomRunSchema = z.object({
  /** The reference's output on the rows (the case's expected rows), at most a listed number; null when it failed. */
  expected: z
    .object({
      columns: z.array(z.string()),
      rows: z.array(DisplayRowSchema),
      /** All rows of the output, listed or not. */
      total: z.number().int().nonnegative(),
    })
    .nullable(),
  /** Why the reference could not process the rows (for the interviewer: it may quote the reference), or null. */
  referenceError: z.string().nullable(),
});
export type CustomRun = z.infer<typeof CustomRunSchema>;

export const GradeResultSchema = z.object({
  challengeId: z.string(),
  /** `public`: the public cases only (Run); `all`: every case (Submit). */
  scope: z.enum(['public', 'all']),
  /** The most severe case verdict. */
  verdict: VerdictSchema,
  cases: z.array(CaseResultSchema),
  /** Null when no timed case ran to a correct answer. */
  timing: TimingSummarySchema.nullable(),
  /** Planned runs the worker left out: the shuffled re-run of a case already failed, or a case the check did not need. */
  skippedCases: z.array(z.string()).default([]),
  /** Present on a Run on the candidate's own rows. */
  custom: CustomRunSchema.optional(),
  sandbox: z.object({
    image: z.string(),
    /** Container create + start until Spark was up and warm, in milliseconds (worker's clock; a pool member did this before the job). */
    startupMs: z.number().nonnegative(),
    /** SparkSession start-up as the harness measured it, in milliseconds. */
    sparkStartupMs: z.number().nonnegative().nullable(),
    /** From the module being sent until the last case's report, in milliseconds (worker's clock). */
    computeMs: z.number().nonnegative(),
    /** Peak memory of the container, in bytes, when the engine reported it. */
    peakMemoryBytes: z.number().nonnegative().nullable(),
    /** Container stderr (Spark and JVM messages), capped; for the interviewer. */
    stderr: z.string(),
  }),
});
export type GradeResult = z.infer<typeof GradeResultSchema>;
