// Attack: make Spark itself blow up on a two-row input: a cartesian explosion returned as the
// answer (10^16 rows), and one row exploded into a two-billion-element array (Spark's JVM heap).
// (A cartesian explosion only counted, 10^12 rows of CPU work, is in infinite-loop.test.ts.)
// Must happen: each ends with the verdict of the limit it hit, decided by the worker, quickly:
// the returned explosion at the output row cap (`output_limit_exceeded`, Spark never computes
// it), the heap one as `memory_limit_exceeded` naming the sandbox's limit and keeping Spark's
// own error. Nothing of a grader fault; the container is removed.
import { expect, it } from 'vitest';
import { useTestGrader } from '../../support/grader.js';

const grader = useTestGrader();

it('stops a cartesian explosion returned as the answer at the output row cap', async () => {
  const code = `def solve(spark, numbers):
    big = spark.range(100_000_000)
    return numbers.crossJoin(big).crossJoin(big.withColumnRenamed("id", "k")).selectExpr("grp", "n as total")
`;
  const started = Date.now();
  const result = await grader().grade('group-sum', code, 'public');
  expect(result.verdict).toBe('output_limit_exceeded');
  expect(result.cases[0]!.message).toMatch(/the output has more than 1000 rows/);
  expect(Date.now() - started).toBeLessThan(60_000);
  expect(await grader().leftoverContainers()).toEqual([]);
});

it("gives memory_limit_exceeded when one row's explosion exhausts Spark's heap", async () => {
  const code = `from pyspark.sql import functions as F
def solve(spark, numbers):
    rows = numbers.select("grp", F.explode(F.sequence(F.lit(1), F.lit(2_000_000_000))).alias("x"))
    return rows.groupBy("grp").agg(F.sum("x").alias("total"))
`;
  const result = await grader().grade('group-sum', code, 'public');
  expect(result.verdict).toBe('memory_limit_exceeded');
  expect(result.cases[0]!.message).toMatch(
    /^Spark ran out of memory \(java\.lang\.OutOfMemoryError: Java heap space\): .*limit of 1\.5 GiB/,
  );
  expect(result.cases[0]!.error?.message).toMatch(/OutOfMemoryError/);
  expect(await grader().leftoverContainers()).toEqual([]);
});
