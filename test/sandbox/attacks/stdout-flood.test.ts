// Attack: print without end, through print(), straight to file descriptor 1, and to every other
// open descriptor (one of them carries the harness's report), to exhaust the worker's memory.
// Must happen: print() output is kept only up to its cap per case; raw writes end up in capped
// stderr; flooding the report stream ends the run as `output_limit_exceeded`. The worker's
// memory stays bounded and the container is removed.
import { beforeAll, expect, it } from 'vitest';
import { testGrader, type TestGrader } from '../../support/grader.js';

let grader: TestGrader;
beforeAll(async () => { grader = await testGrader(); });

const reference = 'from pyspark.sql import functions as F\n\ndef answer(numbers):\n    return numbers.groupBy("grp").agg(F.sum("n").alias("total"))\n';

it('keeps only the capped head of a print() flood and still grades the answer', async () => {
  const code = `${reference}\ndef solve(spark, numbers):\n    for i in range(2_000_000):\n        print("flood", i)\n    return answer(numbers)\n`;
  const result = await grader.grade('group-sum', code, 'public');
  expect(result.verdict).toBe('accepted');
  const stdout = result.cases[0]!.stdout;
  expect(stdout.length).toBeLessThan(grader.deps.config.GRADER_MAX_STDOUT_BYTES + 200);
  expect(stdout).toMatch(/more bytes of output dropped/);
});

it('caps raw writes to file descriptor 1 as stderr', async () => {
  const code = `${reference}\nimport os\ndef solve(spark, numbers):\n    chunk = b"y" * 65536\n    for _ in range(4000):\n        os.write(1, chunk)\n    return answer(numbers)\n`;
  const result = await grader.grade('group-sum', code, 'public');
  expect(result.verdict).toBe('accepted');
  expect(result.sandbox.stderr.length).toBeLessThan(grader.deps.config.GRADER_MAX_STDERR_BYTES + 20_000);
});

it('ends a flood of the report stream as output_limit_exceeded', async () => {
  // The report stream is a pipe the harness keeps on a private descriptor: find every pipe but
  // stdin through /proc and flood them all.
  const code = [
    'import os',
    'def solve(spark, numbers):',
    '    fds = [fd for fd in range(1, 256) if fd != 0 and os.path.exists(f"/proc/self/fd/{fd}") and os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:")]',
    '    stdin = os.readlink("/proc/self/fd/0")',
    '    fds = [fd for fd in fds if os.readlink(f"/proc/self/fd/{fd}") != stdin]',
    '    chunk = b"z" * (1 << 20)',
    '    while True:',
    '        for fd in fds:',
    '            os.write(fd, chunk)',
  ].join('\n');
  const result = await grader.grade('group-sum', code, 'public');
  expect(result.verdict).toBe('output_limit_exceeded');
  expect(result.cases[0]!.message).toMatch(/more than \d+ bytes of output/);
  expect(await grader.leftoverContainers()).toEqual([]);
});
