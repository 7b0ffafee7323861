// Attack: block instead of answering: read the process's stdin (the harness's command stream),
// hoping to hang the grade or steal the next command.
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
