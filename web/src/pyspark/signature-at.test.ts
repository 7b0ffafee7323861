// Signature help over the real PySpark API data: which call the cursor is in, its signature, and
// the parameter being typed.
import { describe, expect, it } from 'vitest';
import { PYSPARK_API } from './pyspark-api.js';
import { signaturesAt, type CallSignature } from './signature-at.js';

const context = { entrypoint: 'solve', dataFrameInputs: ['events'] };
const HEADER = 'from pyspark.sql import functions as F\nfrom pyspark.sql import Window\n\ndef solve(spark, events):\n';

/** The signatures at the end of `body` (a solve() body), with the active parameter's name. */
function at(body: string, header = HEADER): { label: string; active: string | null }[] {
  const source = header + body;
  return signaturesAt(PYSPARK_API, source, source.length, context).map((s: CallSignature) => ({
    label: s.label,
    active: s.parameters[s.activeParameter]?.name ?? null,
  }));
}

describe('signaturesAt', () => {
  it.each([
    ['    events.groupBy(', 'DataFrame.groupBy(*cols) -> GroupedData', 'cols'],
    ['    events.groupBy("a", ', 'DataFrame.groupBy(*cols) -> GroupedData', 'cols'],
    ['    events.groupBy("u").agg(', 'GroupedData.agg(*exprs) -> DataFrame', 'exprs'],
    ['    events.join(other, ', 'DataFrame.join(other, on=None, how=None) -> DataFrame', 'on'],
    ['    events.join(other, how=', 'DataFrame.join(other, on=None, how=None) -> DataFrame', 'how'],
    ['    F.when(F.col("a") > 1, ', 'F.when(condition, value) -> Column', 'value'],
    [
      '    F.window("ts", "10 minutes", startTime=',
      'F.window(timeColumn, windowDuration, slideDuration=None, startTime=None) -> Column',
      'startTime',
    ],
    ['    Window.partitionBy(', 'Window.partitionBy(*cols) -> WindowSpec', 'cols'],
    ['    spark.read.csv(path, ', expect.stringMatching(/^DataFrameReader\.csv\(path, schema=None, /), 'schema'],
    // Inside a nested call, list or string, the innermost call open at the cursor is the one shown.
    ['    events.select(F.col(', 'F.col(col) -> Column', 'col'],
    ['    events.select(F.col("a"), ', 'DataFrame.select(*cols) -> DataFrame', 'cols'],
    ['    events.select(F.array([F.lit(1), ', 'F.array(*cols) -> Column', 'cols'],
    ['    events.groupBy(")", ', 'DataFrame.groupBy(*cols) -> GroupedData', 'cols'],
    ['    events.groupBy(\n        "a",\n        ', 'DataFrame.groupBy(*cols) -> GroupedData', 'cols'],
  ])('%j shows %s at %s', (body, label, active) => {
    expect(at(body)).toEqual([{ label, active }]);
  });

  it('marks no parameter when the call has more arguments than it takes', () => {
    expect(at('    F.col("a", ')).toEqual([{ label: 'F.col(col) -> Column', active: null }]);
  });

  it('offers the DataFrame and Column methods of that name when the receiver is unknown', () => {
    expect(at('    x.alias(').map((s) => s.label)).toEqual([
      expect.stringMatching(/^DataFrame\.alias\(alias\)/),
      expect.stringMatching(/^Column\.alias\(\*alias, \*\*kwargs\)/),
    ]);
  });

  it('follows functions imported by name, aliased or by a star', () => {
    expect(at('    col(', 'from pyspark.sql.functions import col, sum as fsum\ndef solve(spark, events):\n')).toEqual([
      { label: 'F.col(col) -> Column', active: 'col' },
    ]);
    expect(at('    fsum(', 'from pyspark.sql.functions import col, sum as fsum\ndef solve(spark, events):\n')).toEqual([
      { label: 'F.sum(col) -> Column', active: 'col' },
    ]);
    expect(at('    lag(', 'from pyspark.sql.functions import *\n')).toHaveLength(1);
    expect(at('    StructField("a", ', 'from pyspark.sql.types import StructField\n')).toEqual([
      { label: 'T.StructField(name, dataType, nullable=True, metadata=None) -> StructField', active: 'dataType' },
    ]);
  });

  it.each([
    ['outside any call', '    x = 1'],
    ['after the call is closed', '    events.groupBy("a")'],
    ['in a call of something not PySpark', '    print('],
    ['in a parenthesised expression', '    x = ('],
    ['in a comment holding a call', '    # events.groupBy('],
    ['on a property', '    events.columns('],
  ])('shows nothing %s', (_name, body) => {
    expect(at(body)).toEqual([]);
  });
});
