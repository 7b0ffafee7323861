// Attack: read a stream's future micro-batches before they are due, to answer with knowledge
// of events that have not "arrived" yet: while each micro-batch is processed, a UDF of the
// solution looks through the whole sandbox for every micro-batch folder it can find.
// Must happen: the worker delivers micro-batch k only after the sink's output for micro-batch
// k-1 came back, so while micro-batch k runs no later one exists anywhere in the sandbox.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../core/repo-root.js';
import { testGrader, type TestGrader } from '../../support/grader.js';

let grader: TestGrader;
beforeAll(async () => {
  grader = await testGrader(path.join(REPO_ROOT, 'challenges'));
});
afterAll(async () => {
  await grader.close();
});

const spy = String.raw`
import os, re
from pyspark.sql import functions as F

@F.udf("string")
def seen(txn_id):
    batches = set()
    for folder, dirs, files in os.walk("/tmp"):
        for name in dirs + files:
            m = re.fullmatch(r"b(\d{6})|micro_batch=(\d+)|batch-(\d+)", name)
            if m:
                batches.add(int(next(g for g in m.groups() if g is not None)))
    return f"{txn_id}|{max(batches) if batches else -1}"

def build(spark, transactions):
    return transactions.select(
        seen("txn_id").alias("card_id"),
        F.col("event_time").alias("window_start"), F.col("event_time").alias("window_end"),
        F.lit(1).cast("long").alias("txn_count"), F.col("amount_cents").alias("total_amount_cents"))
`;

it('never lets a micro-batch see a later one', async () => {
  const caseFile = path.join(
    REPO_ROOT,
    'challenges',
    'fraud-velocity-stream',
    'cases',
    'public',
    'late-transactions',
    'transactions.jsonl',
  );
  const rows = (await readFile(caseFile, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { micro_batch: number; txn_id: string });
  const order = [...new Set(rows.map((r) => r.micro_batch))].sort((a, b) => a - b);
  const position = new Map(rows.map((r) => [r.txn_id, order.indexOf(r.micro_batch)]));

  const result = await grader.grade('fraud-velocity-stream', spy, 'public');
  const late = result.cases.find((c) => c.name === 'late-transactions')!;
  const spied = (late.diff?.unexpected ?? []).map((row) => JSON.parse(row.card_id!) as string);
  expect(spied.length).toBeGreaterThan(0);
  for (const entry of spied) {
    const [txn, visible] = entry.split('|');
    expect(Number(visible), `${txn} saw micro-batch ${visible}`).toBe(position.get(txn!));
  }
  expect(await grader.leftoverContainers()).toEqual([]);
});
