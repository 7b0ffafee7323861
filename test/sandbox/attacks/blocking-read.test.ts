// Attack: block instead of answering: read the process's stdin (the harness's command stream),
// hoping to hang the grade or steal the next command; or sleep, using no CPU at all.
// Must happen: the case's own time limit, armed by the worker, ends it (`time_limit_exceeded`
// within the small-case limit, not the 300 s case limit); nothing the read got can change a
// verdict, and the container is removed.
import { expect, it } from 'vitest';
import { useTestGrader } from '../../support/grader.js';

const LIMIT_MS = 4_000;
const grader = useTestGrader(undefined, { env: { GRADER_SMALL_CASE_TIME_LIMIT_MS: String(LIMIT_MS) } });

const code = ['import sys', 'def solve(spark, numbers):', '    sys.stdin.buffer.read()', '    return numbers'].join('\n');

it('ends a solution blocked reading stdin at its case time limit', async () => {
  const started = Date.now();
  const result = await grader().grade('group-sum', code, 'public');
  expect(result.verdict).toBe('time_limit_exceeded');
  expect(Date.now() - started).toBeLessThan(60_000);
  expect(await grader().leftoverContainers()).toEqual([]);
});

it('ends a solution that sleeps (no CPU used) at its case time limit', async () => {
  const sleeper = ['import time', 'def solve(spark, numbers):', '    time.sleep(10**6)', '    return numbers'].join('\n');
  const started = Date.now();
  const result = await grader().grade('group-sum', sleeper, 'public');
  expect(result.verdict).toBe('time_limit_exceeded');
  expect(result.cases[0]!.message).toMatch(/took longer than the time limit of 4\.00 s/);
  expect(Date.now() - started).toBeLessThan(60_000);
  expect(await grader().leftoverContainers()).toEqual([]);
});
