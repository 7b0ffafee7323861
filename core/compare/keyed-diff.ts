// The keyed diff: unmatched rows paired by key into changed rows (only the differing columns),
// the rest missing or unexpected, and the diff object and message listing the first few by key.
import type { RowDiff } from '../grade-result.js';
import { formatValue, type Value } from '../table.js';
import { groupRows, type Unmatched } from './multisets.js';
import type { Context, Row } from './types.js';
import { compareRowsOn, sameValue, valuesEqual } from './values.js';

/** A displayed value longer than this is cut: messages must stay readable whatever a solution returns. */
const MAX_DISPLAY_CHARS = 200;
/** Rows of one key on both sides beyond this product are paired in order, not by fewest differences. */
const PAIRING_BUDGET = 1024;

interface Changed {
  expected: number;
  actual: number;
  /** Differing (non-key) columns. */
  columns: number[];
}

export interface KeyedDiff {
  changed: Changed[];
  missing: number[];
  unexpected: number[];
}

/**
 * Pairs unmatched rows by key: the same key on both sides is one changed row, listing only the
 * differing columns. Pairs that turn out equal (a match the float heuristics missed) are dropped.
 */
export function pairByKey(unmatched: Unmatched, expected: Row[], actual: Row[], context: Context): KeyedDiff {
  if (context.keyCols.length === 0) return { changed: [], missing: unmatched.expected, unexpected: unmatched.actual };
  const groups = groupRows(expected, unmatched.expected, actual, unmatched.actual, context.keyCols);
  const { start: eStart, items: eItems } = groups.expected;
  const { start: aStart, items: aItems } = groups.actual;
  const diff: KeyedDiff = { changed: [], missing: [], unexpected: [] };
  const differing = (i: number, j: number) => context.nonKeyCols.filter((c) => !valuesEqual(expected[i]![c]!, actual[j]![c]!, context));
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
export function smallest<T>(items: T[], k: number, compare: (x: T, y: T) => number): T[] {
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

export function displayRow(row: Row, cols: number[], context: Context): Record<string, string> {
  return Object.fromEntries(cols.map((c) => [context.names[c]!, display(row[c]!)]));
}

export function cellsText(row: Row, cols: number[], context: Context): string {
  return cols.map((c) => `${context.names[c]}=${display(row[c]!)}`).join(', ');
}

export function plural(n: number, word: string): string {
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
export function describeDiff(keyed: KeyedDiff, expected: Row[], actual: Row[], context: Context): { message: string; diff: RowDiff } {
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
        `${cellsText(expected[c.expected]!, keyCols, context)}: expected ${cellsText(expected[c.expected]!, c.columns, context)}; ` +
        `got ${cellsText(actual[c.actual]!, c.columns, context)}`,
    })),
    ...missing.map((i): Entry => ({ kind: 'missing', row: expected[i]!, line: whole('missing', expected[i]!) })),
    ...unexpected.map((j): Entry => ({ kind: 'unexpected', row: actual[j]!, line: whole('unexpected', actual[j]!) })),
  ];
  const kinds: Kind[] = ['changed', 'missing', 'unexpected'];
  entries.sort((x, y) => compareRowsOn(x.row, y.row, context.keyCols) || kinds.indexOf(x.kind) - kinds.indexOf(y.kind));

  const { counts } = diff;
  const notMatched = counts.changed + counts.missing;
  const parts = kinds
    .filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} ${k}`)
    .join(', ');
  const lines: string[] = [];
  if (counts.expectedRows === 0) lines.push(`expected no rows, got ${plural(counts.actualRows, 'row')}.`);
  else if (notMatched > 0) lines.push(`${notMatched} of ${plural(counts.expectedRows, 'expected row')} not matched (${parts}).`);
  else
    lines.push(
      `all ${plural(counts.expectedRows, 'expected row')} matched, but the output has ${plural(counts.unexpected, 'unexpected row')}.`,
    );
  if (counts.actualRows === 0 && counts.expectedRows > 0) lines.push('the output has no rows.');
  lines.push(...groupLines(entries, context));
  for (const [kind, listed] of [
    ['changed', changed.length],
    ['missing', missing.length],
    ['unexpected', unexpected.length],
  ] as const) {
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
