// Grades one solution of one challenge: the story every path (CLI, queue worker, check, tests)
// tells. Prepare (calibration, plan, expected tables) -> a ready sandbox from the pool -> run the
// plan -> remove the sandbox -> decide every verdict (core) -> near the timing budget, re-time
// the reference beside it and decide on that pair. Candidate outcomes come back as a
// GradeResult; grader faults are thrown.
import type Docker from 'dockerode';
import type { ChallengeCatalog } from '../core/challenge-catalog.js';
import type { GradeResult } from '../core/grade-result.js';
import { gradeRun, reportAccepted, type GradedCase } from '../core/grade-run.js';
import type { Challenge } from '../core/load-challenge.js';
import type { CaseReport, SandboxRun } from '../core/sandbox-run.js';
import type { Table } from '../core/table.js';
import { needsRetime } from '../core/timing.js';
import type { SandboxConfig } from './config.js';
import { listedCases, planGrade, type GradePlan, type PlannedCase } from './grade-plan.js';
import type { ReferenceRecord, ReferenceStore } from './reference-store.js';
import type { CaseInputs } from './sandbox/case-inputs.js';
import type { GeneratedInputs } from './sandbox/generated-inputs.js';
import type { SandboxPool } from './sandbox/pool.js';
import { runSolution, toSandboxRun, type SolutionRun } from './sandbox/run-solution.js';
import type { Sandbox, SandboxExit } from './sandbox/sandbox.js';

export interface GraderDeps {
  docker: Docker;
  config: SandboxConfig;
  /** The sandbox image reference to run. */
  image: string;
  challenges: ChallengeCatalog;
  references: ReferenceStore;
  generated: GeneratedInputs;
  inputs: CaseInputs;
  pool: SandboxPool;
  /** This process's owner id on its sandboxes' labels. */
  owner: string;
}

export interface GradeRequest {
  challenge: Challenge;
  code: string;
  /** `public`: public cases only (Run); `all`: every case (Submit). */
  scope: 'public' | 'all';
  /** Pool priority: lower is served first (a Run before a Submit). */
  priority?: number;
  /** Live progress: each listed case as its report arrives (never a re-run, never a frame's text). */
  onCaseDone?: (planned: PlannedCase, casesDone: number, casesTotal: number) => void;
  /** Asked before each case, besides the rule that a re-run follows only an accepted case. */
  shouldRun?: (planned: PlannedCase, done: ReadonlyMap<string, CaseReport>) => boolean;
  /** Aborted: the sandbox is removed at once and the grade throws `GradeCancelledError`. */
  signal?: AbortSignal;
}

/** The grade was stopped through its request's signal (the candidate cancelled their Run). */
export class GradeCancelledError extends Error {
  constructor() {
    super('the grade was cancelled');
  }
}

/** Default pool priority of a grade that names none (the CLI, the check, tests). */
const DEFAULT_PRIORITY = 10;

/** The cases of a plan as grading sees them, with their expected tables and the reference's times. */
function gradedCases(
  plan: GradePlan,
  expected: Map<string, Table>,
  reference: ReferenceRecord | null,
  times?: Record<string, number>,
): GradedCase[] {
  return listedCases(plan).map((c) => {
    const variant = plan.cases.find((v) => v.variant?.of === c.name);
    return {
      name: c.name,
      hidden: c.hidden,
      description: c.source.spec.description,
      timed: c.timed,
      expected: expected.get(c.name)!,
      referenceTimeMs: times?.[c.name] ?? reference?.cases[c.name]?.timeMs ?? null,
      referencePlanInsights: reference?.cases[c.name]?.planInsights,
      referenceMetrics: reference?.cases[c.name]?.metrics,
      ...(variant ? { variant: { name: variant.name, partitions: variant.variant!.partitions } } : {}),
    };
  });
}

/** What a grade needs before any sandbox: the calibration, the plan and the expected tables. */
export interface PreparedGrade {
  challenge: Challenge;
  scope: 'public' | 'all';
  reference: ReferenceRecord | null;
  plan: GradePlan;
  expected: Map<string, Table>;
}

export async function prepareGrade(deps: GraderDeps, challenge: Challenge, scope: 'public' | 'all'): Promise<PreparedGrade> {
  const inScope = challenge.cases.filter((c) => scope === 'all' || !c.hidden);
  // Timed and generated cases need the calibration; otherwise it only raises small cases' limits when known.
  const reference = inScope.some((c) => c.spec.timed || c.spec.generator)
    ? await deps.references.get(challenge)
    : await deps.references.peek(challenge);
  const plan = planGrade(challenge, {
    scope,
    smallCaseLimitMs: deps.config.GRADER_SMALL_CASE_TIME_LIMIT_MS,
    ...(reference ? { referenceTimes: Object.fromEntries(Object.entries(reference.cases).map(([name, c]) => [name, c.timeMs])) } : {}),
  });
  const expected = await deps.references.expectedTables(
    challenge,
    reference,
    listedCases(plan).map((c) => c.name),
  );
  return { challenge, scope, reference, plan, expected };
}

/** Runs a prepared grade's plan on `sandbox` (which the caller owns and destroys). */
export function runGrade(
  deps: GraderDeps,
  sandbox: Sandbox,
  prepared: PreparedGrade,
  request: Pick<GradeRequest, 'code' | 'onCaseDone' | 'shouldRun'>,
  solutionId = 's1',
): Promise<SolutionRun> {
  const { challenge, plan, expected } = prepared;
  const listed = listedCases(plan).length;
  let casesDone = 0;
  return runSolution(sandbox, {
    challenge,
    plan,
    code: request.code,
    inputs: deps.inputs,
    solutionId,
    limits: { maxStdoutBytes: deps.config.GRADER_MAX_STDOUT_BYTES, maxOutputBytes: deps.config.GRADER_MAX_OUTPUT_BYTES },
    shouldRun: (planned, done) => {
      // A re-run tells something only of a case that was right; of one already failed it cannot.
      if (planned.variant) {
        const base = done.get(planned.variant.of);
        if (!base || !reportAccepted(base, expected.get(planned.variant.of)!, challenge.spec)) return false;
      }
      return request.shouldRun?.(planned, done) ?? true;
    },
    onCaseDone: (planned) => {
      if (planned.variant) return;
      casesDone += 1;
      request.onCaseDone?.(planned, casesDone, listed);
    },
  });
}

/** The overall verdict of the cases finished so far (the check stops early when it has what it needs). */
export function verdictSoFar(prepared: PreparedGrade, done: ReadonlyMap<string, CaseReport>): GradeResult['verdict'] {
  const { challenge, plan, expected, reference } = prepared;
  const cases = gradedCases(plan, expected, reference)
    .filter((c) => done.has(c.name))
    .map((c) => ({ ...c, variant: c.variant && done.has(c.variant.name) ? c.variant : undefined }));
  const run: SandboxRun = {
    image: '',
    moduleStatus: 'ok',
    moduleStdout: '',
    caseReports: [...done.values()],
    skippedCases: [],
    stopReason: 'completed',
    oomKilled: false,
    exitCode: null,
    startupMs: 0,
    sparkStartupMs: null,
    computeMs: 0,
    peakMemoryBytes: null,
    stderr: '',
  };
  return gradeRun({ challengeId: challenge.id, spec: challenge.spec, scope: prepared.scope, cases, run }).verdict;
}

/**
 * Every verdict of a finished run; near the timing budget the reference is re-timed beside it
 * and the timing decided on that pair. Cases the worker chose not to run are left out.
 */
export async function decideGrade(deps: GraderDeps, prepared: PreparedGrade, run: SandboxRun): Promise<GradeResult> {
  const { challenge, scope, plan, expected, reference } = prepared;
  const cases = (times?: Record<string, number>): GradedCase[] =>
    gradedCases(plan, expected, reference, times).filter((c) => !run.skippedCases.includes(c.name));
  const result = gradeRun({ challengeId: challenge.id, spec: challenge.spec, scope, cases: cases(), run });
  if (!result.timing || !needsRetime(result.timing.ratio, challenge.spec.timing.budgetRatio)) return result;
  // Near the line, load on the machine could flip the verdict: decide on the reference timed now, beside this run.
  const times = await deps.references.retime(challenge);
  return gradeRun({ challengeId: challenge.id, spec: challenge.spec, scope, cases: cases(times), run, timingReference: 'retimed' });
}

/** A ready sandbox from the pool, fitted to the challenge's memory limit; the caller destroys it. */
export async function acquireSandbox(
  deps: GraderDeps,
  challenge: Challenge,
  request: { priority?: number; budgetMs: number },
): Promise<Sandbox> {
  const sandbox = await deps.pool.acquire({ priority: request.priority ?? DEFAULT_PRIORITY, budgetMs: request.budgetMs });
  try {
    await sandbox.limitMemory(challenge.spec.limits.memoryLimitBytes);
    return sandbox;
  } catch (error) {
    await sandbox
      .destroy()
      .catch((e: unknown) =>
        console.error(`sandbox ${sandbox.id.slice(0, 12)}: removal failed (the reaper will retry): ${(e as Error).message}`),
      );
    throw error;
  }
}

/** Whether a run's verdict may depend on how its container ended: it stopped, or code failed. */
function needsExitState(run: SolutionRun): boolean {
  return run.stop !== null || run.moduleStatus !== 'ok' || run.caseReports.some((r) => r.status !== 'ok');
}

export async function gradeSolution(deps: GraderDeps, request: GradeRequest): Promise<GradeResult> {
  return gradePrepared(deps, await prepareGrade(deps, request.challenge, request.scope), request);
}

/** Grades `request.code` on a prepared plan in a sandbox of its own. */
export async function gradePrepared(
  deps: GraderDeps,
  prepared: PreparedGrade,
  request: Omit<GradeRequest, 'challenge' | 'scope'>,
): Promise<GradeResult> {
  if (request.signal?.aborted) throw new GradeCancelledError();
  const sandbox = await acquireSandbox(deps, prepared.challenge, { priority: request.priority, budgetMs: prepared.plan.budgetMs });
  // A cancel removes the sandbox under the running grade: its protocol ends, and the result is dropped.
  const cancel = (): void => void sandbox.destroy().catch(() => undefined);
  request.signal?.addEventListener('abort', cancel, { once: true });
  let exit: SandboxExit = { oomKilled: false, exitCode: null };
  let solution: SolutionRun | undefined;
  try {
    if (request.signal?.aborted) throw new GradeCancelledError();
    solution = await runGrade(deps, sandbox, prepared, request);
  } catch (error) {
    if (request.signal?.aborted) throw new GradeCancelledError();
    throw error;
  } finally {
    request.signal?.removeEventListener('abort', cancel);
    // How the container ended (an OOM kill) only explains a stop or an error, so a run that
    // finished every step without one is decided while Docker removes its sandbox.
    if (solution && !needsExitState(solution) && !request.signal?.aborted) deps.pool.release(sandbox);
    else exit = await sandbox.destroy();
  }
  if (request.signal?.aborted) throw new GradeCancelledError();
  return decideGrade(deps, prepared, toSandboxRun(sandbox.spec.image, solution, sandbox, exit));
}
