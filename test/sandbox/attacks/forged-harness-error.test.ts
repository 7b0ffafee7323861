// Attack: report a harness failure from the candidate's code, hoping the grade is thrown away as
// the grader's fault (a system_error the candidate could retry until lucky, or blame on the tool).
// Must happen: once the candidate's code has run, nothing the sandbox says can make a grader
// fault: the forged error is the candidate's runtime_error, and `grade` exits 1 (not 2).
import { execFile } from 'node:child_process';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../core/repo-root.js';
import { FIXTURE_CHALLENGES, testGrader, type TestGrader } from '../../support/grader.js';
import { CONTROL_CHANNEL } from './control-channel.js';

let grader: TestGrader;
beforeAll(async () => {
  grader = await testGrader();
});
afterAll(async () => {
  await grader.close();
});

const code = `${CONTROL_CHANNEL}
def solve(spark, numbers):
    forge({"type": "harness_error", "message": "Traceback (most recent call last):\\nRuntimeError: the grader broke, not me"})
    return total(numbers)
`;

it("makes a forged harness error the candidate's runtime_error", async () => {
  const result = await grader.grade('group-sum', code, 'public');
  expect(result.verdict).toBe('runtime_error');
  expect(result.cases[0]!.message).toMatch(/report channel \(the harness reported an error: RuntimeError: the grader broke, not me\)/);
  expect(await grader.leftoverContainers()).toEqual([]);
});

it('exits 1 from the grade CLI, as for any candidate error', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'forged-error-'));
  const file = path.join(dir, 'solution.py');
  await writeFile(file, code);
  const outcome = await promisify(execFile)('npm', ['run', '--silent', 'grade', '--', 'group-sum', file, '--json', '--public'], {
    cwd: REPO_ROOT,
    env: { ...process.env, GRADER_CHALLENGES_DIR: FIXTURE_CHALLENGES },
  }).then(
    () => ({ code: 0, stdout: '' }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
  expect(outcome.code).toBe(1);
  expect(JSON.parse(outcome.stdout).verdict).toBe('runtime_error');
});
