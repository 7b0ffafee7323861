// The rule matrix of a challenge check: which hidden hand-written case tests which rule of the
// statement (from each case.yaml's `rules`), the rules no such case tests, the hidden
// hand-written cases that declare no rules, the rule numbers the statement does not have, and the
// matrix as a text table. Generated and timed cases never count: a rule needs a small case of its own.
import type { Challenge } from '../../core/load-challenge.js';
import type { StatementRule } from './statement-rules.js';

/** One case of the challenge, in the challenge's case order (public cases first, then hidden). */
export interface RuleCase {
  name: string;
  hidden: boolean;
  /** Neither generated nor timed: the only cases that count toward a rule's coverage. */
  handWritten: boolean;
  /** Its case.yaml's `rules`, when it declares them. */
  rules?: number[];
}

export interface RuleMatrix {
  /** The hidden hand-written cases, each with its number among all hidden cases (as the catch matrix numbers them). */
  columns: { number: number; name: string }[];
  /** One row per statement rule: `tested[i]` is true when case `columns[i]` declares the rule. */
  rows: { rule: StatementRule; tested: boolean[] }[];
  /** Rules no hidden hand-written case tests. */
  untested: StatementRule[];
  /** One sentence per problem (untested rule, case without rules, unknown rule number); empty when coverage is complete. */
  problems: string[];
}

/** A challenge's cases as the rule matrix reads them. */
export function ruleCases(challenge: Pick<Challenge, 'cases'>): RuleCase[] {
  return challenge.cases.map((c) => ({
    name: c.name,
    hidden: c.hidden,
    handWritten: !c.spec.generator && !c.spec.timed,
    ...(c.spec.rules ? { rules: c.spec.rules } : {}),
  }));
}

const caseFile = (c: RuleCase): string => `cases/${c.hidden ? 'hidden' : 'public'}/${c.name}/case.yaml`;

/** Rule numbers as a short range list: `1-4, 6`. */
function ranges(numbers: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    parts.push(j === i ? String(numbers[i]) : `${numbers[i]}-${numbers[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

export function ruleMatrix(rules: StatementRule[], cases: RuleCase[]): RuleMatrix {
  const problems: string[] = [];
  const known = new Set(rules.map((r) => r.number));
  const have = rules.length === 0 ? 'it has none' : `its rules are ${ranges(rules.map((r) => r.number))}`;
  for (const c of cases) {
    const unknown = (c.rules ?? []).filter((n) => !known.has(n));
    if (unknown.length > 0)
      problems.push(
        `${caseFile(c)} names rule${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}, which the statement does not have (${have})`,
      );
  }
  const hidden = cases.filter((c) => c.hidden);
  const counted = hidden.flatMap((c, i) => (c.handWritten ? [{ number: i + 1, case: c }] : []));
  for (const { case: c } of counted) {
    if (!c.rules)
      problems.push(`${caseFile(c)} declares no rules: a hidden hand-written case names the statement rules it tests (rules: [1, 3])`);
  }
  const rows = rules.map((rule) => ({ rule, tested: counted.map(({ case: c }) => (c.rules ?? []).includes(rule.number)) }));
  const untested = rows.filter((r) => !r.tested.includes(true)).map((r) => r.rule);
  for (const rule of untested) {
    problems.push(
      `rule ${rule.number} (${rule.title}) is tested by no hidden hand-written case: add a small hidden case with rules: [${rule.number}]`,
    );
  }
  return { columns: counted.map(({ number, case: c }) => ({ number, name: c.name })), rows, untested, problems };
}

/**
 * Rows are the statement's rules with their titles, columns the hidden hand-written cases by their
 * catch-matrix numbers; `x` marks a case that tests the rule. `legend` names the columns below
 * (leave it out when the catch matrix printed just before already names them).
 */
export function formatRuleMatrix(matrix: RuleMatrix, { legend }: { legend: boolean }): string {
  if (matrix.rows.length === 0) return 'rule matrix: the statement has no numbered rules';
  const numbers = matrix.columns.map((c) => String(c.number));
  const width = Math.max(1, ...numbers.map((n) => n.length));
  const ruleWidth = Math.max(...matrix.rows.map((r) => String(r.rule.number).length));
  const labels = matrix.rows.map((r) => `${String(r.rule.number).padStart(ruleWidth)}. ${r.rule.title}`);
  const labelWidth = Math.max('rule'.length, ...labels.map((l) => l.length));
  const line = (label: string, cells: string[]): string =>
    `${label.padEnd(labelWidth)}  ${cells.map((c) => c.padStart(width)).join(' ')}`.trimEnd();
  const where = legend ? 'named below' : 'numbered as in the catch matrix';
  return [
    `rule matrix (x: the hidden hand-written case tests the rule; columns: hidden hand-written cases, ${where}; generated and timed cases do not count)`,
    line('rule', numbers),
    ...matrix.rows.map((r, i) => {
      const cells = line(
        labels[i]!,
        r.tested.map((t) => (t ? 'x' : '.')),
      );
      return r.tested.includes(true) ? cells : `${cells}  <- tested by no hidden hand-written case`;
    }),
    ...(legend ? matrix.columns.map((c, i) => `${numbers[i]!.padStart(width)}: ${c.name}`) : []),
  ].join('\n');
}
