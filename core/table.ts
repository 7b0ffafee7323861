// A result table as it crosses the sandbox boundary (JSON cells, decoded by column type) and the
// decoded values comparison works on. Wire cells: integers as numbers, or as decimal strings when
// beyond 2^53; floats as numbers or "NaN"/"Infinity"/"-Infinity"; decimals as strings; dates as
// YYYY-MM-DD; timestamps as UTC ISO-8601 with a Z; binary as base64; nested types as JSON.
import { z } from 'zod';
import { typeFamily } from './column-type.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(JsonValueSchema), z.record(z.string(), JsonValueSchema)]),
);

export const TableColumnSchema = z.object({
  /** Column name as Spark reports it. */
  name: z.string(),
  /** Spark simpleString type (`bigint`, `timestamp`, `array<string>`, ...) or a declared type. */
  type: z.string(),
  /** Whether the column may hold nulls. */
  nullable: z.boolean().default(true),
});
export type TableColumn = z.infer<typeof TableColumnSchema>;

export const TableSchema = z.object({
  columns: z.array(TableColumnSchema),
  /** Rows as arrays aligned with `columns`. */
  rows: z.array(z.array(JsonValueSchema)),
});
export type Table = z.infer<typeof TableSchema>;

/** A decoded cell: the value comparison sees. */
export type Value =
  | { kind: 'null' }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'decimal'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'string'; value: string }
  | { kind: 'date'; value: string }
  /** Microseconds since the epoch, UTC. */
  | { kind: 'timestamp'; micros: bigint }
  | { kind: 'other'; canonical: string };

export class CellDecodeError extends Error {}

const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]00:?00)?$/;

/** Microseconds since the epoch for a UTC ISO-8601 timestamp string. */
export function parseTimestampMicros(text: string): bigint {
  const m = TIMESTAMP_RE.exec(text);
  if (!m) throw new CellDecodeError(`not a UTC timestamp: ${JSON.stringify(text)}`);
  const [, y, mo, d, h, mi, s, frac] = m;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d)); // setUTCFullYear keeps years 0-99 as written
  date.setUTCHours(Number(h), Number(mi), Number(s), 0);
  const millis = date.getTime();
  // Date rolls 2024-02-31 over to March: a value that does not read back the same is invalid.
  if (
    Number.isNaN(millis) ||
    date.getUTCMonth() !== Number(mo) - 1 ||
    date.getUTCDate() !== Number(d) ||
    date.getUTCHours() !== Number(h) ||
    date.getUTCMinutes() !== Number(mi) ||
    date.getUTCSeconds() !== Number(s)
  ) {
    throw new CellDecodeError(`not a valid timestamp: ${JSON.stringify(text)}`);
  }
  const micros = BigInt((frac ?? '').padEnd(6, '0').slice(0, 6) || '0');
  return BigInt(millis) * 1000n + micros;
}

/** `2024-03-01 10:00:00` (with microseconds only when there are some), UTC. */
export function formatTimestampMicros(micros: bigint): string {
  // Floor division, so times before 1970 split into the right second and fraction.
  let seconds = micros / 1_000_000n;
  let fraction = micros % 1_000_000n;
  if (fraction < 0n) {
    fraction += 1_000_000n;
    seconds -= 1n;
  }
  const iso = new Date(Number(seconds) * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return fraction === 0n ? iso : `${iso}.${fraction.toString().padStart(6, '0')}`;
}

function decodeFloat(cell: JsonValue): number {
  if (typeof cell === 'number') return cell;
  if (cell === 'NaN') return Number.NaN;
  if (cell === 'Infinity') return Number.POSITIVE_INFINITY;
  if (cell === '-Infinity') return Number.NEGATIVE_INFINITY;
  throw new CellDecodeError(`not a floating-point value: ${JSON.stringify(cell)}`);
}

function decodeInt(cell: JsonValue): bigint {
  if (typeof cell === 'number' && Number.isInteger(cell)) return BigInt(cell);
  if (typeof cell === 'string' && /^-?\d+$/.test(cell)) return BigInt(cell);
  throw new CellDecodeError(`not an integer: ${JSON.stringify(cell)}`);
}

/** Decodes one wire cell by its column's type. */
export function decodeCell(cell: JsonValue, type: string): Value {
  if (cell === null) return { kind: 'null' };
  switch (typeFamily(type)) {
    case 'integral':
      return { kind: 'int', value: decodeInt(cell) };
    case 'fractional':
      return { kind: 'float', value: decodeFloat(cell) };
    case 'decimal':
      if (typeof cell !== 'string' && typeof cell !== 'number') throw new CellDecodeError(`not a decimal: ${JSON.stringify(cell)}`);
      return { kind: 'decimal', value: normalizeDecimal(String(cell)) };
    case 'boolean':
      if (typeof cell !== 'boolean') throw new CellDecodeError(`not a boolean: ${JSON.stringify(cell)}`);
      return { kind: 'bool', value: cell };
    case 'string':
      if (typeof cell !== 'string') throw new CellDecodeError(`not a string: ${JSON.stringify(cell)}`);
      return { kind: 'string', value: cell };
    case 'date':
      if (typeof cell !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(cell)) throw new CellDecodeError(`not a date: ${JSON.stringify(cell)}`);
      parseTimestampMicros(`${cell}T00:00:00Z`); // rejects 2024-13-45 and 2024-02-31
      return { kind: 'date', value: cell };
    case 'timestamp':
      if (typeof cell !== 'string') throw new CellDecodeError(`not a timestamp: ${JSON.stringify(cell)}`);
      return { kind: 'timestamp', micros: parseTimestampMicros(cell) };
    default:
      return { kind: 'other', canonical: canonicalJson(cell) };
  }
}

function normalizeDecimal(text: string): string {
  const t = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) throw new CellDecodeError(`not a decimal: ${JSON.stringify(text)}`);
  let [int = '0', frac = ''] = t.replace(/^-/, '').split('.');
  int = int.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  const negative = t.startsWith('-') && /[1-9]/.test(int + frac);
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** JSON with object keys sorted, so equal nested values have equal text. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as JsonValue)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A decoded value as a candidate reads it in a diff. */
export function formatValue(value: Value): string {
  switch (value.kind) {
    case 'null':
      return 'null';
    case 'int':
      return value.value.toString();
    case 'float':
      return Number.isNaN(value.value) ? 'NaN' : String(value.value);
    case 'decimal':
      return value.value;
    case 'bool':
      return String(value.value);
    case 'string':
      return JSON.stringify(value.value);
    case 'date':
      return value.value;
    case 'timestamp':
      return formatTimestampMicros(value.micros);
    case 'other':
      return value.canonical;
  }
}
