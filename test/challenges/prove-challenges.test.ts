// Every challenge in challenges/ proves itself with `npm run challenges:check <id>` in the real
// sandbox: spec and statement valid, reference accepted within its budget, every wrong/*.py gets
// exactly the verdict it declares and is caught by a hidden case, the starter is not accepted,
// generators are reproducible. PROVE_CHALLENGES=id1,id2 proves only those (while authoring).
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/repo-root.js';

const run = promisify(execFile);
const CHALLENGES = path.join(REPO_ROOT, 'challenges');
const present = (await readdir(CHALLENGES, { withFileTypes: true }))
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const only = process.env.PROVE_CHALLENGES?.split(',').filter(Boolean);
const ids = only ?? present;

it('has the catalogue to prove', () => {
  expect(present).toEqual(
    expect.arrayContaining(['cdc-snapshot', 'csv-category-count', 'fraud-velocity-stream', 'session-analysis', 'skewed-join']),
  );
});

for (const id of ids) {
  it(`proves ${id} with challenges:check`, { timeout: 45 * 60_000 }, async () => {
    const outcome = await run('npm', ['run', '--silent', 'challenges:check', '--', id], {
      cwd: REPO_ROOT,
      env: { ...process.env, GRADER_CHALLENGES_DIR: CHALLENGES },
      maxBuffer: 64 * 1024 * 1024,
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: `${error.stdout}\n${error.stderr}` }),
    );
    console.log(outcome.stdout);
    expect(outcome.code, outcome.stdout).toBe(0);
    expect(outcome.stdout).toContain('challenges:check: 1 passed, 0 failed');
  });
}

it('leaves no sandbox container of the check behind', async () => {
  const { stdout } = await run('docker', ['ps', '-aq', '--filter', 'label=org.pyspark-grader.role=challenges-check']);
  expect(stdout.trim()).toBe('');
});
