// The aligned tables: pairs by key in key order (matching rows shown as their expected row), the
// unpaired on one side, position pairs when ordered, and the cap with the count of all pairs.
import { describe, expect, it } from 'vitest';
import { AlignedRowsSchema } from '../grade-result.js';
import { MAX_ALIGNED_ROWS } from './aligned.js';
import { compare, table } from './test-tables.js';

describe('aligned rows', () => {
  it('pairs rows by key in key order, marks the differing cells, and leaves unpaired rows beside nothing', () => {
    const expected = table('k string, n long', [
      ['b', 2],
      ['a', 1],
      ['c', 3],
    ]);
    const actual = table('k string, n bigint', [
      ['a', 1],
      ['b', 5],
      ['d', 4],
    ]);
    const { aligned } = compare(expected, actual);
    expect(AlignedRowsSchema.strict().parse(aligned)).toEqual(aligned);
    expect(aligned).toEqual({
      columns: ['k', 'n'],
      rows: [
        { expected: { k: '"a"', n: '1' }, actual: { k: '"a"', n: '1' }, differs: [] },
        { expected: { k: '"b"', n: '2' }, actual: { k: '"b"', n: '5' }, differs: ['n'] },
        { expected: { k: '"c"', n: '3' }, actual: null, differs: ['k', 'n'] },
        { expected: null, actual: { k: '"d"', n: '4' }, differs: ['k', 'n'] },
      ],
      total: 4,
    });
  });

  it('pairs by position when the order is part of the answer, and lists every row of a match', () => {
    const expected = table('k string, n long', [
      ['a', 1],
      ['b', 2],
    ]);
    const swapped = table('k string, n bigint', [
      ['b', 2],
      ['a', 1],
    ]);
    expect(compare(expected, swapped, { ordered: true }).aligned?.rows.map((r) => r.differs)).toEqual([
      ['k', 'n'],
      ['k', 'n'],
    ]);
    expect(compare(expected, expected, { ordered: false }).aligned?.rows.every((r) => r.differs.length === 0)).toBe(true);
  });

  it(`lists at most ${MAX_ALIGNED_ROWS} pairs and counts all of them; none when the columns do not match`, () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`k${String(i).padStart(3, '0')}`, i]);
    const { aligned } = compare(table('k string, n long', rows), table('k string, n bigint', rows.slice(0, 100)));
    expect(aligned?.rows).toHaveLength(MAX_ALIGNED_ROWS);
    expect(aligned?.total).toBe(120);
    expect(compare(table('k string, n long', rows), table('k string, m bigint', rows)).aligned).toBeUndefined();
  });
});
