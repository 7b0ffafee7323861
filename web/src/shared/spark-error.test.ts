// Reading a Spark error: the headline and suggestion apart from the plan, and the line that wrote
// the unresolved name (else the line the error was raised at).
import { describe, expect, it } from 'vitest';
import { readSparkError } from './spark-error.js';

const UNRESOLVED =
  "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `timestamp` cannot be resolved. Did you mean one of the following? [`ts`, `user_id`, `event`].;\n'Sort ['timestamp ASC NULLS FIRST], true\n+- Project [user_id#1, ts#2]\n   +- LogicalRDD [user_id#1, ts#2], false\n";
const CODE = [
  'from pyspark.sql import functions as F',
  '',
  'def solve(spark, events):',
  '    # sort by "timestamp" first',
  "    ordered = events.orderBy('timestamp')",
  '    return ordered.groupBy("user_id").count()',
].join('\n');

describe('readSparkError', () => {
  it("splits Spark's sentence and suggestion from the plan, and finds the line that wrote the unresolved name", () => {
    const read = readSparkError({ type: 'AnalysisException', message: UNRESOLVED, line: 6 }, CODE);
    expect(read.headline).toBe(
      '[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `timestamp` cannot be resolved. Did you mean one of the following? [`ts`, `user_id`, `event`].;',
    );
    expect(read.suggestion).toBe('Did you mean one of the following? [`ts`, `user_id`, `event`]');
    expect(read.plan).toMatch(/^'Sort \['timestamp ASC NULLS FIRST\], true\n\+- Project/);
    expect(read.unresolved).toBe('timestamp');
    expect(read.line).toEqual({ line: 5, found: 'name' }); // not the comment on line 4, not the action on line 6
  });

  it('finds a name inside an SQL string or a qualified name, and falls back to the raised line', () => {
    const sql = readSparkError(
      { type: 'AnalysisException', message: 'A column with name `e`.`amt` cannot be resolved.;\nProject', line: 3 },
      'def solve(spark, e):\n    e.createOrReplaceTempView("e")\n    return spark.sql("select amt from e")',
    );
    expect(sql.line).toEqual({ line: 3, found: 'name' });
    const absent = readSparkError({ type: 'AnalysisException', message: 'A column with name `zzz` cannot be resolved.', line: 2 }, CODE);
    expect(absent).toMatchObject({ plan: null, line: { line: 2, found: 'raised' } });
    expect(readSparkError({ type: 'ValueError', message: 'bad value\nmore detail' }, CODE)).toEqual({
      headline: 'bad value',
      suggestion: null,
      plan: 'more detail',
      line: null,
      unresolved: null,
    });
  });
});
