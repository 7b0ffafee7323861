// What one run of a solution in a sandbox produced, as the worker hands it to grading: the
// frames its protocol machine accepted, folded into a module outcome and one report per case,
// every time on the worker's own clock, and how the run ended (the worker's view).
import type { CandidateError } from './run-report.js';
import type { SparkMetrics } from './spark-metrics.js';
import type { Table } from './table.js';

export type StopReason =
  /** Every planned step ran. */
  | 'completed'
  /** The container exited by itself before the end (the candidate's exit, a crash, the OOM killer). */
  | 'exited'
  /** Killed by the worker: a step's time limit ran out. */
  | 'time_limit'
  /** Killed by the worker: output passed a cap (rows, bytes, the report stream, stderr). */
  | 'output_limit'
  /** Killed by the worker: after the candidate's code ran, the sandbox broke the report protocol. */
  | 'protocol_violation';

export interface CaseReport {
  /** The challenge's case name (a metamorphic variant: `<case>--shuffled`). */
  name: string;
  /** `ok` means a DataFrame came back and its rows were received; the verdict is decided outside. */
  status: 'ok' | 'runtime_error' | 'invalid_submission' | 'output_limit_exceeded';
  /** From the worker starting the case to its report arriving, in milliseconds (the worker's clock). */
  timeMs: number;
  /** The sandbox's own measure of the case, in milliseconds: shown, never used for a verdict. */
  reportedTimeMs: number;
  /** The solution's output (absent unless status is ok). */
  output?: Table;
  /** Rows the solution returned (also when over the cap). */
  rowCount?: number;
  /** Final physical plan (`executedPlan`) text. */
  planText?: string;
  /** Spark's accounting of the case, as the harness summarised it (self-reported). */
  metrics?: SparkMetrics;
  /** What the solution printed during this case, capped. */
  stdout: string;
  /** Bytes printed beyond the cap and dropped. */
  stdoutDroppedBytes: number;
  error?: CandidateError;
}

export interface SandboxRun {
  image: string;
  moduleStatus: 'ok' | 'runtime_error' | 'invalid_submission' | 'not_reached';
  moduleError?: CandidateError;
  /** What the module printed while it was imported. */
  moduleStdout: string;
  /** Reports of the cases that finished, in run order. */
  caseReports: CaseReport[];
  /** Cases the worker chose not to run (a variant of a case that already failed; a case not needed). */
  skippedCases: string[];
  /** The case running when the run stopped early, if any. */
  interruptedCase?: string;
  stopReason: StopReason;
  /** What went wrong, in words, when stopReason is not `completed`. */
  stopDetail?: string;
  oomKilled: boolean;
  exitCode: number | null;
  /** Container create until Spark was up and warm, in milliseconds (worker's clock; a pool member's was earlier). */
  startupMs: number;
  /** As measured by the harness, in milliseconds. */
  sparkStartupMs: number | null;
  /** From the module being sent until the last step ended, in milliseconds (worker's clock). */
  computeMs: number;
  peakMemoryBytes: number | null;
  stderr: string;
}
