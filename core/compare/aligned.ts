// The expected rows and the solution's output as two aligned tables: each expected row beside the
// output row it was paired with (an equal row, the row with the same key, or the row at the same
// position when the order is part of the answer), unpaired rows beside nothing, in the expected
// rows' key order; at most a set number of pairs, with the count of all of them. A matching
// output row is shown as its expected row (equal within the float tolerance).
import type { AlignedRows } from '../grade-result.js';
import { displayRow, smallest, type KeyedDiff } from './keyed-diff.js';
import type { Context, Row } from './types.js';
import { compareRowsOn, valuesEqual } from './values.js';

/** Most pairs an aligned table lists. */
export const MAX_ALIGNED_ROWS = 50;

interface Pair {
  expected: number | null;
  actual: number | null;
  /** Differing column indices; every column for an unpaired row. */
  differs: number[];
}

function aligned(pairs: Pair[], expected: Row[], actual: Row[], context: Context, sort: boolean): AlignedRows {
  const all = context.names.map((_, i) => i);
  const order = [...context.keyCols, ...context.nonKeyCols];
  const rowOf = (p: Pair): Row => (p.expected !== null ? expected[p.expected]! : actual[p.actual!]!);
  // The first pairs in key order without sorting all of them (a scale case has 10^5 rows).
  const shown = sort
    ? smallest(
        pairs,
        MAX_ALIGNED_ROWS,
        (x, y) => compareRowsOn(rowOf(x), rowOf(y), order) || (x.expected === null ? 1 : 0) - (y.expected === null ? 1 : 0),
      )
    : pairs.slice(0, MAX_ALIGNED_ROWS);
  return {
    columns: context.names,
    rows: shown.map((p) => ({
      expected: p.expected === null ? null : displayRow(expected[p.expected]!, all, context),
      actual:
        p.actual === null
          ? null
          : displayRow(p.differs.length === 0 && p.expected !== null ? expected[p.expected]! : actual[p.actual]!, all, context),
      differs: p.differs.map((c) => context.names[c]!),
    })),
    total: pairs.length,
  };
}

/** Unordered: the rows the multiset match paired as equal, then the keyed diff's changed, missing and unexpected rows. */
export function alignUnordered(expected: Row[], actual: Row[], keyed: KeyedDiff, context: Context): AlignedRows {
  const all = context.names.map((_, i) => i);
  const unmatched = new Set([...keyed.missing, ...keyed.changed.map((c) => c.expected)]);
  // A matching pair shows its expected row on both sides (which equal output row matched it is not kept).
  const pairs: Pair[] = [
    ...expected.flatMap((_, i) => (unmatched.has(i) ? [] : [{ expected: i, actual: i, differs: [] }])),
    ...keyed.changed.map((c) => ({ expected: c.expected, actual: c.actual, differs: c.columns })),
    ...keyed.missing.map((i) => ({ expected: i, actual: null, differs: all })),
    ...keyed.unexpected.map((j) => ({ expected: null, actual: j, differs: all })),
  ];
  return aligned(pairs, expected, actual, context, true);
}

/** Ordered: position by position. */
export function alignOrdered(expected: Row[], actual: Row[], context: Context): AlignedRows {
  const all = context.names.map((_, i) => i);
  const pairs: Pair[] = Array.from({ length: Math.max(expected.length, actual.length) }, (_, i) => {
    if (i >= actual.length) return { expected: i, actual: null, differs: all };
    if (i >= expected.length) return { expected: null, actual: i, differs: all };
    return { expected: i, actual: i, differs: all.filter((c) => !valuesEqual(expected[i]![c]!, actual[i]![c]!, context)) };
  });
  return aligned(pairs, expected, actual, context, false);
}
