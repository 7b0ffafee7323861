// Matching rows as multisets: float rows within tolerance pair even when they sort differently.
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../table.js';
import { compare, table } from './test-tables.js';

describe('compareTables: rows as multisets', () => {
  it('matches float rows whose values within tolerance sort in another order', () => {
    // Sorting puts (1, 2) first on one side and (1+1e-9, 1) first on the other; both must still pair.
    const expected = table('x double, y double', [
      [1, 2],
      [1 + 1e-9, 1],
    ]);
    const actual = table('x double, y double', [
      [1 + 1e-9, 2],
      [1, 1],
    ]);
    expect(compare(expected, actual, { key: ['x'] }).equal).toBe(true);
  });

  it('finds the matching a first-come pairing misses when one output row is close to two expected rows', () => {
    // Sorted merge pairs e0 with the shared row, which is e1's only match; e0 also fits the other row.
    const expected = table('x double, y double', [
      [1, 1],
      [1.000015, 0.99999],
    ]);
    const actual = table('x double, y double', [
      [1.000009, 1.000009],
      [1.000005, 0.999995],
    ]);
    expect(compare(expected, actual, { key: ['x'] }).equal).toBe(true);
  });

  it('matches large all-float groups whose values reorder within tolerance', () => {
    const n = 5000;
    const rows = Array.from({ length: n }, (_, i): JsonValue[] => [Math.floor(i / 2), i % 7]);
    const expected = table('x double, y double', rows);
    // Every other row nudged below its neighbour within tolerance: the sorted orders interleave differently.
    const actual = table('x double, y double', rows.map(([x, y], i) => [(x as number) + (i % 2 ? -1e-9 : 1e-9), y!]).reverse());
    expect(compare(expected, actual, { key: ['x'] }).equal).toBe(true);
  });
});
