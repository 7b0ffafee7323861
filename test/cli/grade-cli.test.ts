// The `grade` CLI contract: `npm run --silent grade -- <challenge-id> <solution.py> [--json]`,
// one JSON object on stdout with `verdict`, `cases` and `timing`; logs on stderr; exit 0 when
// accepted, 1 when not, 2 on a usage or grader error.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/repo-root.js';
import { printable } from '../../worker/cli/printable.js';
import { FIXTURE_CHALLENGES } from '../support/grader.js';

const run = promisify(execFile);
const fixture = (file: string) => path.join(FIXTURE_CHALLENGES, 'group-sum', file);

async function grade(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'grade', '--', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, GRADER_CHALLENGES_DIR: FIXTURE_CHALLENGES },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe.concurrent('grade CLI', () => {
  it('prints one JSON object and exits 0 for an accepted solution', async () => {
    const { code, stdout } = await grade(['group-sum', fixture('reference.py'), '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.verdict).toBe('accepted');
    expect(result).toHaveProperty('timing');
    expect(result.cases).toHaveLength(2);
    for (const c of result.cases) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['name', 'hidden', 'verdict', 'message', 'timeMs']));
    }
  });

  it('prints a readable table and exits 1 for a solution that is not accepted', async () => {
    const { code, stdout } = await grade(['group-sum', fixture('starter.py')]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/case\s+kind\s+verdict/);
    expect(stdout).toMatch(/basic\s+public\s+wrong_answer/);
    expect(stdout).toMatch(/verdict: wrong_answer/);
  });

  it("escapes the terminal control characters of the candidate's error in the table", async () => {
    const { code, stdout } = await grade(['group-sum', path.join(REPO_ROOT, 'test', 'fixtures', 'cli', 'terminal-escapes.py'), '--public']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/basic\s+public\s+runtime_error/);
    expect(stdout).toContain('\\x1b[31mred\\x1b[0m and \\u202eevil ?');
    expect(stdout).toContain('  what it printed:\n    \\x1b[2J\\x1b]0;owned\\x07\n');
    // Nothing left for a terminal to act on: escaping it again changes nothing.
    expect(printable(stdout)).toBe(stdout);
  });

  it.each([[['group-sum']], [['group-sum', fixture('reference.py'), '--no-such-flag']]])('exits 2 with the usage for %j', async (args) => {
    const { code, stderr, stdout } = await grade(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(/usage: npm run --silent grade/);
    expect(stdout).toBe('');
  });

  it('exits 2 naming an unknown challenge', async () => {
    const { code, stderr } = await grade(['no-such-challenge', fixture('reference.py'), '--json']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown challenge "no-such-challenge"/);
  });
});
