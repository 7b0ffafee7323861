// Orders: an unordered comparison (multiset match, then the keyed diff) and an ordered one, which
// says whether the rows are right but in the wrong order and where the first difference is.
import { alignOrdered, alignUnordered } from './aligned.js';
import { cellsText, describeDiff, pairByKey, plural } from './keyed-diff.js';
import { matchMultisets } from './multisets.js';
import type { CompareResult, Context, Row } from './types.js';
import { rowsEqual } from './values.js';

function matches(count: number): CompareResult {
  return {
    equal: true,
    message: `output matches (${plural(count, 'row')})`,
    diff: {
      columnProblems: [],
      missing: [],
      unexpected: [],
      changed: [],
      counts: { expectedRows: count, actualRows: count, missing: 0, unexpected: 0, changed: 0 },
    },
  };
}

export function compareUnordered(expected: Row[], actual: Row[], context: Context): CompareResult {
  const keyed = pairByKey(matchMultisets(expected, actual, context), expected, actual, context);
  const aligned = alignUnordered(expected, actual, keyed, context);
  if (keyed.changed.length + keyed.missing.length + keyed.unexpected.length === 0) return { ...matches(expected.length), aligned };
  return { equal: false, ...describeDiff(keyed, expected, actual, context), aligned };
}

export function compareOrdered(expected: Row[], actual: Row[], context: Context): CompareResult {
  const common = Math.min(expected.length, actual.length);
  let first = 0;
  while (first < common && rowsEqual(expected[first]!, actual[first]!, context)) first++;
  const aligned = alignOrdered(expected, actual, context);
  if (first === common && expected.length === actual.length) return { ...matches(expected.length), aligned };

  const position = `row ${first + 1}`;
  const unordered = compareUnordered(expected, actual, context);
  if (unordered.equal) {
    const all = [...context.keyCols, ...context.nonKeyCols];
    return {
      equal: false,
      message:
        `rows match but not in the required order: first difference at ${position}\n` +
        `${position}: expected ${cellsText(expected[first]!, all, context)}; got ${cellsText(actual[first]!, all, context)}`,
      diff: unordered.diff,
      aligned,
    };
  }
  return { ...unordered, aligned, message: `rows must be in the required order; first difference at ${position}.\n${unordered.message}` };
}
