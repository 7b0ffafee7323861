// Proves one challenge folder, step by step, as `npm run challenges:check` reports it: the spec
// loads (errors with file:line), the statement names every column, generated cases are
// reproducible, the reference is accepted within its budget, every wrong/*.py gets the verdict it
// declares, the starter is not accepted, and every wrong solution is caught by a hidden case.
import { readFile } from 'node:fs/promises';
import type { GradeResult } from '../../core/grade-result.js';
import { ChallengeError, loadChallenge, type Challenge } from '../../core/load-challenge.js';
import { formatMs } from '../../core/timing.js';
import { GraderFault } from '../../worker/errors.js';
import { gradeSolution, type GraderDeps } from '../../worker/grade-solution.js';
import { catchMatrix, formatCatchMatrix } from './catch-matrix.js';
import { checkGenerators } from './check-generators.js';
import { unnamedColumns } from './statement-columns.js';

/** Sandboxes one check runs at once: two Spark sandboxes is a 2-core machine's ceiling. */
export const CHECK_CONCURRENCY = 2;
/** Tries per grade: a retryable grader fault (Spark slow to start on a busy machine) is retried, as the queue does. */
const GRADE_ATTEMPTS = 3;
/** Label on the check's sandbox containers. */
const LABELS = { 'org.pyspark-grader.role': 'challenges-check' };

export interface ChallengeCheck {
  id: string;
  /** One line per failed step, naming the file or solution; empty when the challenge passes. */
  failures: string[];
}

/** Runs `task` over `items`, at most `limit` at once, keeping the items' order in the results. */
async function mapConcurrently<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** Runs `attempt` until it succeeds, retrying a retryable grader fault up to GRADE_ATTEMPTS tries in all. */
async function withRetries<T>(label: string, attempt: () => Promise<T>, log: (line: string) => void): Promise<T> {
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
  return result.cases.filter((c) => c.verdict !== 'accepted')
    .map((c) => `\n    ${c.name}: ${c.verdict}: ${c.message.split('\n')[0]}`).join('');
}

interface Graded {
  /** `reference.py`, `starter.py` or `wrong/<name>.py`. */
  label: string;
  /** Null when grading failed (a grader fault, reported as such). */
  result: GradeResult | null;
}

/** Whether one solution got what it must: reference accepted, starter not, a wrong one its declared verdict. */
function judge(challenge: Challenge, label: string, result: GradeResult, took: string, log: (line: string) => void, fail: (message: string) => void): void {
  const { verdict, timing } = result;
  if (label === 'reference.py') {
    const timed = timing ? `; timed cases ${formatMs(timing.candidateMs)}, ${timing.ratio}x the calibrated reference (budget ${timing.budgetRatio}x)` : '; no timed case';
    if (verdict === 'accepted') log(`reference.py: accepted${timed} ${took}`);
    else fail(`reference.py: ${verdict}, must be accepted${rejectedCases(result)}`);
  } else if (label === 'starter.py') {
    if (verdict !== 'accepted') log(`starter.py: ${verdict} (not accepted) ${took}`);
    else fail('starter.py: accepted, must not be');
  } else {
    const expected = challenge.wrong.find((w) => `wrong/${w.name}.py` === label)!.header.expect;
    if (verdict === expected) log(`${label}: ${verdict} as declared ${took}`);
    else fail(`${label}: ${verdict}, declares ${expected}${rejectedCases(result)}`);
  }
}

export async function checkChallenge(deps: GraderDeps, dir: string, log: (line: string) => void): Promise<ChallengeCheck> {
  const failures: string[] = [];
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
    return { id: dir, failures };
  }
  const hidden = challenge.cases.filter((c) => c.hidden);
  const generated = challenge.cases.filter((c) => c.spec.generator);
  log(`spec: ok (${challenge.cases.length - hidden.length} public, ${hidden.length} hidden of which ${generated.length} generated, ${challenge.wrong.length} wrong solutions)`);

  const unnamed = unnamedColumns(challenge.spec, challenge.statement);
  if (unnamed.length > 0) fail(`statement.md does not name ${unnamed.join(', ')} (in inline code or a table)`);
  else log('statement: names every input and output column');

  // The reference's calibration (expected outputs of generated cases, reference times) runs
  // alone: its times are the yardstick of every timing verdict, so nothing may compete with it.
  // The reproducibility runs then go side by side with the grading.
  const needsReference = challenge.cases.some((c) => c.spec.timed || c.spec.generator);
  const calibrated = needsReference
    ? await withRetries('reference calibration', () => deps.references.get(challenge), log).then(() => true, (error: unknown) => {
      fail(`reference.py: ${(error as Error).message}`);
      return false;
    })
    : true;
  const generatorsChecked = checkGenerators(deps, challenge, LABELS).then((checks) => {
    if (checks.length === 0) log('generator: no generated case');
    for (const c of checks) {
      if (c.reproducible) log(`generator: ${c.case} is reproducible (${c.detail})`);
      else fail(`generator of case ${c.case}: ${c.detail}`);
    }
  }, (error: unknown) => fail(`generators: ${(error as Error).message}`));
  if (!calibrated) {
    await generatorsChecked;
    log('(the reference could not be calibrated, so no solution can be graded)');
    return { id: challenge.id, failures };
  }

  const solutions = [
    { label: 'reference.py', code: challenge.reference },
    { label: 'starter.py', code: challenge.starter },
    ...await Promise.all(challenge.wrong.map(async (w) => ({ label: `wrong/${w.name}.py`, code: await readFile(w.file, 'utf8') }))),
  ];
  // Each verdict is reported as soon as it is in: a full check takes minutes.
  const graded = await mapConcurrently(solutions, CHECK_CONCURRENCY, async ({ label, code }): Promise<Graded> => {
    const started = Date.now();
    let result: GradeResult;
    try {
      result = await withRetries(label, () => gradeSolution(deps, { challenge, code, scope: 'all', labels: LABELS }), log);
    } catch (error) {
      fail(`${label}: grader error: ${(error as Error).message}`);
      return { label, result: null };
    }
    judge(challenge, label, result, `(graded in ${formatMs(Date.now() - started)})`, log, fail);
    return { label, result };
  });

  await generatorsChecked;

  const wrongResults = graded.filter((g) => g.label.startsWith('wrong/') && g.result)
    .map((g) => ({ name: g.label.slice('wrong/'.length, -'.py'.length), cases: g.result!.cases }));
  const matrix = catchMatrix(hidden.map((c) => c.name), wrongResults);
  log(formatCatchMatrix(matrix));
  for (const name of matrix.uncaught) fail(`wrong/${name}.py is caught by no hidden case`);
  return { id: challenge.id, failures };
}
