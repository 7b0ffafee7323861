// Attack: fill the disk through the only writable place, /tmp.
// Must happen: /tmp is a size-capped tmpfs (and each file is capped by RLIMIT_FSIZE), so the
// write fails inside the sandbox: `runtime_error`; the host's disk is untouched.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testGrader, type TestGrader } from '../../support/grader.js';

let grader: TestGrader;
beforeAll(async () => {
  grader = await testGrader();
});
afterAll(async () => {
  await grader.close();
});

it('stops a disk fill at the scratch size cap', async () => {
  const code = [
    'def solve(spark, numbers):',
    '    chunk = b"d" * (16 * 1024 * 1024)',
    '    i = 0',
    '    while True:',
    '        with open(f"/tmp/fill-{i}", "wb") as f:',
    '            for _ in range(8):',
    '                f.write(chunk)',
    '        i += 1',
  ].join('\n');
  const result = await grader.grade('group-sum', code, 'public');
  expect(['runtime_error', 'memory_limit_exceeded']).toContain(result.verdict);
  expect(result.cases[0]!.message).toMatch(/No space left|File too large|memory/);
  expect(await grader.leftoverContainers()).toEqual([]);
});
