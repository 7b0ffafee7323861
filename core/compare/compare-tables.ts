// Output comparison, run in the worker (never in the sandbox): matches a solution's result table
// against the expected rows (columns by name, integral types interchangeable, floats within a
// tolerance, rows as a multiset unless ordered) and explains a mismatch as a keyed, minimal diff.
import { typeFamily } from '../column-type.js';
import type { Table } from '../table.js';
import { columnFailure, matchColumns } from './columns.js';
import { decodeActual, decodeExpected } from './decoding.js';
import { compareOrdered, compareUnordered } from './orders.js';
import type { CompareOptions, CompareResult, Context } from './types.js';

export type { CompareOptions, CompareResult } from './types.js';

const DEFAULT_RTOL = 1e-5;
const DEFAULT_ATOL = 1e-8;
const DEFAULT_MAX_LISTED = 10;

/** Compares a solution's output with the expected rows; a candidate's mistake is data, never thrown. */
export function compareTables(expected: Table, actual: Table, options: CompareOptions): CompareResult {
  const counts = { expectedRows: expected.rows.length, actualRows: actual.rows.length, missing: 0, unexpected: 0, changed: 0 };
  const names = expected.columns.map((c) => c.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) throw new Error(`expected output has column ${duplicate} twice`);
  const keyCols = options.key.map((k) => {
    const index = names.indexOf(k);
    if (index < 0) throw new Error(`key column ${k} is not an expected output column`);
    return index;
  });

  const columns = matchColumns(expected, actual);
  if (columns.problems.length > 0) return columnFailure(columns.problems, expected, actual, counts);
  const expectedRows = decodeExpected(expected);
  const decoded = decodeActual(actual, columns.actualIndex);
  if (decoded.problems.length > 0) return columnFailure(decoded.problems, expected, actual, counts);

  const fractional = expected.columns.map((c) => typeFamily(c.type) === 'fractional');
  const all = names.map((_, i) => i);
  const context: Context = {
    names,
    exactCols: all.filter((i) => !fractional[i]),
    floatCols: all.filter((i) => fractional[i]),
    keyCols,
    nonKeyCols: all.filter((i) => !keyCols.includes(i)),
    rtol: options.rtol ?? DEFAULT_RTOL,
    atol: options.atol ?? DEFAULT_ATOL,
    maxListed: options.maxListed ?? DEFAULT_MAX_LISTED,
  };
  return options.ordered ? compareOrdered(expectedRows, decoded.rows, context) : compareUnordered(expectedRows, decoded.rows, context);
}
