// Runs one solution through a grade plan on a ready sandbox, step by step: the module, then each
// planned case with only its own inputs (a stream case one micro-batch at a time, each sent
// after the previous one's output came back), until the plan ends or the sandbox stops. Every
// time is the worker's own; what came back is folded into case reports for grading.
import type { Challenge } from '../../core/load-challenge.js';
import type { CaseReport, SandboxRun } from '../../core/sandbox-run.js';
import type { CaseEndFrame } from '../../core/run-report.js';
import type { JsonValue } from '../../core/table.js';
import { GraderFault } from '../errors.js';
import type { GradePlan, PlannedCase } from '../grade-plan.js';
import type { CaseInputs } from './case-inputs.js';
import type { Outcome, Stop } from './protocol-machine.js';
import type { Sandbox, SandboxExit } from './sandbox.js';

export interface RunSolutionOptions {
  challenge: Challenge;
  plan: GradePlan;
  code: string;
  inputs: CaseInputs;
  /** The module's id in the protocol; a shared sandbox gives each solution its own. */
  solutionId?: string;
  limits: { maxStdoutBytes: number; maxOutputBytes: number };
  /** Asked before each case; false skips it (a re-run of a case that failed, a case not needed). */
  shouldRun?: (planned: PlannedCase, done: ReadonlyMap<string, CaseReport>) => boolean;
  onCaseDone?: (planned: PlannedCase, report: CaseReport) => void;
}

export interface SolutionRun {
  moduleStatus: 'ok' | 'runtime_error' | 'invalid_submission' | 'not_reached';
  moduleError?: CaseEndFrame['error'];
  moduleStdout: string;
  caseReports: CaseReport[];
  skippedCases: string[];
  /** Why the sandbox stopped before the plan's end; null when every step ran. */
  stop: Stop | null;
  interruptedCase?: string;
  /** From sending the module to the last step's end, in milliseconds (the worker's clock). */
  computeMs: number;
}

function caseReport(name: string, frame: CaseEndFrame, rows: JsonValue[][], wallMs: number): CaseReport {
  return {
    name,
    status: frame.status,
    timeMs: wallMs,
    reportedTimeMs: frame.selfTimeMs,
    ...(frame.status === 'ok' && frame.columns ? { output: { columns: frame.columns, rows } } : {}),
    ...(frame.rowCount !== undefined ? { rowCount: frame.rowCount } : {}),
    ...(frame.planText !== undefined ? { planText: frame.planText } : {}),
    ...(frame.metrics !== undefined ? { metrics: frame.metrics } : {}),
    stdout: frame.stdout,
    stdoutDroppedBytes: frame.stdoutDroppedBytes,
    ...(frame.error ? { error: frame.error } : {}),
  };
}

export async function runSolution(sandbox: Sandbox, options: RunSolutionOptions): Promise<SolutionRun> {
  let watchdog: NodeJS.Timeout | undefined;
  const overran = new Promise<never>((_, reject) => {
    // The steps' own clocks stop a run long before this; it fires only if Docker itself hangs.
    watchdog = setTimeout(
      () => reject(new GraderFault(`the sandbox run did not end within its budget of ${options.plan.budgetMs} ms`)),
      options.plan.budgetMs,
    );
  });
  try {
    return await Promise.race([steps(sandbox, options), overran]);
  } finally {
    clearTimeout(watchdog);
  }
}

async function steps(sandbox: Sandbox, options: RunSolutionOptions): Promise<SolutionRun> {
  const { challenge, plan } = options;
  const solutionId = options.solutionId ?? 's1';
  const run: SolutionRun = { moduleStatus: 'not_reached', moduleStdout: '', caseReports: [], skippedCases: [], stop: null, computeMs: 0 };
  const started = performance.now();
  const finish = (stop: Stop | null, interrupted?: string): SolutionRun => {
    run.stop = stop;
    if (interrupted) run.interruptedCase = interrupted;
    run.computeMs = performance.now() - started;
    return run;
  };

  const source = Buffer.from(options.code, 'utf8');
  const module = await sandbox.run(
    { kind: 'solution', id: solutionId, limitMs: plan.importLimitMs },
    {
      type: 'solution',
      id: solutionId,
      entrypoint: challenge.spec.entrypoint,
      inputs: challenge.spec.inputs,
      maxOutputRows: challenge.spec.limits.maxOutputRows,
      maxOutputBytes: options.limits.maxOutputBytes,
      maxStdoutBytes: options.limits.maxStdoutBytes,
      payloadBytes: source.length,
    },
    source,
  );
  if (module.type === 'stopped') return finish(module.stop);
  if (module.type !== 'module') throw new Error(`unexpected ${module.type} for the module`);
  run.moduleStatus = module.frame.status;
  run.moduleStdout = module.frame.stdout;
  if (module.frame.error) run.moduleError = module.frame.error;
  if (module.frame.status !== 'ok') return finish(null);

  const done = new Map<string, CaseReport>();
  let cases = plan.cases;
  if (plan.prime) {
    // Off the clock and out of the result; a stop here is a stop in the case it primes, and a
    // failure is that case's report (its time does not matter, and a failure like a stopped
    // SparkSession leaves nothing to run it again in).
    const primed = await runCase(sandbox, options, solutionId, plan.prime);
    if (primed.type === 'stopped') return finish(primed.stop, plan.prime.name);
    if (primed.frame.status !== 'ok') {
      const report = caseReport(plan.prime.name, primed.frame, primed.rows, primed.wallMs);
      run.caseReports.push(report);
      done.set(report.name, report);
      options.onCaseDone?.(plan.cases[0]!, report);
      cases = plan.cases.slice(1);
    }
  }
  for (const planned of cases) {
    if (options.shouldRun && !options.shouldRun(planned, done)) {
      run.skippedCases.push(planned.name);
      continue;
    }
    const outcome = await runCase(sandbox, options, solutionId, planned);
    if (outcome.type === 'stopped') return finish(outcome.stop, planned.name);
    const report = caseReport(planned.name, outcome.frame, outcome.rows, outcome.wallMs);
    run.caseReports.push(report);
    done.set(planned.name, report);
    options.onCaseDone?.(planned, report);
  }
  return finish(null);
}

/** One case through the protocol: its inputs, then (a stream) each micro-batch after the last one's output. */
async function runCase(
  sandbox: Sandbox,
  options: RunSolutionOptions,
  solutionId: string,
  planned: PlannedCase,
): Promise<Extract<Outcome, { type: 'case_end' | 'stopped' }>> {
  const { challenge } = options;
  const payload = await options.inputs.payload(challenge, planned.source);
  const batches = await Promise.all(payload.batches.map(async (b) => ({ ...b, bytes: await b.payload() })));
  const caseId = `${solutionId}-${planned.id}`;
  let outcome: Outcome = await sandbox.run(
    {
      kind: 'case',
      id: caseId,
      limitMs: planned.limitMs,
      stream: planned.stream,
      maxRows: challenge.spec.limits.maxOutputRows,
      maxOutputBytes: options.limits.maxOutputBytes,
    },
    {
      type: 'case',
      id: caseId,
      solution: solutionId,
      inputs: payload.layout,
      ...(planned.variant ? { shuffle: { seed: planned.variant.seed, partitions: planned.variant.partitions } } : {}),
      payloadBytes: payload.tar.length,
    },
    payload.tar,
  );
  if (outcome.type === 'stream_ready') {
    for (const batch of batches) {
      outcome = await sandbox.run(
        { kind: 'micro_batch', id: caseId, index: batch.index },
        { type: 'micro_batch', id: caseId, index: batch.index, format: batch.format, payloadBytes: batch.bytes.length },
        batch.bytes,
      );
      if (outcome.type !== 'batch_end') break;
    }
    if (outcome.type === 'batch_end')
      outcome = await sandbox.run({ kind: 'stream_end', id: caseId }, { type: 'stream_end', id: caseId, payloadBytes: 0 });
  }
  if (outcome.type !== 'stopped' && outcome.type !== 'case_end') throw new Error(`unexpected ${outcome.type} for case ${planned.name}`);
  return outcome;
}

/** A solution's run as grading reads it, with how its sandbox ended. A grader fault throws. */
export function toSandboxRun(image: string, run: SolutionRun, sandbox: Sandbox | null, exit: SandboxExit): SandboxRun {
  const stop = run.stop;
  if (stop?.reason === 'fault') throw new GraderFault(stop.detail);
  return {
    image,
    moduleStatus: run.moduleStatus,
    ...(run.moduleError ? { moduleError: run.moduleError } : {}),
    moduleStdout: run.moduleStdout,
    caseReports: run.caseReports,
    skippedCases: run.skippedCases,
    ...(run.interruptedCase ? { interruptedCase: run.interruptedCase } : {}),
    stopReason: stop?.reason ?? 'completed',
    ...(stop ? { stopDetail: stop.detail } : {}),
    oomKilled: exit.oomKilled,
    exitCode: exit.exitCode,
    startupMs: sandbox?.startupMs ?? 0,
    sparkStartupMs: sandbox?.ready?.sparkStartupMs ?? null,
    computeMs: run.computeMs,
    peakMemoryBytes: sandbox?.peakMemoryBytes ?? null,
    stderr: sandbox?.stderr() ?? '',
  };
}
