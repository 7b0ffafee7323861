// What one sandbox run produced, as the runner hands it to grading: the harness's validated
// frames folded into module and case reports, and how the container ended (worker's view).
import type { CandidateError, CaseReport } from './run-report.js';

export type StopReason =
  /** The harness reported `done`. */
  | 'completed'
  /** The container exited before `done` (the candidate's exit, a crash, or the OOM killer). */
  | 'exited'
  /** Killed by the runner: the candidate's time limit for the module import or a case ran out. */
  | 'time_limit'
  /** Killed by the runner: the report stream exceeded its byte cap. */
  | 'output_limit'
  /** Killed by the runner: the report stream broke the protocol after the candidate's code ran. */
  | 'protocol_error';

export interface SandboxRun {
  image: string;
  moduleStatus: 'ok' | 'runtime_error' | 'invalid_submission' | 'not_reached';
  moduleError?: CandidateError;
  /** Reports of the cases that finished, in order. */
  caseReports: CaseReport[];
  /** The case running when the container stopped early, if any. */
  interruptedCase?: string;
  stopReason: StopReason;
  /** What went wrong, in words, when stopReason is not `completed`. */
  stopDetail?: string;
  oomKilled: boolean;
  exitCode: number | null;
  /** Container create until the harness was ready, in milliseconds (worker's clock). */
  startupMs: number;
  /** As measured by the harness, in milliseconds. */
  sparkStartupMs: number | null;
  /** From the job being sent until the container exited, in milliseconds (worker's clock). */
  computeMs: number;
  peakMemoryBytes: number | null;
  stderr: string;
}
