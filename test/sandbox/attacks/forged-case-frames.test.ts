// Attack: write report frames for cases the worker never started: a report for a case that
// never ran (with a right-looking answer) and rows for a case id of the solver's choosing.
// Must happen: the worker keeps its own state machine; a frame for a case it did not start is
// a protocol violation charged to the candidate (runtime_error naming the report channel),
// never a pass and never a grader fault; the container is removed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGrader, type TestGrader } from '../../support/grader.js';
import { CONTROL_CHANNEL } from './control-channel.js';

let grader: TestGrader;
beforeAll(async () => {
  grader = await testGrader();
});
afterAll(async () => {
  await grader.close();
});

describe('forged case frames', () => {
  it('charges a report for a case that never ran to the candidate', async () => {
    const code = `${CONTROL_CHANNEL}
def solve(spark, numbers):
    forge({"type": "rows", "id": "s1-c2", "rows": [["a", 4], ["c", None]]})
    forge({"type": "case_end", "id": "s1-c2", "status": "ok", "columns": [{"name": "grp", "type": "string", "nullable": False}, {"name": "total", "type": "bigint", "nullable": True}],
           "rowCount": 2, "planText": "", "selfTimeMs": 1, "prepareMs": 0, "stdout": "", "stdoutDroppedBytes": 0})
    return total(numbers)
`;
    const result = await grader.grade('group-sum', code);
    expect(result.verdict).toBe('runtime_error');
    expect(result.cases[0]!.verdict).toBe('runtime_error');
    expect(result.cases[0]!.message).toMatch(
      /wrote to the grader's report channel \(a rows frame for s1-c2 where the grader expected a frame of s1-(prime|c1)\)/,
    );
    expect(result.cases.find((c) => c.name === 'nulls')?.verdict).not.toBe('accepted');
    expect(await grader.leftoverContainers()).toEqual([]);
  });

  it('charges a module report forged in the middle of a case to the candidate', async () => {
    const code = `${CONTROL_CHANNEL}
def solve(spark, numbers):
    forge({"type": "module", "id": "s1", "status": "ok", "stdout": "", "stdoutDroppedBytes": 0})
    return total(numbers)
`;
    const result = await grader.grade('group-sum', code, 'public');
    expect(result.verdict).toBe('runtime_error');
    expect(result.cases[0]!.message).toMatch(/report channel \(a module frame for s1 where the grader expected a frame of s1-(prime|c1)\)/);
  });
});
