// Decoding: wire cells to values by column type. An expected row that does not decode is a
// challenge fault (thrown); an output cell that does not is the candidate's (a column problem).
import { CellDecodeError, decodeCell, type JsonValue, type Table, type Value } from '../table.js';
import type { Row } from './types.js';

/** The expected rows come from the challenge: one that does not decode is a grader fault, so it throws. */
export function decodeExpected(table: Table): Row[] {
  return table.rows.map((row, i) => {
    if (row.length !== table.columns.length) {
      throw new Error(`expected row ${i + 1} has ${row.length} cells for ${table.columns.length} columns`);
    }
    return table.columns.map((column, c) => {
      try {
        return decodeCell(row[c] as JsonValue, column.type);
      } catch (error) {
        throw new Error(`expected row ${i + 1}, column ${column.name} does not decode as ${column.type}`, { cause: error });
      }
    });
  });
}

/** The output's rows, reordered to the expected columns; a cell that does not decode is the candidate's problem. */
export function decodeActual(table: Table, actualIndex: number[]): { rows: Row[]; problems: string[] } {
  const problems: string[] = [];
  const failed = new Set<number>();
  const rows: Row[] = [];
  for (let i = 0; i < table.rows.length; i++) {
    const cells = table.rows[i]!;
    if (cells.length !== table.columns.length) {
      problems.push(`output row ${i + 1} has ${cells.length} cells for ${table.columns.length} columns`);
      break;
    }
    const row: Row = new Array<Value>(actualIndex.length);
    for (let c = 0; c < actualIndex.length; c++) {
      const j = actualIndex[c]!;
      const column = table.columns[j]!;
      try {
        row[c] = decodeCell(cells[j] as JsonValue, column.type);
      } catch (error) {
        if (!(error instanceof CellDecodeError)) throw error;
        row[c] = { kind: 'null' };
        if (!failed.has(j)) {
          failed.add(j);
          problems.push(`column \`${column.name}\` (${column.type}): output row ${i + 1} cannot be read: ${error.message}`);
        }
      }
    }
    rows.push(row);
  }
  return { rows, problems };
}
