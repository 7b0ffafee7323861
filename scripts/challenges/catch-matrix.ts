// The catch matrix of a challenge check: which hidden case rejected which wrong solution, which
// was not needed (the check did not run it: smaller cases already gave the declared verdict),
// the wrong solutions no hidden case rejects, and the matrix as a text table.
import type { Verdict } from '../../core/verdict.js';

export interface CatchMatrix {
  /** Hidden case names: the columns. */
  cases: string[];
  /** One row per wrong solution: `caught[i]` is true when hidden case `cases[i]` did not accept it, null when that case was not run (not needed). */
  rows: { name: string; caught: (boolean | null)[] }[];
  /** Wrong solutions that every hidden case accepted. */
  uncaught: string[];
}

/** A wrong solution's graded cases (a GradeResult's `cases` and `skippedCases` will do). */
export interface WrongSolutionCases {
  name: string;
  cases: { name: string; verdict: Verdict }[];
  /** Runs left out as not needed (a case, or a case's `--shuffled` re-run). */
  skippedCases?: string[];
}

export function catchMatrix(hiddenCases: string[], solutions: WrongSolutionCases[]): CatchMatrix {
  const rows = solutions.map(({ name, cases, skippedCases = [] }) => {
    const verdicts = new Map(cases.map((c) => [c.name, c.verdict]));
    // A case missing from the result was left out by the check (not needed), as is an accepted
    // one whose shuffled re-run was; one that could not run because the sandbox stopped is in
    // the result with a failing verdict.
    return {
      name,
      caught: hiddenCases.map((c) => {
        if (!verdicts.has(c)) return null;
        if (verdicts.get(c) !== 'accepted') return true;
        return skippedCases.includes(`${c}--shuffled`) ? null : false;
      }),
    };
  });
  return { cases: hiddenCases, rows, uncaught: rows.filter((r) => !r.caught.includes(true)).map((r) => r.name) };
}

/**
 * Rows are wrong solutions, columns are numbered hidden cases (named in a legend below, as the
 * names are too long for headers); `x` marks a case that caught the solution.
 */
export function formatCatchMatrix(matrix: CatchMatrix): string {
  if (matrix.rows.length === 0) return 'catch matrix: no wrong solutions';
  const numbers = matrix.cases.map((_, i) => String(i + 1));
  const width = Math.max(...numbers.map((n) => n.length));
  const nameWidth = Math.max('wrong solution'.length, ...matrix.rows.map((r) => r.name.length));
  const line = (label: string, cells: string[]): string =>
    `${label.padEnd(nameWidth)}  ${cells.map((c) => c.padStart(width)).join(' ')}`.trimEnd();
  const lines = [
    'catch matrix (x: the hidden case rejected the wrong solution; -: not needed, smaller cases already gave its declared verdict)',
    line('wrong solution', numbers),
    ...matrix.rows.map((r) => {
      const cells = line(
        r.name,
        r.caught.map((c) => (c === null ? '-' : c ? 'x' : '.')),
      );
      return r.caught.includes(true) ? cells : `${cells}  <- caught by no hidden case`;
    }),
    ...matrix.cases.map((name, i) => `${numbers[i]!.padStart(width)}: ${name}`),
  ];
  return lines.join('\n');
}
