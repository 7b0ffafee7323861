import { describe, expect, it } from 'vitest';
import { overallVerdict, VERDICTS } from './verdict.js';

describe('overallVerdict', () => {
  it.each([
    [[], 'accepted'],
    [['accepted', 'accepted'], 'accepted'],
    [['accepted', 'too_slow'], 'too_slow'],
    [['too_slow', 'wrong_answer'], 'wrong_answer'],
    [['wrong_answer', 'time_limit_exceeded', 'accepted'], 'time_limit_exceeded'],
    [['memory_limit_exceeded', 'time_limit_exceeded'], 'memory_limit_exceeded'],
    [['runtime_error', 'output_limit_exceeded'], 'runtime_error'],
    [['invalid_submission', 'runtime_error'], 'invalid_submission'],
  ] as const)('%j -> %s', (verdicts, expected) => {
    expect(overallVerdict(verdicts)).toBe(expected);
  });

  it('lists exactly the verdicts of the design', () => {
    expect([...VERDICTS].sort()).toEqual(
      [
        'accepted',
        'wrong_answer',
        'runtime_error',
        'time_limit_exceeded',
        'memory_limit_exceeded',
        'output_limit_exceeded',
        'invalid_submission',
        'too_slow',
      ].sort(),
    );
  });
});
