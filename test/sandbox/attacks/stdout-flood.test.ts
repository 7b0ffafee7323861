// Attack: print without end, through print() and straight to file descriptor 1, to exhaust the
// worker's memory or hold it reading until the time limit.
// Must happen: print() output is kept only up to its cap per case and the answer still grades;
// raw writes to fd 1 go to stderr, which is kept up to its cap and past GRADER_STDERR_LIMIT_BYTES
// stops the sandbox as `output_limit_exceeded` at once. The worker's memory stays bounded and
// the container is removed. (Flooding the report channel itself: frame-flood-and-garbage.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testGrader, type TestGrader } from '../../support/grader.js';

let grader: TestGrader;
beforeAll(async () => {
  grader = await testGrader();
});
afterAll(async () => {
  await grader.close();
});

const reference =
  'from pyspark.sql import functions as F\n\ndef answer(numbers):\n    return numbers.groupBy("grp").agg(F.sum("n").alias("total"))\n';

it('keeps only the capped head of a print() flood and still grades the answer', async () => {
  const code = `${reference}\ndef solve(spark, numbers):\n    for i in range(2_000_000):\n        print("flood", i)\n    return answer(numbers)\n`;
  const result = await grader.grade('group-sum', code, 'public');
  expect(result.verdict).toBe('accepted');
  const stdout = result.cases[0]!.stdout;
  expect(stdout.length).toBeLessThan(grader.deps.config.GRADER_MAX_STDOUT_BYTES + 200);
  expect(stdout).toMatch(/more bytes of output dropped/);
});

it('stops a flood of raw writes to file descriptor 1 at the stderr limit', async () => {
  const code = `${reference}\nimport os\ndef solve(spark, numbers):\n    chunk = b"y" * 65536\n    while True:\n        os.write(1, chunk)\n`;
  const started = Date.now();
  const result = await grader.grade('group-sum', code, 'public');
  expect(result.verdict).toBe('output_limit_exceeded');
  expect(result.cases[0]!.message).toMatch(/more than \d+ bytes to stderr \(GRADER_STDERR_LIMIT_BYTES\)/);
  expect(result.sandbox.stderr.length).toBeLessThan(grader.deps.config.GRADER_MAX_STDERR_BYTES + 20_000);
  expect(Date.now() - started).toBeLessThan(120_000);
  expect(await grader.leftoverContainers()).toEqual([]);
});
