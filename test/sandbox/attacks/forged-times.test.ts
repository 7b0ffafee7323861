// Attack: make a slow solution look fast by lying about time inside the sandbox: the solution
// sleeps on the timed case and freezes time.perf_counter, so the harness reports almost no time.
// Must happen: timing verdicts rest only on the worker's clock (from sending the case to its
// report arriving): the case is `too_slow`; the sandbox's own figure is shown beside it, never used.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testGrader, type TestGrader } from '../../support/grader.js';

let grader: TestGrader;
beforeAll(async () => {
  grader = await testGrader();
});
afterAll(async () => {
  await grader.close();
});

it("decides too_slow on the worker's clock when the sandbox reports a tiny time", async () => {
  const code = [
    'import time',
    'from pyspark.sql import functions as F',
    '',
    'def solve(spark, numbers):',
    '    if numbers.count() > 1000:  # the timed case',
    '        real = time.perf_counter',
    '        started = real()',
    '        time.sleep(4)',
    '        time.perf_counter = lambda: started  # every later reading says no time passed',
    '    return numbers.groupBy("grp").agg(F.sum("n").alias("total"))',
  ].join('\n');
  const result = await grader.grade('timed-sum', code);
  const scale = result.cases.find((c) => c.name === 'scale')!;
  expect(scale.verdict).toBe('too_slow');
  expect(scale.timeMs).toBeGreaterThan(4000);
  expect(scale.reportedTimeMs).toBeLessThan(scale.timeMs! - 3000);
  expect(result.timing).toMatchObject({ withinBudget: false });
  expect(await grader.leftoverContainers()).toEqual([]);
});
