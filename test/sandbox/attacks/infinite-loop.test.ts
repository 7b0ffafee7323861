// Attack: a solve() that never returns, hoping to hold a worker forever: a busy loop in Python,
// or a job that keeps Spark's JVM busy (a counted cartesian explosion of 10^12 rows).
// Must happen: the runner kills the container when the case's time limit runs out, on the
// worker's clock, the case is `time_limit_exceeded`, and the container is gone afterwards. (A short small-case limit
// here: what is tested is the kill, not the limit's size.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testGrader, type TestGrader } from '../../support/grader.js';

let grader: TestGrader;
beforeAll(async () => {
  grader = await testGrader(undefined, { env: { GRADER_SMALL_CASE_TIME_LIMIT_MS: '4000' } });
});
afterAll(async () => {
  await grader.close();
});

it('stops a solve that never returns at the time limit and removes the container', async () => {
  const started = Date.now();
  const result = await grader.grade('group-sum', 'def solve(spark, numbers):\n    while True:\n        pass\n', 'public');
  expect(result.verdict).toBe('time_limit_exceeded');
  expect(result.cases[0]!.message).toMatch(/time limit/);
  expect(Date.now() - started).toBeLessThan(120_000);
  expect(await grader.leftoverContainers()).toEqual([]);
});

it("stops a counted cartesian explosion at the case's time limit", async () => {
  const code = `from pyspark.sql import functions as F
def solve(spark, numbers):
    a = spark.range(1_000_000)
    n = a.crossJoin(a.withColumnRenamed("id", "j")).count()
    return numbers.groupBy("grp").agg((F.sum("n") + F.lit(n) * 0).alias("total"))
`;
  const started = Date.now();
  const result = await grader.grade('group-sum', code, 'public');
  expect(result.verdict).toBe('time_limit_exceeded');
  expect(result.cases[0]!.message).toMatch(/took longer than the time limit of [\d.]+ s and was stopped/);
  expect(Date.now() - started).toBeLessThan(60_000);
  expect(await grader.leftoverContainers()).toEqual([]);
});
