// Attack: allocate memory until the host suffers. The container's memory limit (with swap equal
// to it, so no swap) lets the kernel's OOM killer stop it inside the container.
// Must happen: `memory_limit_exceeded`, nothing else harmed, container removed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testGrader, type TestGrader } from '../../support/grader.js';

let grader: TestGrader;
beforeAll(async () => {
  grader = await testGrader();
});
afterAll(async () => {
  await grader.close();
});

it('reports memory_limit_exceeded when the solution exhausts the container memory', async () => {
  const code = ['def solve(spark, numbers):', '    hoard = []', '    while True:', '        hoard.append(b"x" * (64 * 1024 * 1024))'].join(
    '\n',
  );
  const result = await grader.grade('group-sum', code, 'public');
  expect(result.verdict).toBe('memory_limit_exceeded');
  expect(await grader.leftoverContainers()).toEqual([]);
});
