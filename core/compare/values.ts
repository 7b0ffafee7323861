// Values: exact equality and hashing of cells (consistent with each other), float closeness by
// pyspark's rule, and the total orders that sort float rows and list rows by key.
import type { Value } from '../table.js';
import type { Context, Floats, Row } from './types.js';

/** Exact equality of two cells of one column family; -0 equals 0 and NaN equals NaN (hash and groups agree). */
export function sameValue(a: Value, b: Value): boolean {
  switch (a.kind) {
    case 'null':
      return b.kind === 'null';
    case 'int':
      return b.kind === 'int' && a.value === b.value;
    case 'float':
      return b.kind === 'float' && (a.value === b.value || (Number.isNaN(a.value) && Number.isNaN(b.value)));
    case 'decimal':
    case 'string':
    case 'date':
      return b.kind === a.kind && a.value === b.value;
    case 'bool':
      return b.kind === 'bool' && a.value === b.value;
    case 'timestamp':
      return b.kind === 'timestamp' && a.micros === b.micros;
    case 'other':
      return b.kind === 'other' && a.canonical === b.canonical;
  }
}

export function sameOn(a: Row, b: Row, cols: number[]): boolean {
  for (const c of cols) if (!sameValue(a[c]!, b[c]!)) return false;
  return true;
}

const scratch = new DataView(new ArrayBuffer(8));

function mix(hash: number, word: number): number {
  return Math.imul(hash ^ word, 16777619);
}

function mixNumber(hash: number, x: number): number {
  scratch.setFloat64(0, x === 0 || Number.isNaN(x) ? Math.abs(x) || 0 : x); // one hash for -0/0 and for every NaN
  return mix(mix(hash, scratch.getInt32(0)), scratch.getInt32(4));
}

function mixText(hash: number, text: string): number {
  let h = mix(hash, text.length);
  for (let i = 0; i < text.length; i++) h = mix(h, text.charCodeAt(i));
  return h;
}

/**
 * FNV-style 32-bit hash of some cells of a row, consistent with `sameOn`. Grouping hashes numbers
 * instead of building a text key per row: string keys cost most of the time on 200k rows.
 */
export function hashOn(row: Row, cols: number[]): number {
  let h = 0x811c9dc5;
  for (const c of cols) {
    const value = row[c]!;
    switch (value.kind) {
      case 'null':
        h = mix(h, 1);
        break;
      case 'int':
        h = mixNumber(mix(h, 2), Number(value.value));
        break;
      case 'float':
        h = mixNumber(mix(h, 3), value.value);
        break;
      case 'decimal':
        h = mixText(mix(h, 4), value.value);
        break;
      case 'bool':
        h = mix(h, value.value ? 5 : 6);
        break;
      case 'string':
        h = mixText(mix(h, 7), value.value);
        break;
      case 'date':
        h = mixText(mix(h, 8), value.value);
        break;
      case 'timestamp':
        h = mixNumber(mix(h, 9), Number(value.micros));
        break;
      case 'other':
        h = mixText(mix(h, 10), value.canonical);
        break;
    }
  }
  // Final avalanche (murmur3's), so the low bits that pick a table slot depend on every input bit.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** pyspark's rule, b being the expected value: |a - b| <= atol + rtol * |b|; NaN equals NaN; infinities only themselves. */
export function floatsClose(actual: number, expected: number, context: Context): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Number.isNaN(expected) && Number.isNaN(actual);
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return actual === expected;
  return Math.abs(actual - expected) <= context.atol + context.rtol * Math.abs(expected);
}

export function valuesEqual(expected: Value, actual: Value, context: Context): boolean {
  if (expected.kind === 'float' && actual.kind === 'float') return floatsClose(actual.value, expected.value, context);
  return sameValue(expected, actual);
}

export function rowsEqual(expected: Row, actual: Row, context: Context): boolean {
  return expected.every((value, c) => valuesEqual(value, actual[c]!, context));
}

/** Total order on float cells: null < -Infinity < finite < Infinity < NaN, with -0 equal to 0. */
export function compareFloat(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareFloats(a: Floats, b: Floats): number {
  for (let i = 0; i < a.length; i++) {
    const order = compareFloat(a[i]!, b[i]!);
    if (order !== 0) return order;
  }
  return 0;
}

export function floatsVectorClose(actual: Floats, expected: Floats, context: Context): boolean {
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const a = actual[i]!;
    if (e === null || a === null) {
      if (e !== a) return false;
    } else if (!floatsClose(a, e, context)) return false;
  }
  return true;
}

const KIND_ORDER: Value['kind'][] = ['null', 'bool', 'int', 'float', 'decimal', 'date', 'timestamp', 'string', 'other'];

/** Natural order of values, for listing rows by key. */
function compareValues(a: Value, b: Value): number {
  if (a.kind !== b.kind) return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  switch (a.kind) {
    case 'null':
      return 0;
    case 'int': {
      const v = (b as typeof a).value;
      return a.value < v ? -1 : a.value > v ? 1 : 0;
    }
    case 'float':
      return compareFloat(a.value, (b as typeof a).value);
    case 'timestamp': {
      const v = (b as typeof a).micros;
      return a.micros < v ? -1 : a.micros > v ? 1 : 0;
    }
    case 'decimal': {
      const v = (b as typeof a).value;
      return Number(a.value) - Number(v) || compareText(a.value, v);
    }
    case 'bool':
      return Number(a.value) - Number((b as typeof a).value);
    case 'string':
    case 'date':
      return compareText(a.value, (b as typeof a).value);
    case 'other':
      return compareText(a.canonical, (b as typeof a).canonical);
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareRowsOn(a: Row, b: Row, cols: number[]): number {
  for (const c of cols) {
    const order = compareValues(a[c]!, b[c]!);
    if (order !== 0) return order;
  }
  return 0;
}
