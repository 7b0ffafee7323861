// Attack: end the run early, hoping the hidden cases are never graded: during the first case
// the solution reports that case itself (a right answer) so the worker moves on, and then the
// harness's genuine report arrives out of turn.
// Must happen: the worker alone decides which case runs next, and a report out of turn is a
// protocol violation charged to the candidate: runtime_error, and no later case is a pass.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testGrader, type TestGrader } from '../../support/grader.js';
import { CONTROL_CHANNEL } from './control-channel.js';

let grader: TestGrader;
beforeAll(async () => {
  grader = await testGrader();
});
afterAll(async () => {
  await grader.close();
});

it('never skips a case or passes one because of a report forged out of turn', async () => {
  const code = `${CONTROL_CHANNEL}
def solve(spark, numbers):
    case = current_case()
    if case == "s1-c1":  # the public case, on the clock
        forge({"type": "rows", "id": case, "rows": [["a", 3], ["b", 5]]})
        forge({"type": "case_end", "id": case, "status": "ok", "columns": [{"name": "grp", "type": "string", "nullable": False}, {"name": "total", "type": "bigint", "nullable": True}],
               "rowCount": 2, "planText": "", "selfTimeMs": 1, "prepareMs": 0, "stdout": "", "stdoutDroppedBytes": 0})
        import time
        time.sleep(1)  # the worker has sent the next case by now
    return total(numbers)
`;
  const result = await grader.grade('group-sum', code);
  expect(result.verdict).toBe('runtime_error');
  const nulls = result.cases.find((c) => c.name === 'nulls')!;
  expect(nulls.verdict).toBe('runtime_error');
  expect(nulls.message).toMatch(
    /wrote to the grader's report channel \(a (rows|case_end) frame for s1-c1 where the grader expected a frame of s1-c2\)/,
  );
  expect(await grader.leftoverContainers()).toEqual([]);
});
