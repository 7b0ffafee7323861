// Columns: output columns matched to the expected ones by name, each problem (missing, extra,
// duplicated, wrong type family) named; a column failure stops the comparison before any row.
import { typeFamily } from '../column-type.js';
import type { RowDiff } from '../grade-result.js';
import type { Table } from '../table.js';
import type { CompareResult } from './types.js';

interface ColumnMatch {
  problems: string[];
  /** For each expected column, its index in the actual table. */
  actualIndex: number[];
}

export function matchColumns(expected: Table, actual: Table): ColumnMatch {
  const positions = new Map<string, number[]>();
  actual.columns.forEach((c, j) => {
    const list = positions.get(c.name);
    if (list) list.push(j);
    else positions.set(c.name, [j]);
  });
  const expectedNames = new Set(expected.columns.map((c) => c.name));
  const extra = [...positions.keys()].filter((name) => !expectedNames.has(name));
  const problems: string[] = [];
  const actualIndex: number[] = [];
  for (const column of expected.columns) {
    const found = positions.get(column.name) ?? [];
    const j = found[0];
    if (j === undefined) {
      const lookalike = extra.find((name) => name.toLowerCase() === column.name.toLowerCase());
      problems.push(
        lookalike === undefined
          ? `missing column \`${column.name}\``
          : `missing column \`${column.name}\` (the output has \`${lookalike}\`; names are case-sensitive)`,
      );
      continue;
    }
    if (found.length > 1) {
      problems.push(`column \`${column.name}\` appears ${found.length} times in the output`);
      continue;
    }
    const actualType = actual.columns[j]!.type;
    if (typeFamily(actualType) !== typeFamily(column.type)) {
      problems.push(`column \`${column.name}\` has type ${actualType}, expected ${column.type}`);
    }
    actualIndex.push(j);
  }
  for (const name of extra) problems.push(`unexpected column \`${name}\``);
  return { problems, actualIndex };
}

export function columnFailure(problems: string[], expected: Table, actual: Table, counts: RowDiff['counts']): CompareResult {
  const describe = (table: Table) => table.columns.map((c) => `${c.name} ${c.type}`).join(', ') || '(none)';
  const message = [
    "the output's columns are wrong, so its rows were not compared:",
    ...problems,
    `expected columns: ${describe(expected)}`,
    `output columns: ${describe(actual)}`,
  ].join('\n');
  return { equal: false, message, diff: { columnProblems: problems, missing: [], unexpected: [], changed: [], counts } };
}
