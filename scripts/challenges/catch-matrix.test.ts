import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../core/verdict.js';
import { catchMatrix, formatCatchMatrix } from './catch-matrix.js';

const graded = (name: string, verdicts: Record<string, Verdict>) => ({
  name,
  cases: Object.entries(verdicts).map(([c, verdict]) => ({ name: c, verdict })),
});

describe('catchMatrix', () => {
  const cases = ['nulls', 'ties', 'scale'];
  const table: { what: string; verdicts: Record<string, Verdict>; caught: (boolean | null)[] }[] = [
    {
      what: 'a wrong answer on one case',
      verdicts: { basic: 'accepted', nulls: 'wrong_answer', ties: 'accepted', scale: 'accepted' },
      caught: [true, false, false],
    },
    {
      what: 'an error on every case',
      verdicts: { basic: 'runtime_error', nulls: 'runtime_error', ties: 'runtime_error', scale: 'runtime_error' },
      caught: [true, true, true],
    },
    {
      what: 'too slow on the timed case',
      verdicts: { nulls: 'accepted', ties: 'accepted', scale: 'too_slow' },
      caught: [false, false, true],
    },
    {
      what: 'a public case only (public cases are no columns)',
      verdicts: { basic: 'wrong_answer', nulls: 'accepted', ties: 'accepted', scale: 'accepted' },
      caught: [false, false, false],
    },
    {
      what: 'a hidden case the check did not need to run',
      verdicts: { nulls: 'wrong_answer', ties: 'accepted' },
      caught: [true, false, null],
    },
  ];
  it.each(table)('marks $what', ({ verdicts, caught }) => {
    expect(catchMatrix(cases, [graded('w', verdicts)]).rows).toEqual([{ name: 'w', caught }]);
  });

  it('marks an accepted case whose shuffled re-run was not needed as not needed', () => {
    expect(
      catchMatrix(['nulls', 'ties'], [{ ...graded('w', { nulls: 'wrong_answer', ties: 'accepted' }), skippedCases: ['ties--shuffled'] }])
        .rows[0]!.caught,
    ).toEqual([true, null]);
  });

  it('draws a case that was not needed as -', () => {
    expect(formatCatchMatrix(catchMatrix(['nulls', 'scale'], [graded('w', { nulls: 'wrong_answer' })])).split('\n')[2]).toBe(
      'w               x -',
    );
  });

  it('names the wrong solutions no hidden case rejects', () => {
    const matrix = catchMatrix(cases, [
      graded('caught', { nulls: 'wrong_answer', ties: 'accepted', scale: 'accepted' }),
      graded('slips-through', { basic: 'wrong_answer', nulls: 'accepted', ties: 'accepted', scale: 'accepted' }),
    ]);
    expect(matrix.uncaught).toEqual(['slips-through']);
  });
});

describe('formatCatchMatrix', () => {
  it('draws rows of wrong solutions against numbered hidden cases, with a legend and the uncaught flagged', () => {
    const matrix = catchMatrix(
      ['nulls', 'ties'],
      [
        graded('ignores-nulls', { nulls: 'wrong_answer', ties: 'accepted' }),
        graded('no-solve', { nulls: 'invalid_submission', ties: 'invalid_submission' }),
        graded('slips-through', { nulls: 'accepted', ties: 'accepted' }),
      ],
    );
    expect(formatCatchMatrix(matrix)).toBe(
      [
        'catch matrix (x: the hidden case rejected the wrong solution; -: not needed, smaller cases already gave its declared verdict)',
        'wrong solution  1 2',
        'ignores-nulls   x .',
        'no-solve        x x',
        'slips-through   . .  <- caught by no hidden case',
        '1: nulls',
        '2: ties',
      ].join('\n'),
    );
  });

  it('says when there are no wrong solutions', () => {
    expect(formatCatchMatrix(catchMatrix(['nulls'], []))).toBe('catch matrix: no wrong solutions');
  });
});
