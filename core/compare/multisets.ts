// Matching rows as multisets: rows grouped by their exact cells in a hash table, float rows paired
// within tolerance inside each group; what is left over is unmatched on either side.
import type { Context, Floats, Row } from './types.js';
import { compareFloat, compareFloats, floatsVectorClose, hashOn, sameOn, valuesEqual } from './values.js';

/** Float groups up to this size get an exact maximum matching when sorted pairing leaves rows over. */
const SMALL_GROUP = 32;
/** Closeness checks the greedy fallback may spend per comparison before giving up on a group. */
const GREEDY_BUDGET = 5_000_000;

export interface Unmatched {
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
export function groupRows(
  expected: Row[],
  expectedIds: ArrayLike<number>,
  actual: Row[],
  actualIds: ArrayLike<number>,
  cols: number[],
): Groups {
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
export function matchMultisets(expected: Row[], actual: Row[], context: Context): Unmatched {
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
  expectedIds: number[],
  actualIds: number[],
  expected: Row[],
  actual: Row[],
  context: Context,
  unmatched: Unmatched,
  budget: { left: number },
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
    if (floatsVectorClose(a[y]!, e[x]!, context)) {
      p++;
      q++;
    } else if (compareFloats(e[x]!, a[y]!) < 0) {
      eLeft.push(x);
      p++;
    } else {
      aLeft.push(y);
      q++;
    }
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
    if (distinct > most) {
      most = distinct;
      sweep = f;
    }
  }
  const sorted = [...aIds].sort((x, y) => compareFloat(a[x]![sweep]!, a[y]![sweep]!));
  const values = sorted.map((y) => a[y]![sweep]!);
  // next[k]: the first unused position at or after k (path-compressed).
  const next = Array.from({ length: sorted.length + 1 }, (_, k) => k);
  const find = (k: number): number => {
    let root = k;
    while (next[root] !== root) root = next[root]!;
    while (next[k] !== root) {
      const up = next[k]!;
      next[k] = root;
      k = up;
    }
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
