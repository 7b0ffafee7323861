// Attack: crash the process that reads the report, as it was once possible: a frame whose cell
// nests 200,000 deep (a recursive schema check overflows the stack) and a single 200 MB frame
// (read whole, it ran the reader out of heap). Tried through the grade CLI, the path that crashed.
// Must happen: each frame has its own size cap and nesting is measured before parsing, so the
// CLI neither crashes nor stalls; the solution gets runtime_error naming the report channel and
// `grade` exits 1 with its JSON.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../core/repo-root.js';
import { FIXTURE_CHALLENGES } from '../../support/grader.js';
import { CONTROL_CHANNEL } from './control-channel.js';

async function gradeWithCli(code: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'frames-'));
  const file = path.join(dir, 'solution.py');
  await writeFile(file, code);
  return promisify(execFile)('npm', ['run', '--silent', 'grade', '--', 'group-sum', file, '--json', '--public'], {
    cwd: REPO_ROOT,
    env: { ...process.env, GRADER_CHALLENGES_DIR: FIXTURE_CHALLENGES },
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe.concurrent('oversize and deep frames', () => {
  it('survives a frame nested 200,000 deep', async () => {
    const outcome = await gradeWithCli(`${CONTROL_CHANNEL}
def solve(spark, numbers):
    write_raw(b'{"type":"rows","id":"s1-c1","rows":[[' + b'[' * 200_000 + b']' * 200_000 + b']]}\\n')
    return total(numbers)
`);
    expect(outcome.code, outcome.stderr).toBe(1);
    const result = JSON.parse(outcome.stdout);
    expect(result.verdict).toBe('runtime_error');
    expect(result.cases[0].message).toMatch(/report channel \(a report frame nests deeper than 64 levels\)/);
  });

  it('survives a single 200 MB frame', async () => {
    const outcome = await gradeWithCli(`${CONTROL_CHANNEL}
def solve(spark, numbers):
    chunk = b'{"type":"rows","id":"s1-c1","rows":[["' + b'x' * (1 << 20)
    write_raw(chunk)
    for _ in range(200):
        write_raw(b'x' * (1 << 20))
    write_raw(b'"]]}\\n')
    return total(numbers)
`);
    expect(outcome.code, outcome.stderr).toBe(1);
    const result = JSON.parse(outcome.stdout);
    expect(result.verdict).toBe('runtime_error');
    expect(result.cases[0].message).toMatch(/report channel \(a report frame is longer than \d+ bytes \(GRADER_MAX_FRAME_BYTES\)\)/);
  });
});
