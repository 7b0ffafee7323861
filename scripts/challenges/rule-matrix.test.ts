import { describe, expect, it } from 'vitest';
import { formatRuleMatrix, ruleMatrix, type RuleCase } from './rule-matrix.js';

const rules = [
  { number: 1, title: 'Blank lines' },
  { number: 2, title: 'Header' },
  { number: 3, title: 'Order' },
];
const hidden = (name: string, caseRules?: number[], handWritten = true): RuleCase => ({
  name,
  hidden: true,
  handWritten,
  ...(caseRules ? { rules: caseRules } : {}),
});

describe('ruleMatrix', () => {
  it('marks the rules each hidden hand-written case declares, numbering columns among all hidden cases', () => {
    const matrix = ruleMatrix(rules, [
      { name: 'basic', hidden: false, handWritten: true, rules: [1, 2, 3] },
      hidden('blank', [1]),
      hidden('scale', [2], false),
      hidden('ties', [2, 3]),
    ]);
    expect(matrix.columns).toEqual([
      { number: 1, name: 'blank' },
      { number: 3, name: 'ties' },
    ]);
    expect(matrix.rows.map((r) => r.tested)).toEqual([
      [true, false],
      [false, true],
      [false, true],
    ]);
    expect(matrix.problems).toEqual([]);
  });

  it('names a rule that only a public, generated or timed case tests', () => {
    const matrix = ruleMatrix(rules, [
      { name: 'basic', hidden: false, handWritten: true, rules: [2] },
      hidden('blank', [1]),
      hidden('scale', [2, 3], false),
    ]);
    expect(matrix.untested.map((r) => r.number)).toEqual([2, 3]);
    expect(matrix.problems).toEqual([
      'rule 2 (Header) is tested by no hidden hand-written case: add a small hidden case with rules: [2]',
      'rule 3 (Order) is tested by no hidden hand-written case: add a small hidden case with rules: [3]',
    ]);
  });

  it('names a hidden hand-written case without rules, and none that is generated', () => {
    const matrix = ruleMatrix(rules, [hidden('blank', [1, 2, 3]), hidden('nulls'), hidden('scale', undefined, false)]);
    expect(matrix.problems).toEqual([
      'cases/hidden/nulls/case.yaml declares no rules: a hidden hand-written case names the statement rules it tests (rules: [1, 3])',
    ]);
  });

  it('names rule numbers the statement does not have, in public cases too', () => {
    const matrix = ruleMatrix(rules, [{ name: 'basic', hidden: false, handWritten: true, rules: [4] }, hidden('blank', [1, 2, 3, 7, 9])]);
    expect(matrix.problems).toEqual([
      'cases/public/basic/case.yaml names rule 4, which the statement does not have (its rules are 1-3)',
      'cases/hidden/blank/case.yaml names rules 7, 9, which the statement does not have (its rules are 1-3)',
    ]);
  });
});

describe('formatRuleMatrix', () => {
  const matrix = ruleMatrix(rules, [hidden('blank', [1]), hidden('scale', undefined, false), hidden('ties', [1, 3])]);

  it('draws rules with their titles against the cases, flagging a rule no case tests', () => {
    expect(formatRuleMatrix(matrix, { legend: false })).toBe(
      [
        'rule matrix (x: the hidden hand-written case tests the rule; columns: hidden hand-written cases, numbered as in the catch matrix; generated and timed cases do not count)',
        'rule            1 3',
        '1. Blank lines  x x',
        '2. Header       . .  <- tested by no hidden hand-written case',
        '3. Order        . x',
      ].join('\n'),
    );
  });

  it('names the columns below when asked', () => {
    expect(formatRuleMatrix(matrix, { legend: true }).split('\n').slice(-2)).toEqual(['1: blank', '3: ties']);
  });

  it('says when the statement has no rules', () => {
    expect(formatRuleMatrix(ruleMatrix([], [hidden('blank', [1])]), { legend: true })).toBe(
      'rule matrix: the statement has no numbered rules',
    );
  });
});
