// Runs on the candidate's own rows in the real sandbox, for the input kinds the API test (a
// DataFrame) does not cover: a stream's micro-batches (fraud-velocity-stream) and a file's text
// (csv-category-count). The reference's output on the rows is the expected output; the
// candidate's code is graded against it in a sandbox of its own; rows the reference cannot
// process are refused without running the candidate's code.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CustomInputSchema } from '../../core/custom-input.js';
import { REPO_ROOT } from '../../core/repo-root.js';
import { gradeCustomInput } from '../../worker/grade-custom-input.js';
import { requireChallenge } from '../../worker/grader.js';
import { useTestGrader } from '../support/grader.js';

const catalogue = useTestGrader(path.join(REPO_ROOT, 'challenges'));

async function gradeOnRows(challengeId: string, code: string, inputs: unknown) {
  const { deps } = catalogue();
  const challenge = await requireChallenge(deps.challenges, challengeId);
  return gradeCustomInput(deps, { challenge, code, customInput: CustomInputSchema.parse({ inputs }) });
}

describe.concurrent('custom input in the sandbox', () => {
  it('feeds a stream its micro-batches: the reference’s alert is expected, a threshold of 5 misses it', async () => {
    const at = (minute: number, second: number) => `2024-03-01T10:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}Z`;
    const rows = [
      ...[5, 70, 150, 290].map((s, i) => ({
        micro_batch: 0,
        txn_id: `t${i}`,
        card_id: 'card-a',
        amount_cents: 100 * (i + 1),
        event_time: at(Math.floor(s / 60), s % 60),
      })),
      // Moves the watermark past 10:05 before the last, empty micro-batch, which closes the window.
      { micro_batch: 1, txn_id: 't9', card_id: 'card-b', amount_cents: 1, event_time: at(20, 0) },
    ];
    const atLeastFive = [
      'from pyspark.sql import functions as F',
      '',
      'def build(spark, transactions):',
      '    w = (transactions.withWatermark("event_time", "10 minutes")',
      '         .groupBy("card_id", F.window("event_time", "5 minutes"))',
      '         .agg(F.count(F.lit(1)).alias("txn_count"), F.sum("amount_cents").alias("total_amount_cents")))',
      '    return w.where(F.col("txn_count") >= 5).select("card_id", F.col("window.start").alias("window_start"),',
      '        F.col("window.end").alias("window_end"), "txn_count", "total_amount_cents")',
    ].join('\n');
    const result = await gradeOnRows('fraud-velocity-stream', atLeastFive, { transactions: { rows } });
    expect(result.verdict).toBe('wrong_answer');
    expect(result.cases.map((c) => [c.name, c.hidden])).toEqual([['custom input', false]]);
    expect(result.custom).toEqual({
      expected: {
        columns: ['card_id', 'window_start', 'window_end', 'txn_count', 'total_amount_cents'],
        rows: [
          {
            card_id: '"card-a"',
            window_start: '2024-03-01 10:00:00',
            window_end: '2024-03-01 10:05:00',
            txn_count: '4',
            total_amount_cents: '1000',
          },
        ],
        total: 1,
      },
      referenceError: null,
    });
    expect(result.cases[0]!.diff?.counts).toMatchObject({ expectedRows: 1, actualRows: 0, missing: 1 });
  });

  it('hands a file input its text: a plain reader that matches the reference on these lines is accepted', async () => {
    const plain = [
      'from pyspark.sql import functions as F',
      '',
      'def solve(spark, path):',
      '    lines = spark.read.option("header", True).csv(path)',
      '    return (lines.groupBy(F.trim("category").alias("category")).agg(F.count(F.lit(1)).alias("count"))',
      '            .orderBy(F.col("count").desc(), F.col("category")))',
    ].join('\n');
    const text = 'id,category,amount\n1,Books,12.50\n2,Toys,3\n3,Books,\n';
    const result = await gradeOnRows('csv-category-count', plain, { path: { text } });
    expect(result.verdict).toBe('accepted');
    expect(result.custom?.expected?.rows).toEqual([
      { category: '"Books"', count: '2' },
      { category: '"Toys"', count: '1' },
    ]);
  });

  it('tells the candidate that rows the reference cannot process break an input rule, and does not run their code', async () => {
    const { deps } = catalogue();
    const challenge = await requireChallenge(deps.challenges, 'csv-category-count');
    // A reference that fails on these rows stands in for rows outside what the statement promises.
    const failing = { ...challenge, reference: 'def solve(spark, path):\n    raise ValueError("a row the statement rules out")\n' };
    const result = await gradeCustomInput(deps, {
      challenge: failing,
      code: 'def solve(spark, path):\n    print("ran")\n    return spark.range(1)\n',
      customInput: CustomInputSchema.parse({ inputs: { path: { text: 'id,category,amount\n' } } }),
    });
    expect(result.verdict).toBe('invalid_submission');
    expect(result.cases[0]!.message).toMatch(/^The reference solution could not process these rows/);
    expect(result.cases[0]!.stdout).toBe('');
    expect(result.custom).toEqual({ expected: null, referenceError: 'ValueError: a row the statement rules out' });
  });
});
