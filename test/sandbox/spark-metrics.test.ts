// Spark's accounting per case, in the real sandbox: metrics present and plausible on known
// solutions, the findings they lead to (rows through Python, a Cartesian or nested-loop join, a
// large collect, skew on the skewed-join scale case and none for its reference), and the
// candidate's short form only on public cases.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/repo-root.js';
import { stageSkew } from '../../core/spark-findings.js';
import { useTestGrader } from '../support/grader.js';

const grader = useTestGrader();
const catalogue = useTestGrader(path.join(REPO_ROOT, 'challenges'));

const BUILT_IN =
  'from pyspark.sql import functions as F\n\ndef solve(spark, numbers):\n    return numbers.groupBy("grp").agg(F.sum("n").alias("total"))\n';

describe.concurrent('Spark metrics and findings', () => {
  it('counts the rows a Python UDF sends through Python, on public and hidden cases, and tells the candidate of public ones only', async () => {
    const code = [
      'from pyspark.sql import functions as F',
      '',
      '@F.udf("long")',
      'def same(n):',
      '    return n',
      '',
      'def solve(spark, numbers):',
      '    return numbers.withColumn("n", same("n")).groupBy("grp").agg(F.sum("n").alias("total"))',
    ].join('\n');
    const result = await grader().grade('group-sum', code);
    expect(result.verdict).toBe('accepted');
    const [basic, nulls] = result.cases;
    expect(basic!.metrics?.pythonRows).toBe(3); // the three input rows, each through the UDF
    expect(basic!.metrics?.inputRows).toBe(3);
    expect(basic!.metrics!.tasks).toBeGreaterThanOrEqual(basic!.metrics!.stages);
    expect(basic!.metrics!.jobs).toBeGreaterThanOrEqual(1);
    expect(basic!.findings?.map((f) => f.kind)).toContain('python_rows');
    expect(basic!.candidateInsights).toMatch(/^\d+ shuffles?; one Python UDF; 3 rows through Python; no skew$/);
    expect(nulls!.metrics?.pythonRows).toBe(3);
    expect(nulls!.candidateInsights).toBeUndefined();
  });

  it('finds nothing to call out in a built-in solution (its inputs are not rows through Python)', async () => {
    const result = await grader().grade('group-sum', BUILT_IN, 'public');
    const basic = result.cases[0]!;
    expect(basic.metrics?.pythonRows).toBe(0);
    expect(basic.metrics?.collectedBytes).toBe(0);
    expect(basic.findings).toEqual([]);
    expect(basic.candidateInsights).toMatch(/^\d+ shuffles?; no skew$/);
  });

  it('flags a cross join and a large collect to the driver inside solve', async () => {
    const code = [
      'from pyspark.sql import functions as F',
      '',
      'def solve(spark, numbers):',
      '    ids = spark.range(0, 300000).selectExpr("id", "cast(id as string) as s").collect()',
      '    one = spark.createDataFrame([(len(ids) > 0,)], "keep boolean")',
      '    kept = numbers.crossJoin(one).where("keep").drop("keep")',
      '    return kept.groupBy("grp").agg(F.sum("n").alias("total"))',
    ].join('\n');
    const result = await grader().grade('group-sum', code, 'public');
    const basic = result.cases[0]!;
    expect(basic.verdict, basic.message).toBe('accepted');
    expect(basic.metrics!.solutionJobs).toBeGreaterThanOrEqual(1);
    expect(basic.metrics!.collectedBytes).toBeGreaterThan(1 << 20);
    const kinds = basic.findings!.map((f) => f.kind);
    expect(kinds).toContain('driver_collect');
    expect(kinds.some((k) => k === 'nested_loop_join' || k === 'cartesian_product')).toBe(true);
    expect(basic.findings!.find((f) => f.kind === 'driver_collect')!.text).toMatch(/collected \d+(\.\d)? MB to the driver/);
  });

  it("shows skew in a plain sort-merge join on skewed-join's scale case, and none in the broadcast reference", async () => {
    const code = [
      'from pyspark.sql import functions as F',
      '',
      'def solve(spark, orders, customers):',
      '    segments = customers.select("customer_id", "segment").dropDuplicates(["customer_id"])',
      '    joined = orders.join(segments.hint("merge"), on="customer_id", how="left")',
      '    return joined.groupBy(',
      '        F.coalesce(F.col("segment"), F.lit("unknown")).alias("segment"),',
      '        F.to_date(F.col("order_ts")).alias("order_date"),',
      '    ).agg(F.count(F.lit(1)).alias("orders"), F.coalesce(F.sum("amount"), F.lit(0.0)).alias("revenue"))',
    ].join('\n');
    const result = await catalogue().grade('skewed-join', code, 'all', { shouldRun: (planned) => planned.name.startsWith('scale') });
    const scale = result.cases.find((c) => c.name === 'scale')!;
    expect(scale.verdict, scale.message).toBe('accepted');
    const skew = scale.findings!.find((f) => f.kind === 'skew');
    expect(skew?.text).toMatch(/SortMergeJoin on customer_id/);
    expect(skew!.evidence).toBeGreaterThan(1.5);
    expect(scale.metrics!.shuffleReadRows).toBeGreaterThan(200_000);
    expect(scale.referenceMetrics!.stageList.filter((s) => stageSkew(s) !== null)).toEqual([]);
    expect(scale.referenceMetrics!.broadcastBytes.length).toBeGreaterThanOrEqual(1);
  });
});
