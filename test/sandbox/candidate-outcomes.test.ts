// What a candidate's mistakes come back as, in the real sandbox: each is a verdict with a
// message the candidate can act on, never a grader error.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/repo-root.js';
import { testGrader, type TestGrader } from '../support/grader.js';

let grader: TestGrader;
/** The real catalogue, for the stream input's outcomes. */
let catalogue: TestGrader;
beforeAll(async () => {
  grader = await testGrader();
  catalogue = await testGrader(path.join(REPO_ROOT, 'challenges'));
});

describe.concurrent('candidate outcomes on group-sum', () => {
  it('accepts the reference on every case', async () => {
    const result = await grader.grade(
      'group-sum',
      'from pyspark.sql import functions as F\n\ndef solve(spark, numbers):\n    return numbers.groupBy("grp").agg(F.sum("n").alias("total"))\n',
    );
    expect(result.verdict).toBe('accepted');
    expect(result.cases.map((c) => [c.name, c.hidden, c.verdict])).toEqual([
      ['basic', false, 'accepted'],
      ['nulls', true, 'accepted'],
    ]);
    expect(result.cases[0]!.planText).toMatch(/HashAggregate/);
    expect(result.cases[0]!.planInsights?.shuffles).toBeGreaterThanOrEqual(1);
    expect(result.sandbox.sparkStartupMs).toBeGreaterThan(0);
  });

  it("runs the candidate's own Python UDFs and pandas functions in Spark's Python workers", async () => {
    const code = [
      'import pandas as pd',
      'from pyspark.sql import functions as F',
      '',
      '@F.udf("long")',
      'def zero_if_null(n):',
      '    return 0 if n is None else n',
      '',
      'def total(group: pd.DataFrame) -> pd.DataFrame:',
      '    return pd.DataFrame({"grp": [group["grp"].iloc[0]], "total": [group["n"].sum()]})',
      '',
      'def solve(spark, numbers):',
      '    cleaned = numbers.withColumn("n", zero_if_null("n"))',
      '    return cleaned.groupBy("grp").applyInPandas(total, "grp string, total long")',
    ].join('\n');
    const result = await grader.grade('group-sum', code, 'public');
    expect(
      result.cases.map((c) => `${c.name}: ${c.verdict}`),
      result.cases[0]!.message,
    ).toEqual(['basic: accepted']);
    expect(result.cases[0]!.planInsights?.pythonUdfNodes).toBeGreaterThanOrEqual(2);
  });

  it('names the syntax error line as invalid_submission', async () => {
    const result = await grader.grade('group-sum', 'def solve(spark, numbers):\n    return numbers.groupBy("grp"\n\nx = 1\n', 'public');
    expect(result.verdict).toBe('invalid_submission');
    expect(result.cases[0]!.error?.line).toBeGreaterThanOrEqual(2);
    expect(result.cases[0]!.message).toMatch(/SyntaxError/);
  });

  it('reports a missing solve as invalid_submission', async () => {
    const result = await grader.grade('group-sum', 'def answer(spark, numbers):\n    return numbers\n', 'public');
    expect(result.verdict).toBe('invalid_submission');
    expect(result.cases[0]!.message).toMatch(/must define a function solve/);
  });

  it('reports a non-DataFrame result as invalid_submission', async () => {
    const result = await grader.grade('group-sum', 'def solve(spark, numbers):\n    return numbers.collect()\n', 'public');
    expect(result.verdict).toBe('invalid_submission');
    expect(result.cases[0]!.message).toMatch(/must return a pyspark.sql.DataFrame, got list/);
  });

  it('reports an exception as runtime_error naming the candidate line, without harness frames', async () => {
    const code = 'def helper(x):\n    return 1 / x\n\ndef solve(spark, numbers):\n    helper(0)\n    return numbers\n';
    const result = await grader.grade('group-sum', code, 'public');
    expect(result.verdict).toBe('runtime_error');
    const error = result.cases[0]!.error!;
    expect(error.type).toBe('ZeroDivisionError');
    expect(error.line).toBe(2);
    expect(error.traceback).toContain('File "solution.py", line 5, in solve');
    expect(error.traceback).not.toMatch(/grader_harness|\/tmp\/job/);
    expect(result.cases[0]!.message).toMatch(/line 2/);
  });

  it('reports a Spark analysis error with its message and no JVM stack', async () => {
    const result = await grader.grade('group-sum', 'def solve(spark, numbers):\n    return numbers.select("no_such_column")\n', 'public');
    expect(result.verdict).toBe('runtime_error');
    expect(result.cases[0]!.error!.message).toMatch(/no_such_column/);
    expect(result.cases[0]!.error!.message).not.toMatch(/\n\s+at org\.apache/);
    expect(result.cases[0]!.error!.line).toBe(2);
  });

  it('gives a keyed diff for a wrong answer', async () => {
    const code =
      'from pyspark.sql import functions as F\n\ndef solve(spark, numbers):\n    return numbers.groupBy("grp").agg(F.count("n").alias("total"))\n';
    const result = await grader.grade('group-sum', code, 'public');
    expect(result.verdict).toBe('wrong_answer');
    expect(result.cases[0]!.message).toMatch(/grp="a"/);
    expect(result.cases[0]!.diff?.changed.length).toBeGreaterThan(0);
  });

  it('names a missing output column', async () => {
    const result = await grader.grade('group-sum', 'def solve(spark, numbers):\n    return numbers.select("grp").distinct()\n', 'public');
    expect(result.verdict).toBe('wrong_answer');
    expect(result.cases[0]!.message).toMatch(/total/);
  });

  it('gives wrong_answer to a result that changes when the hidden input is shuffled and re-partitioned', async () => {
    const code = [
      'from pyspark.sql import functions as F',
      'def solve(spark, numbers):',
      '    result = numbers.groupBy("grp").agg(F.sum("n").alias("total"))',
      '    if numbers.rdd.getNumPartitions() != 2:  # only right for the layout it was tried on',
      '        return result.withColumn("total", F.col("total") + 1)',
      '    return result',
    ].join('\n');
    const result = await grader.grade('group-sum', code);
    expect(result.cases.map((c) => c.verdict)).toEqual(['accepted', 'wrong_answer']);
    expect(result.cases[1]!.message).toMatch(/depends on input order or partitioning/);
  });

  it('blames an exit() on the candidate as runtime_error', async () => {
    const result = await grader.grade('group-sum', 'import os\ndef solve(spark, numbers):\n    os._exit(4)\n', 'public');
    expect(result.verdict).toBe('runtime_error');
    expect(result.cases[0]!.message).toMatch(/exited with code 4/);
  });
});

describe.concurrent('candidate outcomes on a stream input (fraud-velocity-stream, public cases)', () => {
  const alerts = [
    'from pyspark.sql import functions as F',
    'def solve(spark, transactions):',
    '    counts = (transactions.withWatermark("event_time", "10 minutes")',
    '              .groupBy("card_id", F.window("event_time", "5 minutes"))',
    '              .agg(F.count("*").alias("txn_count"), F.sum("amount_cents").alias("total_amount_cents")))',
    '    return counts.where("txn_count > 3").select("card_id", F.col("window.start").alias("window_start"),',
    '                                                F.col("window.end").alias("window_end"), "txn_count", "total_amount_cents")',
  ].join('\n');

  it('runs the returned streaming DataFrame micro-batch by micro-batch; `solve` works where the challenge names `build`', async () => {
    const result = await catalogue.grade('fraud-velocity-stream', alerts, 'public');
    expect(
      result.cases.map((c) => `${c.name}: ${c.verdict}`),
      result.cases.map((c) => c.message).join('\n'),
    ).toEqual(['four-in-a-window: accepted', 'late-transactions: accepted']);
    expect(result.cases[0]!.planText).toMatch(/StateStoreSave/);
  });

  it('reports a batch DataFrame where a streaming one is due as invalid_submission', async () => {
    const code = 'def build(spark, transactions):\n    return spark.createDataFrame([], "card_id string")\n';
    const result = await catalogue.grade('fraud-velocity-stream', code, 'public');
    expect(result.verdict).toBe('invalid_submission');
    expect(result.cases[0]!.message).toMatch(/must return a streaming DataFrame/);
  });

  it('names both entry points when neither is defined', async () => {
    const result = await catalogue.grade('fraud-velocity-stream', 'def alerts(spark, transactions):\n    return transactions\n', 'public');
    expect(result.verdict).toBe('invalid_submission');
    expect(result.cases[0]!.message).toMatch(/must define a function build or solve/);
  });
});

it('leaves no sandbox container behind', async () => {
  expect(await grader.leftoverContainers()).toEqual([]);
  expect(await catalogue.leftoverContainers()).toEqual([]);
});

describe('a solution that stops the SparkSession', () => {
  it('gets runtime_error saying the grader owns the session, not a grader error', async () => {
    const code =
      'from pyspark.sql import functions as F\n\ndef solve(spark, numbers):\n    result = numbers.groupBy("grp").agg(F.sum("n").alias("total")).collect()\n    spark.stop()\n    return spark.createDataFrame(result)\n';
    const result = await grader.grade('group-sum', code);
    expect(result.verdict).toBe('runtime_error');
    expect(result.cases[0]!.message).toMatch(
      /stopped the SparkSession \(spark\.stop\(\) or SparkContext\.stop\(\)\): the grader owns the session/,
    );
    expect(result.cases[1]!.verdict).toBe('runtime_error');
  });
});
