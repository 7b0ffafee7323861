// Helpers of the comparison's tests: a table from a short column spec, and compareTables with a
// check that its diff is exactly the RowDiff wire format.
import { expect } from 'vitest';
import { RowDiffSchema } from '../grade-result.js';
import type { JsonValue, Table } from '../table.js';
import { compareTables, type CompareOptions, type CompareResult } from './compare-tables.js';

/** `table('user_id string, amount decimal(10,2)', rows)`: columns from a spec, commas inside types allowed. */
export function table(spec: string, rows: JsonValue[][]): Table {
  const columns = spec.split(/,\s*(?![^()<>]*[)>])/).map((part) => {
    const [name = '', type = ''] = part.trim().split(/\s+/);
    return { name, type, nullable: true };
  });
  return { columns, rows };
}

/** compareTables, also checking that the diff is exactly the RowDiff wire format. */
export function compare(expected: Table, actual: Table, options: Partial<CompareOptions> = {}): CompareResult {
  const result = compareTables(expected, actual, { ordered: false, key: [expected.columns[0]!.name], ...options });
  expect(RowDiffSchema.strict().parse(result.diff)).toEqual(result.diff);
  return result;
}
