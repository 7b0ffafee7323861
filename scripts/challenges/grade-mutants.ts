// Grades the mutants of a challenge's reference with the check's own grading loop (gradeQueue)
// on the hidden hand-written cases only: never the generated (scale) cases, which cost minutes
// each; the public cases are skipped too. Each mutant is killed (some hidden case rejected it)
// or a survivor (every one accepted it).
import type { GradeResult } from '../../core/grade-result.js';
import type { Challenge } from '../../core/load-challenge.js';
import type { Verdict } from '../../core/verdict.js';
import { prepareGrade, type GraderDeps } from '../../worker/grade-solution.js';
import type { Mutant } from '../mutate/list-mutants.js';
import { CHECK_CONCURRENCY, gradeQueue, withRetries, type QueuedSolution } from './check-challenge.js';
import type { MutantResult, MutantRun } from './mutant-report.js';

/** A small hand-written case: neither generated nor timed. */
const isSmall = (c: Challenge['cases'][number]): boolean => !c.spec.generator && !c.spec.timed;

/**
 * The challenge as the mutants are graded on it: its small hand-written cases only (the public
 * ones stay in the plan, to prime the solution, and are skipped). With no timed or generated case
 * in scope, preparing the grade never calibrates the reference, so this cut-down challenge never
 * writes a calibration under the whole challenge's content hash.
 */
export function handWrittenOnly(challenge: Challenge): Challenge {
  return { ...challenge, cases: challenge.cases.filter(isSmall) };
}

/** The hidden small hand-written case names: the cases a mutant is graded on. */
export function mutantCases(challenge: Challenge): string[] {
  return challenge.cases.filter((c) => c.hidden && isSmall(c)).map((c) => c.name);
}

/** A mutant's outcome from its grade: the hidden hand-written cases that did not accept it (a public case's verdict does not count). */
export function mutantOutcome(
  result: { cases: Pick<GradeResult['cases'][number], 'name' | 'verdict'>[] },
  cases: string[],
): Pick<MutantResult, 'outcome' | 'killedBy'> {
  const killedBy: Record<string, Verdict> = {};
  for (const c of result.cases) if (cases.includes(c.name) && c.verdict !== 'accepted') killedBy[c.name] = c.verdict;
  return { outcome: Object.keys(killedBy).length > 0 ? 'killed' : 'survivor', killedBy };
}

interface QueuedMutant extends QueuedSolution {
  mutant: Mutant;
}

/**
 * Every mutant graded, CHECK_CONCURRENCY sandboxes at a time, each in a shared warm sandbox as the
 * check grades a wrong solution (a mutant is the trusted reference with one change). Returns the
 * run's report (without marks) and the grader errors that retries did not cure, one per mutant.
 */
export async function gradeMutants(
  deps: GraderDeps,
  challenge: Challenge,
  mutants: Mutant[],
  contentHash: string,
  log: (line: string) => void,
  slots = CHECK_CONCURRENCY,
): Promise<{ run: MutantRun; errors: string[] }> {
  const cases = mutantCases(challenge);
  // Nothing in scope is timed or generated, so no calibration runs: the expected tables are the cases' expected.jsonl.
  const prepared = await withRetries('preparing the grade', () => prepareGrade(deps, handWrittenOnly(challenge), 'all'), log);
  const queue: QueuedMutant[] = mutants.map((mutant) => ({
    label: mutant.id,
    code: mutant.source,
    ownSandbox: false,
    // Hidden cases only; a shuffled re-run of one still follows when it accepted (a result that depends on order is a kill).
    shouldRun: (planned) => planned.hidden,
    mutant,
  }));
  const results = new Map<string, MutantResult>();
  const errors: string[] = [];
  let done = 0;
  await gradeQueue(deps, prepared, queue, slots, {
    log,
    graded: ({ mutant }, result, took) => {
      const outcome = mutantOutcome(result, cases);
      results.set(mutant.id, {
        id: mutant.id,
        operator: mutant.operator,
        description: mutant.description,
        line: mutant.line,
        ...outcome,
      });
      const why = outcome.outcome === 'killed' ? `killed by ${Object.keys(outcome.killedBy).join(', ')}` : 'SURVIVED every hidden case';
      log(`[${++done}/${mutants.length}] ${mutant.id}: ${why} ${took}`);
    },
    failed: ({ mutant }, message) => {
      done += 1;
      errors.push(`${mutant.id}: ${message}`);
      log(`[${done}/${mutants.length}] ${mutant.id}: ${message}`);
    },
  });
  return {
    run: {
      challenge: challenge.id,
      contentHash,
      generatedAt: new Date().toISOString(),
      cases,
      mutants: mutants.flatMap((m) => results.get(m.id) ?? []),
    },
    errors,
  };
}
