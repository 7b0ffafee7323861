// Attack: pass the shuffled re-run of a hidden case by never reporting it: the solution tells
// the re-run apart (its input comes in three partitions) and kills its own process there.
// Must happen: a re-run that never reports is a failed case, not a pass: the case gets the
// verdict of how the run ended (here runtime_error) and says the re-run did not finish.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testGrader, type TestGrader } from '../../support/grader.js';

let grader: TestGrader;
beforeAll(async () => {
  grader = await testGrader();
});
afterAll(async () => {
  await grader.close();
});

it('fails a case whose shuffled re-run never reports', async () => {
  const code = [
    'import os, signal',
    'from pyspark.sql import functions as F',
    'def solve(spark, numbers):',
    '    if numbers.rdd.getNumPartitions() == 3:  # the shuffled re-run',
    '        os.kill(os.getpid(), signal.SIGKILL)',
    '    return numbers.groupBy("grp").agg(F.sum("n").alias("total"))',
  ].join('\n');
  const result = await grader.grade('group-sum', code);
  const nulls = result.cases.find((c) => c.name === 'nulls')!;
  expect(nulls.verdict).toBe('runtime_error');
  expect(nulls.message).toMatch(/re-run with the same input rows shuffled and spread over 3 partitions did not finish/);
  expect(result.verdict).toBe('runtime_error');
  expect(await grader.leftoverContainers()).toEqual([]);
});
