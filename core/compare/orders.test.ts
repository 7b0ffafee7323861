// Orders: rows as a multiset unless ordered; an ordered mismatch says where the first difference is.
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../table.js';
import { compare, table } from './test-tables.js';

describe('compareTables: rows', () => {
  const kv = (rows: JsonValue[][]) => table('k string, v long', rows);

  it.each([
    {
      name: 'ignores row order unless ordered',
      e: [
        ['a', 1],
        ['b', 2],
      ],
      a: [
        ['b', 2],
        ['a', 1],
      ],
      ordered: false,
      equal: true,
    },
    {
      name: 'accepts the same order when ordered',
      e: [
        ['a', 1],
        ['b', 2],
      ],
      a: [
        ['a', 1],
        ['b', 2],
      ],
      ordered: true,
      equal: true,
    },
    {
      name: 'rejects another order when ordered',
      e: [
        ['a', 1],
        ['b', 2],
      ],
      a: [
        ['b', 2],
        ['a', 1],
      ],
      ordered: true,
      equal: false,
    },
    {
      name: 'counts duplicates on both sides',
      e: [
        ['a', 1],
        ['a', 1],
        ['b', 2],
      ],
      a: [
        ['a', 1],
        ['b', 2],
        ['a', 1],
      ],
      ordered: false,
      equal: true,
    },
    {
      name: 'rejects an extra copy of an expected row',
      e: [['a', 1]],
      a: [
        ['a', 1],
        ['a', 1],
      ],
      ordered: false,
      equal: false,
    },
    {
      name: 'rejects a missing copy of a duplicated row',
      e: [
        ['a', 1],
        ['a', 1],
      ],
      a: [['a', 1]],
      ordered: false,
      equal: false,
    },
    { name: 'accepts two empty tables', e: [], a: [], ordered: false, equal: true },
    { name: 'accepts two empty tables when ordered', e: [], a: [], ordered: true, equal: true },
  ])('$name', ({ e, a, ordered, equal }) => {
    expect(compare(kv(e), kv(a), { ordered }).equal).toBe(equal);
  });

  it.each([
    {
      name: 'says the rows are right but the order is wrong, and where',
      e: [
        ['a', 1],
        ['b', 2],
        ['c', 3],
        ['d', 4],
      ],
      a: [
        ['a', 1],
        ['b', 2],
        ['d', 4],
        ['c', 3],
      ],
      message: 'rows match but not in the required order: first difference at row 3\nrow 3: expected k="c", v=3; got k="d", v=4',
    },
    {
      name: 'says where the first difference is and gives the keyed diff when rows differ',
      e: [
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ],
      a: [
        ['a', 1],
        ['b', 2],
        ['c', 4],
      ],
      message:
        'rows must be in the required order; first difference at row 3.\n1 of 3 expected rows not matched (1 changed).\nk="c": expected v=3; got v=4',
    },
    {
      name: 'points past the end of a short output',
      e: [
        ['a', 1],
        ['b', 2],
      ],
      a: [['a', 1]],
      message:
        'rows must be in the required order; first difference at row 2.\n1 of 2 expected rows not matched (1 missing).\nmissing: k="b" (v=2)',
    },
  ])('ordered: $name', ({ e, a, message }) => {
    const result = compare(kv(e), kv(a), { ordered: true });
    expect(result.equal).toBe(false);
    expect(result.message).toBe(message);
  });

  it('says an equal output matches, with its row count', () => {
    expect(
      compare(
        kv([
          ['a', 1],
          ['b', 2],
        ]),
        kv([
          ['b', 2],
          ['a', 1],
        ]),
      ).message,
    ).toBe('output matches (2 rows)');
  });
});
