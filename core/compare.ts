// Output comparison, run in the worker (never in the sandbox): matches a solution's result table
// against the expected rows (columns by name, integral types interchangeable, floats within a
// tolerance, rows as a multiset unless ordered) and explains a mismatch as a keyed, minimal diff.
import { typeFamily } from './column-type.js';
import type { RowDiff } from './grade-result.js';
import { CellDecodeError, decodeCell, formatValue, type JsonValue, type Table, type Value } from './table.js';

export interface CompareOptions {
  /** Compare position by position instead of as a multiset. */
  ordered: boolean;
  /** Columns identifying a row (from the challenge's output.key), used to pair rows in the diff. */
  key: string[];
  /** Relative float tolerance, scaled by the expected value (pyspark's assertDataFrameEqual default: 1e-5). */
  rtol?: number;
  /** Absolute float tolerance (pyspark's assertDataFrameEqual default: 1e-8). */
  atol?: number;
  /** How many rows of each kind (missing/unexpected/changed) to list in diff and message. Default 10. */
  maxListed?: number;
}

export interface CompareResult {
  /** True only when the output is accepted as the expected rows. */
  equal: boolean;
  /** One readable paragraph for the candidate: the keyed diff, the column problems, or the match. */
  message: string;
  diff: RowDiff;
}

const DEFAULT_RTOL = 1e-5;
const DEFAULT_ATOL = 1e-8;
const DEFAULT_MAX_LISTED = 10;
/** A displayed value longer than this is cut: messages must stay readable whatever a solution returns. */
const MAX_DISPLAY_CHARS = 200;
/** Float groups up to this size get an exact maximum matching when sorted pairing leaves rows over. */
const SMALL_GROUP = 32;
/** Closeness checks the greedy fallback may spend per comparison before giving up on a group. */
const GREEDY_BUDGET = 5_000_000;
/** Rows of one key on both sides beyond this product are paired in order, not by fewest differences. */
const PAIRING_BUDGET = 1024;

type Row = Value[];
/** A row's float cells (null for a null cell), in the order of the table's float columns. */
type Floats = (number | null)[];

interface Context {
  names: string[];
  /** Indices of the columns compared exactly (everything but floats). */
  exactCols: number[];
  /** Indices of the float columns (compared with tolerance). */
  floatCols: number[];
  keyCols: number[];
  nonKeyCols: number[];
  rtol: number;
  atol: number;
  maxListed: number;
}

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
  return options.ordered
    ? compareOrdered(expectedRows, decoded.rows, context)
    : compareUnordered(expectedRows, decoded.rows, context);
}

// ---------------------------------------------------------------------------------------------
// Columns

interface ColumnMatch {
  problems: string[];
  /** For each expected column, its index in the actual table. */
  actualIndex: number[];
}

function matchColumns(expected: Table, actual: Table): ColumnMatch {
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
      problems.push(lookalike === undefined
        ? `missing column \`${column.name}\``
        : `missing column \`${column.name}\` (the output has \`${lookalike}\`; names are case-sensitive)`);
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

function columnFailure(problems: string[], expected: Table, actual: Table, counts: RowDiff['counts']): CompareResult {
  const describe = (table: Table) => table.columns.map((c) => `${c.name} ${c.type}`).join(', ') || '(none)';
  const message = [
    "the output's columns are wrong, so its rows were not compared:",
    ...problems,
    `expected columns: ${describe(expected)}`,
    `output columns: ${describe(actual)}`,
  ].join('\n');
  return { equal: false, message, diff: { columnProblems: problems, missing: [], unexpected: [], changed: [], counts } };
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** The expected rows come from the challenge: one that does not decode is a grader fault, so it throws. */
function decodeExpected(table: Table): Row[] {
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
function decodeActual(table: Table, actualIndex: number[]): { rows: Row[]; problems: string[] } {
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

// ---------------------------------------------------------------------------------------------
// Values

/** Exact equality of two cells of one column family; -0 equals 0 and NaN equals NaN (hash and groups agree). */
function sameValue(a: Value, b: Value): boolean {
  switch (a.kind) {
    case 'null': return b.kind === 'null';
    case 'int': return b.kind === 'int' && a.value === b.value;
    case 'float': return b.kind === 'float' && (a.value === b.value || (Number.isNaN(a.value) && Number.isNaN(b.value)));
    case 'decimal': case 'string': case 'date': return b.kind === a.kind && a.value === b.value;
    case 'bool': return b.kind === 'bool' && a.value === b.value;
    case 'timestamp': return b.kind === 'timestamp' && a.micros === b.micros;
    case 'other': return b.kind === 'other' && a.canonical === b.canonical;
  }
}

function sameOn(a: Row, b: Row, cols: number[]): boolean {
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
function hashOn(row: Row, cols: number[]): number {
  let h = 0x811c9dc5;
  for (const c of cols) {
    const value = row[c]!;
    switch (value.kind) {
      case 'null': h = mix(h, 1); break;
      case 'int': h = mixNumber(mix(h, 2), Number(value.value)); break;
      case 'float': h = mixNumber(mix(h, 3), value.value); break;
      case 'decimal': h = mixText(mix(h, 4), value.value); break;
      case 'bool': h = mix(h, value.value ? 5 : 6); break;
      case 'string': h = mixText(mix(h, 7), value.value); break;
      case 'date': h = mixText(mix(h, 8), value.value); break;
      case 'timestamp': h = mixNumber(mix(h, 9), Number(value.micros)); break;
      case 'other': h = mixText(mix(h, 10), value.canonical); break;
    }
  }
  // Final avalanche (murmur3's), so the low bits that pick a table slot depend on every input bit.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** pyspark's rule, b being the expected value: |a - b| <= atol + rtol * |b|; NaN equals NaN; infinities only themselves. */
function floatsClose(actual: number, expected: number, context: Context): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Number.isNaN(expected) && Number.isNaN(actual);
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return actual === expected;
  return Math.abs(actual - expected) <= context.atol + context.rtol * Math.abs(expected);
}

function valuesEqual(expected: Value, actual: Value, context: Context): boolean {
  if (expected.kind === 'float' && actual.kind === 'float') return floatsClose(actual.value, expected.value, context);
  return sameValue(expected, actual);
}

function rowsEqual(expected: Row, actual: Row, context: Context): boolean {
  return expected.every((value, c) => valuesEqual(value, actual[c]!, context));
}

/** Total order on float cells: null < -Infinity < finite < Infinity < NaN, with -0 equal to 0. */
function compareFloat(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareFloats(a: Floats, b: Floats): number {
  for (let i = 0; i < a.length; i++) {
    const order = compareFloat(a[i]!, b[i]!);
    if (order !== 0) return order;
  }
  return 0;
}

function floatsVectorClose(actual: Floats, expected: Floats, context: Context): boolean {
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
    case 'null': return 0;
    case 'int': { const v = (b as typeof a).value; return a.value < v ? -1 : a.value > v ? 1 : 0; }
    case 'float': return compareFloat(a.value, (b as typeof a).value);
    case 'timestamp': { const v = (b as typeof a).micros; return a.micros < v ? -1 : a.micros > v ? 1 : 0; }
    case 'decimal': {
      const v = (b as typeof a).value;
      return Number(a.value) - Number(v) || compareText(a.value, v);
    }
    case 'bool': return Number(a.value) - Number((b as typeof a).value);
    case 'string': case 'date': return compareText(a.value, (b as typeof a).value);
    case 'other': return compareText(a.canonical, (b as typeof a).canonical);
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRowsOn(a: Row, b: Row, cols: number[]): number {
  for (const c of cols) {
    const order = compareValues(a[c]!, b[c]!);
    if (order !== 0) return order;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Matching rows as multisets

interface Unmatched {
  expected: number[];
  actual: number[];
}

/** Rows grouped by equal cells in some columns: the ids of each group's rows on each side, in input order. */
interface Groups {
  count: number;
  /** Expected row ids of group g: expected.items[expected.start[g] .. expected.start[g + 1]). */
  expected: { start: Int32Array; items: Int32Array };
  actual: { start: Int32Array; items: Int32Array };
}

/**
 * One probe of an open-addressing hash table per row (equal hashes told apart by exact comparison),
 * then a counting sort by group into flat typed arrays: no per-group allocations, since a 200k-row
 * output usually has 200k groups of one row a side.
 */
function groupRows(expected: Row[], expectedIds: ArrayLike<number>, actual: Row[], actualIds: ArrayLike<number>, cols: number[]): Groups {
  let capacity = 16;
  while (capacity < 2 * (expectedIds.length + actualIds.length)) capacity *= 2;
  const mask = capacity - 1;
  const slotGroup = new Int32Array(capacity).fill(-1);
  const slotHash = new Int32Array(capacity);
  /** A row of each group, compared with rows of the same hash. */
  const representative: Row[] = [];
  const assign = (rows: Row[], rowIds: ArrayLike<number>) => {
    const groupOf = new Int32Array(rowIds.length);
    for (let k = 0; k < rowIds.length; k++) {
      const row = rows[rowIds[k]!]!;
      const hash = hashOn(row, cols);
      let slot = hash & mask;
      let g = slotGroup[slot]!;
      while (g !== -1 && !(slotHash[slot] === hash && sameOn(representative[g]!, row, cols))) {
        slot = (slot + 1) & mask;
        g = slotGroup[slot]!;
      }
      if (g === -1) {
        g = representative.length;
        representative.push(row);
        slotGroup[slot] = g;
        slotHash[slot] = hash;
      }
      groupOf[k] = g;
    }
    return groupOf;
  };
  const expectedGroups = assign(expected, expectedIds);
  const actualGroups = assign(actual, actualIds);
  const count = representative.length;
  const bucket = (groupOf: Int32Array, rowIds: ArrayLike<number>) => {
    const start = new Int32Array(count + 1);
    for (const g of groupOf) start[g + 1]!++;
    for (let g = 0; g < count; g++) start[g + 1]! += start[g]!;
    const fill = start.slice(0, count);
    const items = new Int32Array(groupOf.length);
    for (let k = 0; k < groupOf.length; k++) items[fill[groupOf[k]!]!++] = rowIds[k]!;
    return { start, items };
  };
  return { count, expected: bucket(expectedGroups, expectedIds), actual: bucket(actualGroups, actualIds) };
}

function identity(n: number): Int32Array {
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i;
  return ids;
}

/**
 * Rows are grouped by their exact (non-float) cells in a hash map: without float columns a group's
 * rows are identical, so matching is counting, O(n). Within a group, float rows are sorted and
 * paired in one merge pass; rows it leaves over get an exact maximum matching when the group is
 * small, else a greedy sweep over the rows within tolerance of the most selective float column.
 */
function matchMultisets(expected: Row[], actual: Row[], context: Context): Unmatched {
  const groups = groupRows(expected, identity(expected.length), actual, identity(actual.length), context.exactCols);
  const { start: eStart, items: eItems } = groups.expected;
  const { start: aStart, items: aItems } = groups.actual;
  const unmatched: Unmatched = { expected: [], actual: [] };
  const budget = { left: GREEDY_BUDGET };
  const hasFloats = context.floatCols.length > 0;
  for (let g = 0; g < groups.count; g++) {
    const e0 = eStart[g]!;
    const e1 = eStart[g + 1]!;
    const a0 = aStart[g]!;
    const a1 = aStart[g + 1]!;
    if (!hasFloats || e0 === e1 || a0 === a1) {
      const paired = Math.min(e1 - e0, a1 - a0);
      for (let k = e0 + paired; k < e1; k++) unmatched.expected.push(eItems[k]!);
      for (let k = a0 + paired; k < a1; k++) unmatched.actual.push(aItems[k]!);
    } else if (e1 - e0 === 1 && a1 - a0 === 1) {
      if (!floatCellsClose(expected[eItems[e0]!]!, actual[aItems[a0]!]!, context)) {
        unmatched.expected.push(eItems[e0]!);
        unmatched.actual.push(aItems[a0]!);
      }
    } else {
      matchFloatGroup([...eItems.subarray(e0, e1)], [...aItems.subarray(a0, a1)], expected, actual, context, unmatched, budget);
    }
  }
  return unmatched;
}

function floatCellsClose(expected: Row, actual: Row, context: Context): boolean {
  for (const c of context.floatCols) if (!valuesEqual(expected[c]!, actual[c]!, context)) return false;
  return true;
}

function floatsOf(row: Row, context: Context): Floats {
  return context.floatCols.map((c) => {
    const value = row[c]!;
    return value.kind === 'float' ? value.value : null;
  });
}

function matchFloatGroup(
  expectedIds: number[], actualIds: number[], expected: Row[], actual: Row[], context: Context,
  unmatched: Unmatched, budget: { left: number },
): void {
  const leave = (e: Iterable<number>, a: Iterable<number>) => {
    for (const i of e) unmatched.expected.push(expectedIds[i]!);
    for (const j of a) unmatched.actual.push(actualIds[j]!);
  };
  const all = (n: number) => Array.from({ length: n }, (_, i) => i);
  if (expectedIds.length === 0 || actualIds.length === 0) return leave(all(expectedIds.length), all(actualIds.length));
  const e = expectedIds.map((i) => floatsOf(expected[i]!, context));
  const a = actualIds.map((j) => floatsOf(actual[j]!, context));
  if (e.length === 1 && a.length === 1) {
    if (!floatsVectorClose(a[0]!, e[0]!, context)) leave([0], [0]);
    return;
  }

  // Sorted merge: pairs every row of a correct output unless values within tolerance reorder rows.
  const eOrder = all(e.length).sort((x, y) => compareFloats(e[x]!, e[y]!));
  const aOrder = all(a.length).sort((x, y) => compareFloats(a[x]!, a[y]!));
  const eLeft: number[] = [];
  const aLeft: number[] = [];
  let p = 0;
  let q = 0;
  while (p < eOrder.length && q < aOrder.length) {
    const x = eOrder[p]!;
    const y = aOrder[q]!;
    if (floatsVectorClose(a[y]!, e[x]!, context)) { p++; q++; }
    else if (compareFloats(e[x]!, a[y]!) < 0) { eLeft.push(x); p++; }
    else { aLeft.push(y); q++; }
  }
  for (; p < eOrder.length; p++) eLeft.push(eOrder[p]!);
  for (; q < aOrder.length; q++) aLeft.push(aOrder[q]!);
  if (eLeft.length === 0 || aLeft.length === 0) return leave(eLeft, aLeft);

  if (e.length <= SMALL_GROUP && a.length <= SMALL_GROUP) {
    // The merge may have paired rows a better matching needs elsewhere: redo the group exactly.
    const left = maximumMatching(all(e.length), all(a.length), e, a, context);
    return leave(left.expected, left.actual);
  }
  if (eLeft.length <= SMALL_GROUP && aLeft.length <= SMALL_GROUP) {
    const left = maximumMatching(eLeft, aLeft, e, a, context);
    return leave(left.expected, left.actual);
  }
  const left = greedySweep(eLeft, aLeft, e, a, context, budget);
  leave(left.expected, left.actual);
}

/** Kuhn's augmenting paths over rows within tolerance; only for small sets (quadratic edges). */
function maximumMatching(eIds: number[], aIds: number[], e: Floats[], a: Floats[], context: Context): Unmatched {
  const edges = eIds.map((x) => aIds.flatMap((y, k) => (floatsVectorClose(a[y]!, e[x]!, context) ? [k] : [])));
  const owner = new Array<number>(aIds.length).fill(-1);
  const augment = (i: number, seen: boolean[]): boolean => {
    for (const k of edges[i]!) {
      if (seen[k]) continue;
      seen[k] = true;
      if (owner[k] === -1 || augment(owner[k]!, seen)) {
        owner[k] = i;
        return true;
      }
    }
    return false;
  };
  const expectedLeft = eIds.filter((_, i) => !augment(i, new Array<boolean>(aIds.length).fill(false)));
  return { expected: expectedLeft, actual: aIds.filter((_, k) => owner[k] === -1) };
}

/**
 * For each left-over expected row, the first unused actual row within tolerance, found by binary
 * search on the float column with the most distinct values (used rows are skipped by pointer
 * jumping). Greedy, so a contrived group could keep a match unfound; bounded by a work budget.
 */
function greedySweep(eIds: number[], aIds: number[], e: Floats[], a: Floats[], context: Context, budget: { left: number }): Unmatched {
  let sweep = 0;
  let most = -1;
  for (let f = 0; f < context.floatCols.length; f++) {
    const distinct = new Set(eIds.map((x) => e[x]![f])).size;
    if (distinct > most) { most = distinct; sweep = f; }
  }
  const sorted = [...aIds].sort((x, y) => compareFloat(a[x]![sweep]!, a[y]![sweep]!));
  const values = sorted.map((y) => a[y]![sweep]!);
  // next[k]: the first unused position at or after k (path-compressed).
  const next = Array.from({ length: sorted.length + 1 }, (_, k) => k);
  const find = (k: number): number => {
    let root = k;
    while (next[root] !== root) root = next[root]!;
    while (next[k] !== root) { const up = next[k]!; next[k] = root; k = up; }
    return root;
  };
  const expectedLeft: number[] = [];
  for (const x of eIds) {
    const b = e[x]![sweep]!;
    const tolerance = b === null || !Number.isFinite(b) ? 0 : context.atol + context.rtol * Math.abs(b);
    const low = b === null || !Number.isFinite(b) ? b : b - tolerance;
    const high = b === null || !Number.isFinite(b) ? b : b + tolerance;
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareFloat(values[mid]!, low) < 0) lo = mid + 1;
      else hi = mid;
    }
    let found = false;
    for (let k = find(lo); k < sorted.length && compareFloat(values[k]!, high) <= 0 && budget.left > 0; k = find(k + 1)) {
      budget.left--;
      if (floatsVectorClose(a[sorted[k]!]!, e[x]!, context)) {
        next[k] = k + 1;
        found = true;
        break;
      }
    }
    if (!found) expectedLeft.push(x);
  }
  const actualLeft: number[] = [];
  for (let k = find(0); k < sorted.length; k = find(k + 1)) actualLeft.push(sorted[k]!);
  return { expected: expectedLeft, actual: actualLeft };
}

// ---------------------------------------------------------------------------------------------
// The keyed diff

interface Changed {
  expected: number;
  actual: number;
  /** Differing (non-key) columns. */
  columns: number[];
}

interface KeyedDiff {
  changed: Changed[];
  missing: number[];
  unexpected: number[];
}

/**
 * Pairs unmatched rows by key: the same key on both sides is one changed row, listing only the
 * differing columns. Pairs that turn out equal (a match the float heuristics missed) are dropped.
 */
function pairByKey(unmatched: Unmatched, expected: Row[], actual: Row[], context: Context): KeyedDiff {
  if (context.keyCols.length === 0) return { changed: [], missing: unmatched.expected, unexpected: unmatched.actual };
  const groups = groupRows(expected, unmatched.expected, actual, unmatched.actual, context.keyCols);
  const { start: eStart, items: eItems } = groups.expected;
  const { start: aStart, items: aItems } = groups.actual;
  const diff: KeyedDiff = { changed: [], missing: [], unexpected: [] };
  const differing = (i: number, j: number) =>
    context.nonKeyCols.filter((c) => !valuesEqual(expected[i]![c]!, actual[j]![c]!, context));
  for (let g = 0; g < groups.count; g++) {
    const e0 = eStart[g]!;
    const e1 = eStart[g + 1]!;
    const a0 = aStart[g]!;
    const a1 = aStart[g + 1]!;
    if (e0 === e1 || a0 === a1) {
      for (let k = e0; k < e1; k++) diff.missing.push(eItems[k]!);
      for (let k = a0; k < a1; k++) diff.unexpected.push(aItems[k]!);
      continue;
    }
    const groupExpected = [...eItems.subarray(e0, e1)];
    const groupActual = [...aItems.subarray(a0, a1)];
    let candidates: Changed[];
    if (groupExpected.length * groupActual.length <= PAIRING_BUDGET) {
      candidates = groupExpected
        .flatMap((i) => groupActual.map((j) => ({ expected: i, actual: j, columns: differing(i, j) })))
        .sort((x, y) => x.columns.length - y.columns.length);
    } else {
      const n = Math.min(groupExpected.length, groupActual.length);
      candidates = Array.from({ length: n }, (_, k) => {
        const i = groupExpected[k]!;
        const j = groupActual[k]!;
        return { expected: i, actual: j, columns: differing(i, j) };
      });
    }
    const usedExpected = new Set<number>();
    const usedActual = new Set<number>();
    for (const pair of candidates) {
      if (usedExpected.has(pair.expected) || usedActual.has(pair.actual)) continue;
      usedExpected.add(pair.expected);
      usedActual.add(pair.actual);
      if (pair.columns.length > 0) diff.changed.push(pair);
    }
    for (const i of groupExpected) if (!usedExpected.has(i)) diff.missing.push(i);
    for (const j of groupActual) if (!usedActual.has(j)) diff.unexpected.push(j);
  }
  return diff;
}

/** The first k ids in `compare` order, in that order: O(n log k), where a full sort of 200k rows is not needed. */
function smallest<T>(items: T[], k: number, compare: (x: T, y: T) => number): T[] {
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === k && (k === 0 || compare(item, kept[k - 1]!) >= 0)) continue;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(item, kept[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    kept.splice(lo, 0, item);
    if (kept.length > k) kept.pop();
  }
  return kept;
}

function display(value: Value): string {
  const text = formatValue(value);
  return text.length <= MAX_DISPLAY_CHARS ? text : `${text.slice(0, MAX_DISPLAY_CHARS)}... (${text.length} characters)`;
}

function displayRow(row: Row, cols: number[], context: Context): Record<string, string> {
  return Object.fromEntries(cols.map((c) => [context.names[c]!, display(row[c]!)]));
}

function cellsText(row: Row, cols: number[], context: Context): string {
  return cols.map((c) => `${context.names[c]}=${display(row[c]!)}`).join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

type Kind = 'changed' | 'missing' | 'unexpected';

interface Entry {
  kind: Kind;
  /** The row whose key orders and labels the entry. */
  row: Row;
  /** The line, given the key columns to show. */
  line: (keyCols: number[]) => string;
}

/** The diff object and its message, listing at most maxListed rows of each kind, in key order. */
function describeDiff(keyed: KeyedDiff, expected: Row[], actual: Row[], context: Context): { message: string; diff: RowDiff } {
  const order = [...context.keyCols, ...context.nonKeyCols];
  const byRow = (rows: Row[]) => (x: number, y: number) => compareRowsOn(rows[x]!, rows[y]!, order);
  const byExpected = byRow(expected);
  const changed = smallest(keyed.changed, context.maxListed, (x, y) => byExpected(x.expected, y.expected));
  const missing = smallest(keyed.missing, context.maxListed, byExpected);
  const unexpected = smallest(keyed.unexpected, context.maxListed, byRow(actual));

  const diff: RowDiff = {
    columnProblems: [],
    changed: changed.map((c) => ({
      key: displayRow(expected[c.expected]!, context.keyCols, context),
      expected: displayRow(expected[c.expected]!, c.columns, context),
      actual: displayRow(actual[c.actual]!, c.columns, context),
      columns: c.columns.map((i) => context.names[i]!),
    })),
    missing: missing.map((i) => displayRow(expected[i]!, order, context)),
    unexpected: unexpected.map((j) => displayRow(actual[j]!, order, context)),
    counts: {
      expectedRows: expected.length,
      actualRows: actual.length,
      missing: keyed.missing.length,
      unexpected: keyed.unexpected.length,
      changed: keyed.changed.length,
    },
  };

  const whole = (label: string, row: Row) => (keyCols: number[]) => {
    const key = cellsText(row, keyCols, context);
    const rest = cellsText(row, context.nonKeyCols, context);
    if (key === '') return `${label}: ${rest}`;
    return rest === '' ? `${label}: ${key}` : `${label}: ${key} (${rest})`;
  };
  const entries: Entry[] = [
    ...changed.map((c): Entry => ({
      kind: 'changed',
      row: expected[c.expected]!,
      line: (keyCols) =>
        `${cellsText(expected[c.expected]!, keyCols, context)}: expected ${cellsText(expected[c.expected]!, c.columns, context)}; `
        + `got ${cellsText(actual[c.actual]!, c.columns, context)}`,
    })),
    ...missing.map((i): Entry => ({ kind: 'missing', row: expected[i]!, line: whole('missing', expected[i]!) })),
    ...unexpected.map((j): Entry => ({ kind: 'unexpected', row: actual[j]!, line: whole('unexpected', actual[j]!) })),
  ];
  const kinds: Kind[] = ['changed', 'missing', 'unexpected'];
  entries.sort((x, y) => compareRowsOn(x.row, y.row, context.keyCols) || kinds.indexOf(x.kind) - kinds.indexOf(y.kind));

  const { counts } = diff;
  const notMatched = counts.changed + counts.missing;
  const parts = kinds.filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}`).join(', ');
  const lines: string[] = [];
  if (counts.expectedRows === 0) lines.push(`expected no rows, got ${plural(counts.actualRows, 'row')}.`);
  else if (notMatched > 0) lines.push(`${notMatched} of ${plural(counts.expectedRows, 'expected row')} not matched (${parts}).`);
  else lines.push(`all ${plural(counts.expectedRows, 'expected row')} matched, but the output has ${plural(counts.unexpected, 'unexpected row')}.`);
  if (counts.actualRows === 0 && counts.expectedRows > 0) lines.push('the output has no rows.');
  lines.push(...groupLines(entries, context));
  for (const [kind, listed] of [['changed', changed.length], ['missing', missing.length], ['unexpected', unexpected.length]] as const) {
    const more = counts[kind] - listed;
    if (more > 0) lines.push(`... and ${more} more ${kind} ${more === 1 ? 'row' : 'rows'}`);
  }
  return { message: lines.join('\n'), diff };
}

/** One line per entry; three or more consecutive entries sharing the first key column's value go under a heading. */
function groupLines(entries: Entry[], context: Context): string[] {
  const [first, ...restKey] = context.keyCols;
  if (first === undefined || restKey.length === 0) return entries.map((entry) => entry.line(context.keyCols));
  const lines: string[] = [];
  for (let start = 0; start < entries.length;) {
    const head = entries[start]!.row[first]!;
    let end = start + 1;
    while (end < entries.length && sameValue(entries[end]!.row[first]!, head)) end++;
    const run = entries.slice(start, end);
    if (run.length >= 3) {
      lines.push(`${cellsText(run[0]!.row, [first], context)}:`);
      for (const entry of run) lines.push(`  ${entry.line(restKey)}`);
    } else {
      for (const entry of run) lines.push(entry.line(context.keyCols));
    }
    start = end;
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Orders

function matches(count: number): CompareResult {
  return {
    equal: true,
    message: `output matches (${plural(count, 'row')})`,
    diff: {
      columnProblems: [], missing: [], unexpected: [], changed: [],
      counts: { expectedRows: count, actualRows: count, missing: 0, unexpected: 0, changed: 0 },
    },
  };
}

function compareUnordered(expected: Row[], actual: Row[], context: Context): CompareResult {
  const keyed = pairByKey(matchMultisets(expected, actual, context), expected, actual, context);
  if (keyed.changed.length + keyed.missing.length + keyed.unexpected.length === 0) return matches(expected.length);
  return { equal: false, ...describeDiff(keyed, expected, actual, context) };
}

function compareOrdered(expected: Row[], actual: Row[], context: Context): CompareResult {
  const common = Math.min(expected.length, actual.length);
  let first = 0;
  while (first < common && rowsEqual(expected[first]!, actual[first]!, context)) first++;
  if (first === common && expected.length === actual.length) return matches(expected.length);

  const position = `row ${first + 1}`;
  const unordered = compareUnordered(expected, actual, context);
  if (unordered.equal) {
    const all = [...context.keyCols, ...context.nonKeyCols];
    return {
      equal: false,
      message: `rows match but not in the required order: first difference at ${position}\n`
        + `${position}: expected ${cellsText(expected[first]!, all, context)}; got ${cellsText(actual[first]!, all, context)}`,
      diff: unordered.diff,
    };
  }
  return { ...unordered, message: `rows must be in the required order; first difference at ${position}.\n${unordered.message}` };
}
