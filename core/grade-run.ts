// Decides every verdict of a run, from the reports the worker accepted, the expected tables and
// the reference's times (all on the worker's clock). Pure: the same inputs always grade the same way.
import type { ChallengeSpec } from './challenge.js';
import { compareTables } from './compare/compare-tables.js';
import type { CaseResult, GradeResult } from './grade-result.js';
import { planInsights, type PlanInsights } from './plan-insights.js';
import { shortInsights, sparkFindings } from './spark-findings.js';
import type { SparkMetrics } from './spark-metrics.js';
import type { CandidateError } from './run-report.js';
import type { CaseReport, SandboxRun } from './sandbox-run.js';
import type { Table } from './table.js';
import { formatMs, timingSummary } from './timing.js';
import { overallVerdict, type Verdict } from './verdict.js';

export interface GradedCase {
  name: string;
  hidden: boolean;
  description: string;
  timed: boolean;
  /** Expected output, columns typed as the challenge declares them. */
  expected: Table;
  /** The reference's time on this case, in milliseconds, when calibrated. */
  referenceTimeMs: number | null;
  referencePlanInsights?: PlanInsights;
  /** The reference's Spark metrics on this case, when calibrated. */
  referenceMetrics?: SparkMetrics;
  /**
   * Name of this case's metamorphic variant in the run (inputs shuffled over another number of
   * partitions), when it has one. A right answer that changes there is a wrong answer.
   */
  variant?: { name: string; partitions: number };
}

export interface GradeRunInput {
  challengeId: string;
  spec: ChallengeSpec;
  scope: 'public' | 'all';
  cases: GradedCase[];
  run: SandboxRun;
  /** Where the cases' referenceTimeMs come from: the cached calibration, or a re-timing beside this run. */
  timingReference?: 'calibration' | 'retimed';
}

function errorMessage(prefix: string, error: CandidateError | undefined): string {
  if (!error) return prefix;
  const where = error.line ? ` (solution.py, line ${error.line})` : '';
  const message = error.message.includes('solution.py, line') ? error.message : `${error.message}${where}`;
  return `${prefix}: ${error.type}: ${message}`;
}

/** The verdict for a case the run never finished, given how the sandbox stopped. */
function unfinishedCase(run: SandboxRun, name: string): { verdict: Verdict; message: string } {
  const current = run.interruptedCase === name;
  const notRun = `not run: the sandbox stopped during ${run.interruptedCase ? `case ${run.interruptedCase}` : 'an earlier step'}`;
  if (run.oomKilled) {
    return {
      verdict: 'memory_limit_exceeded',
      message: current ? 'the solution used more memory than the sandbox allows and was killed' : `${notRun} (out of memory)`,
    };
  }
  switch (run.stopReason) {
    case 'time_limit':
      return {
        verdict: 'time_limit_exceeded',
        message: current ? (run.stopDetail ?? 'took longer than its time limit and was stopped') : `${notRun} (time limit)`,
      };
    case 'output_limit':
      return { verdict: 'output_limit_exceeded', message: current ? (run.stopDetail ?? 'too much output') : `${notRun} (output limit)` };
    default:
      return {
        verdict: 'runtime_error',
        message: current ? (run.stopDetail ?? 'the sandbox stopped unexpectedly') : `${notRun} (${run.stopDetail ?? 'it stopped'})`,
      };
  }
}

type CaseOutcome = Pick<CaseResult, 'verdict' | 'message' | 'diff' | 'aligned' | 'error'>;

/** Spark's JVM out of memory (a task's or the driver's), as Py4J passes it on: the sandbox's memory, not a bug. */
const JVM_OUT_OF_MEMORY = /java\.lang\.OutOfMemoryError(: [A-Za-z ]{1,60})?/;
/** The same error class for threads the JVM could not start: the pids limit (a thread bomb), not memory. */
const NO_NATIVE_THREAD = /OutOfMemoryError: unable to create (new )?native thread/;

function reportVerdict(report: CaseReport, c: GradedCase, spec: ChallengeSpec, oomKilled: boolean): CaseOutcome {
  switch (report.status) {
    case 'runtime_error': {
      // A failure while the OOM killer was active is most likely its doing (e.g. a Python worker killed).
      if (oomKilled)
        return { verdict: 'memory_limit_exceeded', message: 'the solution used more memory than the sandbox allows', error: report.error };
      const jvmError = report.error ? `${report.error.type} ${report.error.message}` : '';
      const outOfMemory = NO_NATIVE_THREAD.test(jvmError) ? null : JVM_OUT_OF_MEMORY.exec(jvmError);
      if (outOfMemory) {
        const limit = `${Math.round((spec.limits.memoryLimitBytes / 1024 ** 3) * 100) / 100} GiB`;
        return {
          verdict: 'memory_limit_exceeded',
          message: `Spark ran out of memory (${outOfMemory[0]}): the job needs more than the sandbox's memory limit of ${limit} gives Spark; ${errorMessage('your code raised', report.error)}`,
          error: report.error,
        };
      }
      return { verdict: 'runtime_error', message: errorMessage('your code raised an error', report.error), error: report.error };
    }
    case 'invalid_submission':
      return { verdict: 'invalid_submission', message: report.error?.message ?? 'invalid submission', error: report.error };
    case 'output_limit_exceeded':
      return {
        verdict: 'output_limit_exceeded',
        message: `the output has more than ${spec.limits.maxOutputRows} rows (or is too large to collect); expected ${c.expected.rows.length}`,
      };
    case 'ok': {
      const comparison = compareTables(c.expected, report.output!, { ordered: spec.output.ordered, key: spec.output.key });
      return {
        verdict: comparison.equal ? 'accepted' : 'wrong_answer',
        message: comparison.message,
        diff: comparison.diff,
        ...(comparison.aligned ? { aligned: comparison.aligned } : {}),
      };
    }
  }
}

export function gradeRun(input: GradeRunInput): GradeResult {
  const { run, spec } = input;
  const reports = new Map(run.caseReports.map((r) => [r.name, r]));
  const cases: CaseResult[] = input.cases.map((c) => {
    const base = { name: c.name, hidden: c.hidden, description: c.description, timed: c.timed, referenceTimeMs: c.referenceTimeMs };
    if (run.moduleStatus === 'invalid_submission' || run.moduleStatus === 'runtime_error') {
      const verdict = run.moduleStatus;
      const prefix = verdict === 'invalid_submission' ? 'solution.py cannot be used' : 'importing solution.py failed';
      return { ...base, verdict, message: errorMessage(prefix, run.moduleError), timeMs: null, stdout: '', error: run.moduleError };
    }
    const report = reports.get(c.name);
    if (!report) {
      const limit =
        run.moduleStatus === 'not_reached' && run.stopReason === 'time_limit'
          ? { verdict: 'time_limit_exceeded' as const, message: run.stopDetail ?? 'importing solution.py took longer than its time limit' }
          : unfinishedCase(run, c.name);
      return { ...base, ...limit, timeMs: null, stdout: '' };
    }
    const outcome = reportVerdict(report, c, spec, run.oomKilled);
    if (outcome.verdict === 'accepted' && c.variant && !run.skippedCases.includes(c.variant.name)) {
      const variantReport = reports.get(c.variant.name);
      const rerun = `the same input rows shuffled and spread over ${c.variant.partitions} partitions`;
      if (!variantReport) {
        // A re-run that never reported is a failed case, never a pass.
        const unfinished = unfinishedCase(run, c.variant.name);
        outcome.verdict = unfinished.verdict;
        outcome.message = `the re-run with ${rerun} did not finish: ${unfinished.message}`;
      } else {
        const shuffled = reportVerdict(variantReport, c, spec, run.oomKilled);
        if (shuffled.verdict !== 'accepted') {
          outcome.verdict = 'wrong_answer';
          outcome.message = `the result depends on input order or partitioning: with ${rerun}, the answer changes (${shuffled.verdict}):\n${shuffled.message}`;
          outcome.diff = shuffled.diff;
          if (shuffled.aligned) outcome.aligned = shuffled.aligned;
        }
      }
    }
    const plan = report.planText ? planInsights(report.planText) : undefined;
    const findings =
      plan || report.metrics
        ? sparkFindings({ metrics: report.metrics, plan, referenceMetrics: c.referenceMetrics, referencePlan: c.referencePlanInsights })
        : undefined;
    return {
      ...base,
      ...outcome,
      ...(plan ? { planInsights: plan } : {}),
      ...(c.referencePlanInsights ? { referencePlanInsights: c.referencePlanInsights } : {}),
      ...(report.metrics ? { metrics: report.metrics } : {}),
      ...(c.referenceMetrics ? { referenceMetrics: c.referenceMetrics } : {}),
      ...(findings ? { findings } : {}),
      // Of a public case only, and only where the challenge allows it: never a hidden case's.
      ...(findings && !c.hidden && spec.insights.candidate ? { candidateInsights: shortInsights(plan, findings) } : {}),
      timeMs: Math.round(report.timeMs * 10) / 10,
      reportedTimeMs: Math.round(report.reportedTimeMs * 10) / 10,
      stdout: report.stdout + (report.stdoutDroppedBytes > 0 ? `\n[... ${report.stdoutDroppedBytes} more bytes of output dropped]` : ''),
      planText: report.planText,
    };
  });

  const timedCases = cases.filter((c) => c.timed);
  let timing: GradeResult['timing'] = null;
  if (timedCases.length > 0 && timedCases.every((c) => c.verdict === 'accepted' && c.referenceTimeMs !== null)) {
    const candidateMs = timedCases.reduce((sum, c) => sum + (c.timeMs ?? 0), 0);
    const referenceMs = timedCases.reduce((sum, c) => sum + (c.referenceTimeMs ?? 0), 0);
    timing = timingSummary(candidateMs, referenceMs, spec.timing.budgetRatio, input.timingReference ?? 'calibration');
    const verdict: Verdict = timing.withinBudget ? 'accepted' : 'too_slow';
    const summary = `${formatMs(timing.candidateMs)} vs the reference's ${formatMs(timing.referenceMs)} (${timing.ratio}x; budget ${timing.budgetRatio}x)`;
    for (const c of timedCases) {
      c.verdict = verdict;
      c.message = verdict === 'accepted' ? `${c.message}; time ${summary}` : `correct, but too slow: ${summary}`;
    }
  }

  return {
    challengeId: input.challengeId,
    scope: input.scope,
    verdict: overallVerdict(cases.map((c) => c.verdict)),
    cases,
    timing,
    skippedCases: run.skippedCases,
    sandbox: {
      image: run.image,
      startupMs: Math.round(run.startupMs),
      sparkStartupMs: run.sparkStartupMs,
      computeMs: Math.round(run.computeMs),
      peakMemoryBytes: run.peakMemoryBytes,
      stderr: run.stderr,
    },
  };
}

/** Whether a case's report is a right answer (the worker runs a case's shuffled re-run only then). */
export function reportAccepted(report: CaseReport, expected: Table, spec: ChallengeSpec): boolean {
  return (
    report.status === 'ok' &&
    report.output !== undefined &&
    compareTables(expected, report.output, { ordered: spec.output.ordered, key: spec.output.key }).equal
  );
}
