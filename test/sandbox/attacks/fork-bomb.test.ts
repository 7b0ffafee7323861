// Attack: fork until the host has no process slots left.
// Must happen: the container's pids limit stops the forking inside the sandbox; the case fails
// (runtime error or time limit, whichever the bomb reaches first) and the container is removed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testGrader, type TestGrader } from '../../support/grader.js';

let grader: TestGrader;
beforeAll(async () => {
  grader = await testGrader();
});
afterAll(async () => {
  await grader.close();
});

it('contains a fork bomb with the pids limit', async () => {
  const code = [
    'import os, time',
    'def solve(spark, numbers):',
    '    children = 0',
    '    while True:',
    '        pid = os.fork()',
    '        if pid == 0:',
    '            time.sleep(600)',
    '            os._exit(0)',
    '        children += 1',
  ].join('\n');
  const result = await grader.grade('group-sum', code, 'public');
  expect(result.verdict).toBe('runtime_error');
  expect(result.cases[0]!.message).toMatch(/BlockingIOError|Resource temporarily unavailable|fork/);
  expect(await grader.leftoverContainers()).toEqual([]);
});
