// Proves one challenge folder, step by step, as `npm run challenges:check` reports it: the spec
// loads (errors with file:line), the statement names every column, every numbered rule of the
// statement is tested by a hidden hand-written case (the rule matrix), generated cases are
// reproducible, the reference is accepted within its budget, every correct/*.py (a right answer
// written unlike the reference) gets the verdict it declares on every case, every wrong/*.py gets
// the verdict it declares, the starter is not accepted, and every wrong solution is caught by a
// hidden case.
// Speed: the authored solutions are trusted, so the starter and the wrong solutions that do not
// need a sandbox to themselves share warm sandboxes (each in a SparkSession and module of its
// own; one whose run ends its sandbox is graded again in a fresh one); the reference and the
// solutions whose verdict is about time, memory or output limits get a fresh sandbox each, as a
// candidate's would. A wrong solution's generated (scale) cases and shuffled re-runs run only
// when its hand-written cases do not already give its declared verdict. The grading loop
// (`gradeQueue`) is also how `npm run challenges:mutate` grades the reference's mutants.
import { readFile } from 'node:fs/promises';
import type { GradeResult } from '../../core/grade-result.js';
import { ChallengeError, loadChallenge, type Challenge } from '../../core/load-challenge.js';
import { formatMs } from '../../core/timing.js';
import type { Verdict } from '../../core/verdict.js';
import { GraderFault } from '../../worker/errors.js';
import {
  acquireSandbox,
  decideGrade,
  gradeSolution,
  prepareGrade,
  runGrade,
  verdictSoFar,
  type GraderDeps,
  type GradeRequest,
  type PreparedGrade,
} from '../../worker/grade-solution.js';
import { toSandboxRun } from '../../worker/sandbox/run-solution.js';
import type { Sandbox } from '../../worker/sandbox/sandbox.js';
import { catchMatrix, formatCatchMatrix } from './catch-matrix.js';
import { checkGenerators } from './check-generators.js';
import { formatRuleMatrix, ruleCases, ruleMatrix } from './rule-matrix.js';
import { unnamedColumns } from './statement-columns.js';
import { parseStatementRules } from './statement-rules.js';

/** Sandboxes one check runs at once: two Spark sandboxes is a 2-core machine's ceiling. */
export const CHECK_CONCURRENCY = 2;
/** Tries per grade: a retryable grader fault (Spark slow to start on a busy machine) is retried, as the queue does. */
const GRADE_ATTEMPTS = 3;
/** Declared verdicts about limits: such a solution may end its sandbox, so it gets one of its own. */
const NEEDS_OWN_SANDBOX: Verdict[] = ['too_slow', 'time_limit_exceeded', 'memory_limit_exceeded', 'output_limit_exceeded'];

export interface ChallengeCheck {
  id: string;
  /** One line per failed step, naming the file or solution; empty when the challenge passes. */
  failures: string[];
  /** Verdict per solution label, as graded. */
  verdicts: Record<string, Verdict>;
}

export interface CheckOptions {
  /** Every solution in a fresh sandbox of its own (to compare with the shared grading). */
  fresh?: boolean;
  /** Sandboxes at once (default CHECK_CONCURRENCY); with 1, the shared solutions run in file order in one sandbox. */
  slots?: number;
}

/** One solution for `gradeQueue`. */
export interface QueuedSolution {
  /** What log lines and failures call it: `reference.py`, `wrong/<name>.py`, a mutant's id. */
  label: string;
  code: string;
  /** Graded in a fresh sandbox of its own, as a candidate's would be; otherwise in a slot's shared sandbox. */
  ownSandbox: boolean;
  /** Asked before each case (see GradeRequest). */
  shouldRun?: GradeRequest['shouldRun'];
}

/** What `gradeQueue` reports of each solution. */
export interface QueueCallbacks<S extends QueuedSolution> {
  log: (line: string) => void;
  /** Its result; `took` says how long and in which sandbox, for its log line. */
  graded: (solution: S, result: GradeResult, took: string) => void;
  /** A grader error the retries did not cure, as `grader error[ in a shared sandbox]: <message>`. */
  failed: (solution: S, message: string) => void;
}

/** `reference.py`, `starter.py`, `wrong/<name>.py` or `correct/<name>.py`. */
interface Solution extends QueuedSolution {
  /** A wrong or correct solution's declared verdict. */
  expect?: Verdict;
  /** A correct solution written unlike the reference: graded on every case, its verdict required. */
  correct?: boolean;
}

/** Lines of a rejected correct solution's case message shown (its keyed diff or error). */
const CORRECT_MESSAGE_LINES = 12;

/** Runs `attempt` until it succeeds, retrying a retryable grader fault up to GRADE_ATTEMPTS tries in all. */
export async function withRetries<T>(label: string, attempt: () => Promise<T>, log: (line: string) => void): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof GraderFault && error.retryable) || tries === GRADE_ATTEMPTS) throw error;
      log(`${label}: grader fault on try ${tries} of ${GRADE_ATTEMPTS}, retrying: ${error.message.split('\n')[0]}`);
    }
  }
}

/** The first line of each case that did not accept, for a failure message. */
function rejectedCases(result: GradeResult): string {
  return result.cases
    .filter((c) => c.verdict !== 'accepted')
    .map((c) => `\n    ${c.name}: ${c.verdict}: ${c.message.split('\n')[0]}`)
    .join('');
}

/** Whether one solution got what it must: reference accepted, starter not, a wrong one its declared verdict. */
function judge(solution: Solution, result: GradeResult, took: string, log: (line: string) => void, fail: (message: string) => void): void {
  const { verdict, timing } = result;
  const { label } = solution;
  const timed = timing
    ? `; timed cases ${formatMs(timing.candidateMs)}, ${timing.ratio}x the ${timing.reference === 'retimed' ? 're-timed' : 'calibrated'} reference (budget ${timing.budgetRatio}x)`
    : '; no timed case';
  if (label === 'reference.py') {
    if (verdict === 'accepted') log(`reference.py: accepted${timed} ${took}`);
    else fail(`reference.py: ${verdict}, must be accepted${rejectedCases(result)}`);
  } else if (solution.correct) {
    if (verdict === solution.expect) log(`${label}: ${verdict} as required${timed} ${took}`);
    else
      fail(
        `${label}: ${verdict}, must be ${solution.expect} (a correct solution written unlike the reference)${timed}${result.cases
          .filter((c) => c.verdict !== 'accepted')
          .map((c) => `\n    ${c.name}: ${c.verdict}: ${c.message.split('\n').slice(0, CORRECT_MESSAGE_LINES).join('\n      ')}`)
          .join('')}`,
      );
  } else if (label === 'starter.py') {
    if (verdict !== 'accepted') log(`starter.py: ${verdict} (not accepted) ${took}`);
    else fail('starter.py: accepted, must not be');
  } else if (verdict === solution.expect) {
    log(`${label}: ${verdict} as declared${solution.expect === 'too_slow' ? timed : ''} ${took}`);
  } else {
    fail(`${label}: ${verdict}, declares ${solution.expect}${solution.expect === 'too_slow' ? timed : ''}${rejectedCases(result)}`);
  }
}

/**
 * A wrong solution's generated cases and shuffled re-runs run only while its hand-written cases
 * have not given its declared verdict: once they have, they would change nothing the check
 * proves (the catch matrix marks them not needed). The starter's likewise once a case failed:
 * all the check proves of it is that it is not accepted.
 */
function skipWhenDeclared(prepared: PreparedGrade, solution: Pick<Solution, 'label' | 'expect'>): GradeRequest['shouldRun'] {
  const settled =
    solution.expect !== undefined
      ? (verdict: Verdict): boolean => verdict === solution.expect
      : solution.label === 'starter.py'
        ? (verdict: Verdict): boolean => verdict !== 'accepted'
        : null;
  if (!settled) return undefined;
  return (planned, done) => !(planned.generated || planned.variant) || !settled(verdictSoFar(prepared, done));
}

/**
 * Grades every solution of the queue, `slots` sandboxes at a time, as the check does: each slot
 * takes the next solution from the common queue, grading a shared one in the slot's shared
 * sandbox (started when first needed, replaced when a run ends it, and the solution then graded
 * again in a fresh one) and one that needs its own sandbox in a fresh one.
 */
export async function gradeQueue<S extends QueuedSolution>(
  deps: GraderDeps,
  prepared: PreparedGrade,
  queue: S[],
  slots: number,
  { log, graded, failed }: QueueCallbacks<S>,
): Promise<void> {
  const { challenge } = prepared;
  const gradeFresh = async (solution: S, why = ''): Promise<void> => {
    const started = Date.now();
    try {
      const result = await withRetries(
        solution.label,
        () => gradeSolution(deps, { challenge, code: solution.code, scope: prepared.scope, shouldRun: solution.shouldRun }),
        log,
      );
      graded(solution, result, `(graded in ${formatMs(Date.now() - started)}, own sandbox${why})`);
    } catch (error) {
      failed(solution, `grader error: ${(error as Error).message}`);
    }
  };

  const slot = async (): Promise<void> => {
    let sandbox: Sandbox | null = null;
    let n = 0;
    const drop = async (): Promise<void> => {
      await sandbox?.destroy().catch((error: unknown) => log(`removing a shared sandbox failed: ${(error as Error).message}`));
      sandbox = null;
    };
    try {
      for (let solution = queue.shift(); solution; solution = queue.shift()) {
        if (solution.ownSandbox) {
          await gradeFresh(solution);
          continue;
        }
        const started = Date.now();
        try {
          sandbox ??= await acquireSandbox(deps, challenge, { budgetMs: deps.config.GRADER_SANDBOX_MAX_JOB_MS });
          const run = await runGrade(deps, sandbox, prepared, { code: solution.code, shouldRun: solution.shouldRun }, `s${++n}`);
          if (run.stop) {
            // Its run ended the sandbox: grade it where nothing else ran, as a candidate's would be.
            await drop();
            await gradeFresh(
              solution,
              `: its run ended the shared one (${run.stop.reason}${run.interruptedCase ? ` in ${run.interruptedCase}` : ''})`,
            );
            continue;
          }
          const result = await decideGrade(deps, prepared, toSandboxRun(deps.image, run, sandbox, { oomKilled: false, exitCode: null }));
          graded(solution, result, `(graded in ${formatMs(Date.now() - started)}, shared sandbox)`);
        } catch (error) {
          await drop();
          failed(solution, `grader error in a shared sandbox: ${(error as Error).message}`);
        }
      }
    } finally {
      await drop();
    }
  };
  await Promise.all(Array.from({ length: slots }, slot));
}

export async function checkChallenge(
  deps: GraderDeps,
  dir: string,
  log: (line: string) => void,
  options: CheckOptions = {},
): Promise<ChallengeCheck> {
  const failures: string[] = [];
  const verdicts: Record<string, Verdict> = {};
  const fail = (message: string): void => {
    failures.push(message);
    log(`FAIL ${message}`);
  };
  let challenge: Challenge;
  try {
    challenge = await loadChallenge(dir);
  } catch (error) {
    if (!(error instanceof ChallengeError)) throw error;
    fail(`spec: ${error.message}`);
    return { id: dir, failures, verdicts };
  }
  const hidden = challenge.cases.filter((c) => c.hidden);
  const generated = challenge.cases.filter((c) => c.spec.generator);
  log(
    `spec: ok (${challenge.cases.length - hidden.length} public, ${hidden.length} hidden of which ${generated.length} generated, ${challenge.wrong.length} wrong solutions, ${challenge.correct.length} correct ones)`,
  );

  const unnamed = unnamedColumns(challenge.spec, challenge.statement);
  if (unnamed.length > 0) fail(`statement.md does not name ${unnamed.join(', ')} (in inline code or a table)`);
  else log('statement: names every input and output column');

  // Static, so reported before any grade; the matrix itself is printed beside the catch matrix.
  const statementRules = parseStatementRules(challenge.statement);
  for (const problem of statementRules.problems) fail(problem);
  const rules = ruleMatrix(statementRules.rules, ruleCases(challenge));
  if (statementRules.rules.length > 0) for (const problem of rules.problems) fail(problem);
  if (statementRules.problems.length === 0 && rules.problems.length === 0)
    log(
      `rules: each of the statement's ${rules.rows.length} rules is tested by a hidden hand-written case (${rules.columns.length} case${rules.columns.length === 1 ? '' : 's'})`,
    );
  const showRules = (legend: boolean): void => {
    if (statementRules.rules.length > 0) log(formatRuleMatrix(rules, { legend }));
  };

  // Generated inputs first (the cache), then side by side the second generation of each (the
  // reproducibility check) and the reference's calibration, which needs them.
  const generatedOnce = Promise.all(generated.map((c) => deps.generated.get(challenge, c)));
  const generatorsChecked = checkGenerators(deps, challenge, generatedOnce);
  const calibrated = generatedOnce.then(() => withRetries('reference calibration', () => prepareGrade(deps, challenge, 'all'), log));
  calibrated.catch(() => undefined); // awaited, and its error reported, below
  const generators = await generatorsChecked;
  if (generators.length === 0) log('generator: no generated case');
  for (const g of generators) {
    if (g.reproducible) log(`generator: ${g.case} is reproducible (${g.detail})`);
    else fail(`generator of case ${g.case}: ${g.detail}`);
  }
  let prepared: PreparedGrade;
  try {
    prepared = await calibrated;
  } catch (error) {
    if (generators.every((g) => g.reproducible)) fail(`reference.py: ${(error as Error).message}`);
    log('(the reference could not be calibrated, so no solution can be graded)');
    showRules(true);
    return { id: challenge.id, failures, verdicts };
  }
  if (generators.some((g) => !g.reproducible)) {
    log('(a generated case is not reproducible, so no solution is graded)');
    showRules(true);
    return { id: challenge.id, failures, verdicts };
  }

  const authored: Omit<Solution, 'ownSandbox'>[] = [
    { label: 'reference.py', code: challenge.reference },
    { label: 'starter.py', code: challenge.starter },
    ...(await Promise.all(
      challenge.wrong.map(async (w) => ({ label: `wrong/${w.name}.py`, code: await readFile(w.file, 'utf8'), expect: w.header.expect })),
    )),
    ...(await Promise.all(
      challenge.correct.map(async (c) => ({
        label: `correct/${c.name}.py`,
        code: await readFile(c.file, 'utf8'),
        expect: c.header.expect,
        correct: true,
      })),
    )),
  ];
  const ownSandbox = (s: Omit<Solution, 'ownSandbox'>): boolean =>
    options.fresh === true || s.label === 'reference.py' || (s.expect !== undefined && NEEDS_OWN_SANDBOX.includes(s.expect));
  // A correct solution runs every case: a right answer must hold on the scale case and its re-runs too.
  const solutions: Solution[] = authored.map((s) => ({
    ...s,
    ownSandbox: ownSandbox(s),
    shouldRun: s.correct ? undefined : skipWhenDeclared(prepared, s),
  }));
  const results = new Map<string, GradeResult>();
  const record = (solution: Solution, result: GradeResult, took: string): void => {
    results.set(solution.label, result);
    verdicts[solution.label] = result.verdict;
    judge(solution, result, took, log, fail);
  };

  // Longest first: the solutions with a sandbox of their own (a too-slow one runs for minutes),
  // then the shared ones, which both slots take from as they free up.
  const queue = [
    ...solutions.filter((s) => s.ownSandbox).sort((a, b) => Number(b.expect === 'too_slow') - Number(a.expect === 'too_slow')),
    ...solutions.filter((s) => !s.ownSandbox),
  ];
  await gradeQueue(deps, prepared, queue, options.slots ?? CHECK_CONCURRENCY, {
    log,
    graded: record,
    failed: (solution, message) => fail(`${solution.label}: ${message}`),
  });

  const wrongResults = solutions
    .filter((s) => s.expect && !s.correct && results.has(s.label))
    .map((s) => ({
      name: s.label.slice('wrong/'.length, -'.py'.length),
      cases: results.get(s.label)!.cases,
      skippedCases: results.get(s.label)!.skippedCases,
    }));
  const matrix = catchMatrix(
    hidden.map((c) => c.name),
    wrongResults,
  );
  log(formatCatchMatrix(matrix));
  showRules(matrix.rows.length === 0); // the catch matrix's legend names the columns, when it has one
  for (const name of matrix.uncaught) fail(`wrong/${name}.py is caught by no hidden case`);
  return { id: challenge.id, failures, verdicts };
}
