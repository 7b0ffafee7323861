// compareTables as a whole: a challenge fault throws, and properties over generated tables
// (permutations, single-cell changes, removed rows, float perturbations) and a 200k-row run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue, Table } from '../table.js';
import { compare, table } from './test-tables.js';

describe('compareTables: challenge faults', () => {
  it('throws when a key column is not an expected column (a challenge fault)', () => {
    expect(() => compare(table('k string', [['a']]), table('k string', [['a']]), { key: ['nope'] })).toThrow(/key column nope/);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const EXPECTED_TYPES = ['long', 'string', 'double', 'boolean', 'timestamp'];
const SPARK_TYPES = ['bigint', 'string', 'double', 'boolean', 'timestamp'];
const NAMES = ['id', 'name', 'amount', 'flag', 'ts'];
const BASE_SECONDS = Date.UTC(2024, 0, 1) / 1000;

const rowArb = fc
  .tuple(
    fc.integer({ min: 0, max: 100_000 }),
    fc.option(fc.string({ maxLength: 6 })),
    fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(null), fc.constant('NaN')),
    fc.boolean(),
    fc.integer({ min: 0, max: 86_400 * 365 }).map((s) => new Date((BASE_SECONDS + s) * 1000).toISOString()),
  )
  .map((cells): JsonValue[] => [...cells]);

const uniqueRows = fc.uniqueArray(rowArb, { selector: (row) => row[0], minLength: 1, maxLength: 40 });

const withTypes = (types: string[], rows: JsonValue[][], order = [0, 1, 2, 3, 4]): Table => ({
  columns: order.map((c) => ({ name: NAMES[c]!, type: types[c]!, nullable: true })),
  rows: rows.map((row) => order.map((c) => row[c]!)),
});
const expectedOf = (rows: JsonValue[][]) => withTypes(EXPECTED_TYPES, rows);
const actualOf = (rows: JsonValue[][], order?: number[]) => withTypes(SPARK_TYPES, rows, order);

/** A clearly different value for column `c`: outside any tolerance, and never another row's id. */
function changeCell(c: number, cell: JsonValue): JsonValue {
  switch (c) {
    case 0:
      return (cell as number) + 200_000;
    case 1:
      return cell === null ? 'changed' : `${cell as string}!`;
    case 2:
      return typeof cell === 'number' ? cell + 1000 + Math.abs(cell) : 1;
    case 3:
      return !(cell as boolean);
    default:
      return new Date(Date.parse(cell as string) + 3_600_000).toISOString();
  }
}

describe('compareTables: properties', () => {
  const options = { ordered: false, key: ['id'] };

  it('equals any row permutation of itself, duplicates included, with its columns in any order', () => {
    const rowsWithDuplicates = fc
      .array(rowArb, { maxLength: 30 })
      .chain((rows) =>
        fc
          .array(fc.constantFrom(...(rows.length ? rows : [[0, null, null, false, '2024-01-01T00:00:00.000Z']])), { maxLength: 5 })
          .map((extra) => (rows.length ? [...rows, ...extra] : rows)),
      );
    fc.assert(
      fc.property(
        rowsWithDuplicates.chain((rows) =>
          fc.tuple(
            fc.constant(rows),
            fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
            fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }),
          ),
        ),
        ([rows, shuffled, columnOrder]) => {
          expect(compare(expectedOf(rows), actualOf(shuffled, columnOrder), options).equal).toBe(true);
        },
      ),
    );
  });

  it("rejects a table with any single cell changed and names that row's key in the diff", () => {
    fc.assert(
      fc.property(
        uniqueRows.chain((rows) => fc.tuple(fc.constant(rows), fc.nat(rows.length - 1), fc.nat(4))),
        ([rows, r, c]) => {
          const changedRows = rows.map((row, i) => (i === r ? row.map((cell, j) => (j === c ? changeCell(c, cell) : cell)) : row));
          const result = compare(expectedOf(rows), actualOf(changedRows), options);
          const id = String(rows[r]![0]);
          expect(result.equal).toBe(false);
          if (c === 0) {
            expect(result.diff.missing.map((row) => row.id)).toEqual([id]);
            expect(result.diff.counts).toMatchObject({ missing: 1, unexpected: 1, changed: 0 });
          } else {
            expect(result.diff.changed).toHaveLength(1);
            expect(result.diff.changed[0]).toMatchObject({ key: { id }, columns: [NAMES[c]] });
          }
          expect(result.message).toContain(`id=${id}`);
        },
      ),
    );
  });

  it('reports exactly one missing row when a row is removed', () => {
    fc.assert(
      fc.property(
        uniqueRows.chain((rows) => fc.tuple(fc.constant(rows), fc.nat(rows.length - 1))),
        ([rows, r]) => {
          const result = compare(expectedOf(rows), actualOf(rows.filter((_, i) => i !== r)), options);
          expect(result.equal).toBe(false);
          expect(result.diff.counts).toMatchObject({ missing: 1, unexpected: 0, changed: 0 });
          expect(result.diff.missing[0]!.id).toBe(String(rows[r]![0]));
        },
      ),
    );
  });

  it('stays equal when floats are perturbed within rtol/2', () => {
    const rtol = 1e-5;
    const factor = fc.double({ min: -rtol / 2, max: rtol / 2, noNaN: true }).map((d) => 1 + d);
    fc.assert(
      fc.property(
        uniqueRows.chain((rows) => fc.tuple(fc.constant(rows), fc.array(factor, { minLength: rows.length, maxLength: rows.length }))),
        ([rows, factors]) => {
          const perturbed = rows.map((row, i) => row.map((cell, c) => (c === 2 && typeof cell === 'number' ? cell * factors[i]! : cell)));
          expect(compare(expectedOf(rows), actualOf(perturbed.reverse()), options).equal).toBe(true);
        },
      ),
    );
  });

  it('stays equal when an all-float table is perturbed within rtol/2 and shuffled', () => {
    const value = fc.constantFrom(0, 1, 1 + 4e-6, 1 - 4e-6, 2, 'NaN', null);
    const factor = fc.double({ min: -5e-6, max: 5e-6, noNaN: true }).map((d) => 1 + d);
    fc.assert(
      fc.property(
        fc
          .array(fc.tuple(value, value, factor, factor), { maxLength: 30 })
          .chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))),
        ([rows, shuffled]) => {
          const scale = (v: JsonValue, f: number) => (typeof v === 'number' ? v * f : v);
          const expected = table(
            'x double, y double',
            rows.map(([x, y]) => [x, y]),
          );
          const actual = table(
            'x double, y float',
            shuffled.map(([x, y, fx, fy]) => [scale(x, fx), scale(y, fy)]),
          );
          expect(compare(expected, actual, { key: ['x'] }).equal).toBe(true);
        },
      ),
    );
  });

  it('compares two equal 200k-row tables', () => {
    const n = 200_000;
    const rows = Array.from({ length: n }, (_, i): JsonValue[] => [
      `u${i % 5000}`,
      new Date(Date.UTC(2024, 2, 1) + i * 1000).toISOString(),
      i % 97,
      (i % 1000) / 7,
    ]);
    const shuffled = [...rows].reverse();
    const result = compare(
      table('user_id string, session_start timestamp, event_count long, score double', rows),
      table(
        'session_start timestamp, user_id string, score double, event_count bigint',
        shuffled.map(([u, s, c, x]) => [s!, u!, x!, c!]),
      ),
      { key: ['user_id', 'session_start'] },
    );
    expect(result).toMatchObject({ equal: true, message: 'output matches (200000 rows)' });
  });
});
