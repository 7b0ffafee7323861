// Custom input: rows a candidate types to Run their solution on, beside the reference's output on
// the same rows ("Run with my own rows"). Owns the API shape (zod), its limits, the validation
// that names the bad cell before anything is queued, and the case files the worker writes from
// it. Pure.
import { z } from 'zod';
import { STREAM_BATCH_COLUMN, type ChallengeSpec, type ColumnSpec, type InputSpec } from './challenge.js';
import type { CustomRun } from './grade-result.js';
import { CellDecodeError, decodeCell, formatValue, type Table } from './table.js';

/** Most rows of one DataFrame or stream input. */
export const CUSTOM_INPUT_MAX_ROWS = 200;
/** Largest text of one file input, in bytes (UTF-8). */
export const CUSTOM_INPUT_MAX_FILE_BYTES = 64 * 1024;
/** Longest string cell, in characters. */
export const CUSTOM_INPUT_MAX_CELL_CHARS = 1000;
/** A stream's rows may arrive in micro-batches 0 to this number. */
export const CUSTOM_INPUT_MAX_MICRO_BATCH = 19;
/** The name of the one case a custom Run grades. */
export const CUSTOM_CASE_NAME = 'custom input';

const CellSchema = z.union([
  z.string().max(CUSTOM_INPUT_MAX_CELL_CHARS, `a cell holds at most ${CUSTOM_INPUT_MAX_CELL_CHARS} characters`),
  z.number(),
  z.boolean(),
  z.null(),
]);

/** One input: a DataFrame's or stream's rows, or a file's text. */
const InputValueSchema = z
  .strictObject({
    /** Each row by column name; a stream's rows also name their `micro_batch`. */
    rows: z
      .array(z.record(z.string().max(100), CellSchema))
      .max(CUSTOM_INPUT_MAX_ROWS, `at most ${CUSTOM_INPUT_MAX_ROWS} rows per input (the custom input row limit)`)
      .optional(),
    /** The whole file. */
    text: z.string().max(CUSTOM_INPUT_MAX_FILE_BYTES, `at most ${CUSTOM_INPUT_MAX_FILE_BYTES} bytes per file input`).optional(),
  })
  .refine((v) => (v.rows === undefined) !== (v.text === undefined), 'give either rows (a table) or text (a file)');

/** `POST /submissions` with `kind: "run"` and `customInput`: every input of the challenge, by name. */
export const CustomInputSchema = z.strictObject({
  inputs: z.record(z.string().max(100), InputValueSchema),
});
export type CustomInput = z.infer<typeof CustomInputSchema>;

const INTEGRAL_RANGE: Record<string, [bigint, bigint]> = {
  byte: [-(2n ** 7n), 2n ** 7n - 1n],
  short: [-(2n ** 15n), 2n ** 15n - 1n],
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
};
/** The timestamp form case files use: UTC, at most microseconds. */
const CUSTOM_TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z?$/;

/** Why one cell cannot be used, or null when it can. */
function cellProblem(column: ColumnSpec, cell: z.infer<typeof CellSchema>): string | null {
  if (cell === null) return column.nullable ? null : 'may not be null (the column is not nullable)';
  if (column.type === 'binary') return 'binary columns cannot be typed in; use a challenge case';
  if (column.type === 'timestamp' && (typeof cell !== 'string' || !CUSTOM_TIMESTAMP_RE.test(cell))) {
    return `not a timestamp such as 2024-03-01T10:00:00Z: ${JSON.stringify(cell)}`;
  }
  try {
    const value = decodeCell(cell, column.type);
    const range = INTEGRAL_RANGE[column.type];
    if (range && value.kind === 'int' && (value.value < range[0] || value.value > range[1])) {
      return `out of range for ${column.type}: ${JSON.stringify(cell)}`;
    }
    return null;
  } catch (error) {
    if (error instanceof CellDecodeError) return `${error.message} (the column is ${column.type})`;
    throw error;
  }
}

function rowProblems(input: Exclude<InputSpec, { kind: 'file' }>, rows: Record<string, unknown>[], problems: string[]): void {
  const columns = new Map(input.columns.map((c) => [c.name, c]));
  rows.forEach((row, index) => {
    const at = `${input.name} row ${index + 1}`;
    for (const key of Object.keys(row)) {
      if (!columns.has(key) && !(input.kind === 'stream' && key === STREAM_BATCH_COLUMN)) problems.push(`${at}: unknown column ${key}`);
    }
    if (input.kind === 'stream') {
      const batch = row[STREAM_BATCH_COLUMN];
      if (typeof batch !== 'number' || !Number.isInteger(batch) || batch < 0 || batch > CUSTOM_INPUT_MAX_MICRO_BATCH) {
        problems.push(
          `${at}, column ${STREAM_BATCH_COLUMN}: a whole number from 0 to ${CUSTOM_INPUT_MAX_MICRO_BATCH}, not ${JSON.stringify(batch ?? null)}`,
        );
      }
    }
    for (const column of input.columns) {
      if (!(column.name in row)) {
        problems.push(`${at}, column ${column.name}: missing (use null for no value)`);
        continue;
      }
      const problem = cellProblem(column, row[column.name] as z.infer<typeof CellSchema>);
      if (problem) problems.push(`${at}, column ${column.name}: ${problem}`);
    }
  });
}

/** Most problems listed in one refusal (the rest are counted). */
const MAX_LISTED_PROBLEMS = 5;

/**
 * Every reason `input` cannot be run on the challenge, each naming its input, row and column
 * (at most a few listed, the rest counted); empty when it can.
 */
export function customInputProblems(spec: Pick<ChallengeSpec, 'inputs'>, input: CustomInput): string[] {
  const problems: string[] = [];
  const declared = new Set(spec.inputs.map((i) => i.name));
  for (const name of Object.keys(input.inputs)) if (!declared.has(name)) problems.push(`unknown input ${name}`);
  for (const declared of spec.inputs) {
    const given = input.inputs[declared.name];
    if (!given) {
      problems.push(`input ${declared.name} is missing`);
    } else if (declared.kind === 'file') {
      if (given.text === undefined) problems.push(`input ${declared.name} is a file: send its text`);
      else if (Buffer.byteLength(given.text, 'utf8') > CUSTOM_INPUT_MAX_FILE_BYTES) {
        problems.push(`input ${declared.name}: at most ${CUSTOM_INPUT_MAX_FILE_BYTES} bytes per file input`);
      }
    } else if (given.rows === undefined) {
      problems.push(`input ${declared.name} is a table: send its rows`);
    } else {
      rowProblems(declared, given.rows, problems);
    }
  }
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_LISTED_PROBLEMS), `and ${problems.length - MAX_LISTED_PROBLEMS} more`];
}

/**
 * The case files of a custom input, by input name: the file name in the case folder and its
 * content, in the form hand-written cases use (JSONL rows, a stream's with their `micro_batch`;
 * a file input's text as it is). Assumes `customInputProblems` found nothing.
 */
export function customCaseFiles(spec: Pick<ChallengeSpec, 'inputs'>, input: CustomInput): Map<string, { file: string; content: string }> {
  const files = new Map<string, { file: string; content: string }>();
  for (const declared of spec.inputs) {
    const given = input.inputs[declared.name]!;
    if (declared.kind === 'file') {
      files.set(declared.name, { file: `${declared.name}.${declared.extension}`, content: given.text ?? '' });
      continue;
    }
    const rows = given.rows ?? [];
    const names = [...(declared.kind === 'stream' ? [STREAM_BATCH_COLUMN] : []), ...declared.columns.map((c) => c.name)];
    const lines = rows.map((row) => JSON.stringify(Object.fromEntries(names.map((n) => [n, row[n] ?? null]))));
    files.set(declared.name, { file: `${declared.name}.jsonl`, content: lines.length ? `${lines.join('\n')}\n` : '' });
  }
  return files;
}

/** Most rows of the reference's output shown as the expected rows. */
export const CUSTOM_EXPECTED_MAX_ROWS = 500;

/**
 * A table's rows for reading (`2024-03-01 10:00:00`, `"u7"`, `null`), at most
 * `CUSTOM_EXPECTED_MAX_ROWS`; sorted by the `sortBy` columns' text when given (an unordered
 * output's key), else in the table's order.
 */
export function displayTable(table: Table, sortBy: string[] = []): NonNullable<CustomRun['expected']> {
  const columns = table.columns.map((c) => c.name);
  const all = table.rows.map((row) =>
    Object.fromEntries(table.columns.map((c, i) => [c.name, formatValue(decodeCell(row[i] ?? null, c.type))])),
  );
  const text = (row: Record<string, string>): string[] => sortBy.map((c) => row[c] ?? '');
  if (sortBy.length > 0) {
    all.sort((a, b) => {
      const [x, y] = [text(a), text(b)];
      const i = x.findIndex((v, k) => v !== y[k]);
      return i < 0 ? 0 : x[i]! < y[i]! ? -1 : 1;
    });
  }
  return { columns, rows: all.slice(0, CUSTOM_EXPECTED_MAX_ROWS), total: table.rows.length };
}
