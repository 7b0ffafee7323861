// Attack: a solve() that never returns (a busy loop), hoping to hold a worker forever.
// Must happen: the runner kills the container when the case's time limit runs out, the case
// is `time_limit_exceeded`, and the container is gone afterwards.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testGrader, type TestGrader } from '../../support/grader.js';

let grader: TestGrader;
beforeAll(async () => {
  grader = await testGrader();
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
