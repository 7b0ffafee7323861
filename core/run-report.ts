// What the harness reports from inside a sandbox: one JSON frame per line on its control stream.
// Everything here is untrusted (the candidate's code shares the harness's process), so the
// worker parses it with these schemas, caps it, and bounds its times with its own clock.
import { z } from 'zod';
import { TableSchema } from './table.js';

/** Lines on the control stream that carry a frame start with this; anything else is stray output. */
export const FRAME_PREFIX = '@@grader-frame@@ ';

export const CandidateErrorSchema = z.object({
  /** Exception class, e.g. `AnalysisException`, `SyntaxError`. */
  type: z.string().max(200),
  /** The exception's message, cut to what a candidate can act on. */
  message: z.string().max(20_000),
  /** Traceback limited to the candidate's own frames (`solution.py, line N, in solve`). */
  traceback: z.string().max(20_000),
  /** Line of solution.py the error points at, when there is one. */
  line: z.number().int().positive().optional(),
});
export type CandidateError = z.infer<typeof CandidateErrorSchema>;

export const CaseReportSchema = z.object({
  name: z.string(),
  /** `ok` means a DataFrame came back and was collected; the verdict is decided outside. */
  status: z.enum(['ok', 'runtime_error', 'invalid_submission', 'output_limit_exceeded']),
  /** Wall time of `solve` plus collecting the result, in milliseconds (self-reported). */
  timeMs: z.number().nonnegative(),
  /** Time the harness spent preparing this case's inputs, in milliseconds. */
  prepareMs: z.number().nonnegative(),
  /** The solution's output (absent unless status is ok). */
  output: TableSchema.optional(),
  /** Rows the solution returned (also when over the cap). */
  rowCount: z.number().int().nonnegative().optional(),
  /** Final physical plan (`executedPlan`) text. */
  planText: z.string().max(200_000).optional(),
  /** What the solution printed during this case, capped. */
  stdout: z.string().max(1_000_000).default(''),
  /** Bytes printed beyond the cap and dropped. */
  stdoutDroppedBytes: z.number().int().nonnegative().default(0),
  error: CandidateErrorSchema.optional(),
});
export type CaseReport = z.infer<typeof CaseReportSchema>;

export const HarnessFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    sparkVersion: z.string(),
    pythonVersion: z.string(),
    /** SparkSession start-up inside the sandbox, in milliseconds. */
    sparkStartupMs: z.number().nonnegative(),
  }),
  /** The job arrived and the candidate's module is being imported. */
  z.object({ type: z.literal('module_start') }),
  z.object({
    type: z.literal('module_end'),
    status: z.enum(['ok', 'runtime_error', 'invalid_submission']),
    error: CandidateErrorSchema.optional(),
  }),
  /** Inputs are ready; the candidate's `solve` is about to run (the case's time limit starts). */
  z.object({ type: z.literal('case_start'), name: z.string() }),
  z.object({ type: z.literal('case_end'), report: CaseReportSchema }),
  z.object({ type: z.literal('done') }),
  /** The harness itself failed (not the candidate): a grader fault. */
  z.object({ type: z.literal('harness_error'), message: z.string().max(20_000) }),
]);
export type HarnessFrame = z.infer<typeof HarnessFrameSchema>;
