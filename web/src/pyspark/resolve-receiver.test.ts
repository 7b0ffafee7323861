// Receiver resolution for completions: aliases, solve() parameters, assignments and chains
// through the recorded return types of the real PySpark API data.
import { describe, expect, it } from 'vitest';
import { PYSPARK_API } from './pyspark-api.js';
import { receiverAt } from './resolve-receiver.js';

const context = { entrypoint: 'solve', dataFrameInputs: ['events', 'users'] };
const HEADER = 'from pyspark.sql import functions as F\nfrom pyspark.sql.window import Window\n\ndef solve(spark, events, users):\n';

/** The receiver of the `.` at the end of `body` (a solve() body line). */
function at(body: string, header = HEADER): string | null {
  const source = header + body;
  const ref = receiverAt(PYSPARK_API, source, source.length - 1, context);
  return ref ? (ref.kind === 'module' ? `module:${ref.name}` : ref.name) : null;
}

describe('receiverAt', () => {
  it.each([
    ['    F.', 'module:functions'],
    ['    F.col("x").', 'Column'],
    ['    events.', 'DataFrame'],
    ['    spark.', 'SparkSession'],
    ['    spark.read.', 'DataFrameReader'],
    ['    events.groupBy("u").', 'GroupedData'],
    ['    events.groupBy("u").agg(F.sum("n")).', 'DataFrame'],
    ['    events["ts"].', 'Column'],
    ['    Window.partitionBy("u").', 'WindowSpec'],
    ['    w = Window.partitionBy("u").orderBy("ts")\n    w.', 'WindowSpec'],
    ['    df2 = events.join(users, "u")\n    df2 = df2.filter(F.col("a") > 1)\n    df2.', 'DataFrame'],
    ['    x = (events\n        .groupBy("u"))\n    x.', 'GroupedData'],
    ['    events.groupBy("u")\n        .', 'GroupedData'],
    ['    unknown.', null],
    ['    events.groupBy.', null],
  ])('%j is a %s', (body, expected) => {
    expect(at(body)).toBe(expected);
  });

  it('follows the import alias the candidate chose', () => {
    expect(at('    fn.', 'import pyspark.sql.functions as fn\ndef solve(spark, events):\n')).toBe('module:functions');
    expect(at('    sf.', 'from pyspark.sql import functions as sf, Window\ndef solve(spark, events):\n')).toBe('module:functions');
  });
});
