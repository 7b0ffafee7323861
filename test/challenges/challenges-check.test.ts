// `npm run challenges:check [id...]` proves challenges and fails loudly on broken ones: a bad spec
// line (file:line), a wrong reference, a correct solution the grader rejects, a wrong solution no
// hidden case catches, a statement missing a column, a statement rule no hidden hand-written case
// tests and a generator that ignores its seed are each reported, with exit code 1; the small
// group-sum fixture passes with exit code 0, its rule matrix printed.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/repo-root.js';
import { FIXTURE_CHALLENGES } from '../support/grader.js';

const run = promisify(execFile);
const BROKEN_CHALLENGES = path.join(REPO_ROOT, 'test', 'fixtures', 'broken-challenges');

async function check(challengesDir: string, ids: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'challenges:check', '--', ...ids], {
      cwd: REPO_ROOT,
      env: { ...process.env, GRADER_CHALLENGES_DIR: challengesDir },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('challenges:check', () => {
  it('reports every failure of the broken fixtures and exits 1', async () => {
    const { code, stdout } = await check(BROKEN_CHALLENGES, []);
    expect(code, stdout).toBe(1);
    const specFile = path.join(BROKEN_CHALLENGES, 'bad-spec-line', 'challenge.yaml');
    expect(stdout).toContain(`FAIL spec: ${specFile}:12: inputs.0.columns.1.type: Invalid option`);
    expect(stdout).toContain('FAIL statement.md does not name output column total');
    expect(stdout).toMatch(/FAIL reference\.py: wrong_answer, must be accepted\n\s+basic: wrong_answer/);
    expect(stdout).toContain('FAIL wrong/not-caught.py: accepted, declares wrong_answer');
    expect(stdout).toMatch(/not-caught +\. +<- caught by no hidden case/);
    expect(stdout).toContain('FAIL wrong/not-caught.py is caught by no hidden case');
    expect(stdout).toMatch(
      /FAIL generator of case random: two runs with seed 7 differ: numbers: 50 rows; content \w+ vs numbers: 50 rows; content \w+/,
    );
    // A correct solution written unlike the reference that the grader rejects: the case and its diff.
    expect(stdout).toMatch(
      /FAIL correct\/counts-instead-of-sums\.py: wrong_answer, must be accepted \(a correct solution written unlike the reference\)[^\n]*\n\s+basic: wrong_answer: 2 of 2 expected rows not matched[^\n]*\n\s+grp="a": expected total=3; got total=2/,
    );
    // A statement rule that no hidden hand-written case declares in its case.yaml's rules: named, and flagged in the rule matrix.
    expect(stdout).toContain(
      'FAIL rule 3 (Negative numbers) is tested by no hidden hand-written case: add a small hidden case with rules: [3]',
    );
    expect(stdout).toMatch(/\n3\. Negative numbers +\. +<- tested by no hidden hand-written case\n/);
    expect(stdout).toMatch(/-- untested-rule: 1 failure\(s\)/);
    expect(stdout).toContain('challenges:check: 0 passed, 4 failed');
  });

  it('passes the group-sum fixture and exits 0', async () => {
    const { code, stdout } = await check(FIXTURE_CHALLENGES, ['group-sum']);
    expect(code, stdout).toBe(0);
    expect(stdout).toContain('statement: names every input and output column');
    expect(stdout).toMatch(/reference\.py: accepted; no timed case/);
    expect(stdout).toMatch(/starter\.py: wrong_answer \(not accepted\)/);
    expect(stdout).toMatch(/correct\/spark-sql\.py: accepted as required/);
    expect(stdout).toContain("rules: each of the statement's 2 rules is tested by a hidden hand-written case (1 case)");
    expect(stdout).toMatch(/\nrule matrix \([^\n]*\)\nrule +1\n1\. Total +x\n2\. Rows +x\n1: nulls\n/);
    expect(stdout).toContain('challenges:check: 1 passed, 0 failed');
  });

  it('refuses an unknown challenge id with exit code 2', async () => {
    const { code, stderr } = await check(FIXTURE_CHALLENGES, ['no-such-challenge']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown challenge no-such-challenge');
  });
});
