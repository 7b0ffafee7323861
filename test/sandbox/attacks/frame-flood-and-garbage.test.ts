// Attack: stall or confuse the worker with what it reads: a flood of small well-formed frames,
// and raw garbage bytes (not UTF-8, not JSON) on the report channel.
// Must happen: the first frame the worker did not ask for stops the run, so a flood costs the
// worker one frame; garbage is a bad frame, never a crash: both are the candidate's
// runtime_error naming the report channel, and the container is removed.
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

describe('frame flood and garbage', () => {
  it('stops a flood of small frames at the first one it did not ask for', async () => {
    const code = `${CONTROL_CHANNEL}
def solve(spark, numbers):
    frame = ('{"type":"stream_ready","id":"%s"}\\n' % current_case()).encode()
    write_raw(frame * 1_000_000)
    return total(numbers)
`;
    const started = Date.now();
    const result = await grader.grade('group-sum', code, 'public');
    expect(result.verdict).toBe('runtime_error');
    expect(result.cases[0]!.message).toMatch(/report channel \(a stream_ready frame while case s1-(prime|c1) is waiting for its report\)/);
    expect(Date.now() - started).toBeLessThan(120_000);
    expect(await grader.leftoverContainers()).toEqual([]);
  });

  it('takes garbage bytes as a bad frame', async () => {
    const code = `${CONTROL_CHANNEL}
def solve(spark, numbers):
    write_raw(bytes(range(256)) * 64 + b'\\n')
    return total(numbers)
`;
    const result = await grader.grade('group-sum', code, 'public');
    expect(result.verdict).toBe('runtime_error');
    expect(result.cases[0]!.message).toMatch(/report channel \(a report frame is not valid (UTF-8|JSON)\)/);
    expect(await grader.leftoverContainers()).toEqual([]);
  });
});
