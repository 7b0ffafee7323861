// The shapes the comparison's sections share: its options and result, decoded rows, and the
// context one comparison carries (column roles, tolerances, how much to list).
import type { AlignedRows, RowDiff } from '../grade-result.js';
import type { Value } from '../table.js';

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
  /** The output beside the expected rows; absent when the columns did not match. */
  aligned?: AlignedRows;
}

export type Row = Value[];
/** A row's float cells (null for a null cell), in the order of the table's float columns. */
export type Floats = (number | null)[];

export interface Context {
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
