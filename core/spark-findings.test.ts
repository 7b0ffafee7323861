import { describe, expect, it } from 'vitest';
import { planInsights } from './plan-insights.js';
import { shortInsights, sparkFindings, stageSkew } from './spark-findings.js';
import { SparkMetricsSchema, type SparkMetrics, type StageMetrics } from './spark-metrics.js';

function stage(over: Partial<StageMetrics> = {}): StageMetrics {
  return {
    stageId: 6,
    attempt: 0,
    name: 'collect at solution.py:9',
    tasks: 4,
    failedTasks: 0,
    durationMs: 400,
    taskMs: { min: 40, median: 80, p75: 95, max: 110 },
    taskRows: { min: 24_624, median: 37_151, p75: 66_803, max: 121_437 },
    inputRows: 0,
    shuffleReadBytes: 3_400_000,
    shuffleWriteBytes: 17_000,
    spillBytes: 0,
    peakExecutionMemoryBytes: 21_000_000,
    operators: ['SortMergeJoin', 'HashAggregate'],
    keys: ['Exchange on customer_id', 'HashAggregate on _groupingexpression', 'SortMergeJoin on customer_id'],
    ...over,
  };
}

function metrics(over: Partial<SparkMetrics> = {}): SparkMetrics {
  return SparkMetricsSchema.parse({
    jobs: 3,
    solutionJobs: 0,
    stages: 1,
    tasks: 4,
    failedTasks: 0,
    inputRows: 200_000,
    shuffleReadRows: 220_000,
    shuffleReadBytes: 3_400_000,
    shuffleWriteRows: 220_000,
    shuffleWriteBytes: 3_400_000,
    spillMemoryBytes: 0,
    spillDiskBytes: 0,
    peakExecutionMemoryBytes: 21_000_000,
    pythonRows: 0,
    collectedBytes: 0,
    broadcastBytes: [],
    stageList: [],
    truncated: false,
    ...over,
  });
}

describe('stageSkew', () => {
  it('calls a stage skewed by rows when its largest task read more than 1.5x the 75th percentile and at least 50k rows', () => {
    expect(stageSkew(stage())).toEqual({ by: 'rows', ratio: 1.82 });
    expect(stageSkew(stage({ taskRows: { min: 4, median: 5, p75: 5, max: 40_000 } }))).toBeNull(); // under 50k rows
    expect(stageSkew(stage({ shuffleReadBytes: 0 }))).toBeNull(); // a file scan: its split is the files', not a key's
  });

  it('calls a stage skewed by time when its slowest task took more than 1.5x the 75th percentile and at least a second', () => {
    const slow = stage({ taskRows: { min: 1, median: 1, p75: 1, max: 1 }, taskMs: { min: 100, median: 300, p75: 400, max: 1200 } });
    expect(stageSkew(slow)).toEqual({ by: 'time', ratio: 3 });
    expect(stageSkew({ ...slow, taskMs: { min: 100, median: 300, p75: 400, max: 900 } })).toBeNull(); // under a second
    expect(stageSkew({ ...slow, tasks: 1 })).toBeNull();
  });
});

describe('sparkFindings', () => {
  it("names the skewed stage by its join keys and says the reference's has none", () => {
    const findings = sparkFindings({ metrics: metrics({ stageList: [stage()] }), referenceMetrics: metrics() });
    expect(findings).toEqual([
      {
        kind: 'skew',
        text: 'Data skew in the stage running SortMergeJoin on customer_id (Spark stage 6, 4 tasks): its largest task read 121.4k rows, 1.82x the 75th percentile (66.8k); the reference has no skewed stage.',
        short: 'skew in SortMergeJoin on customer_id',
        evidence: 1.82,
      },
    ]);
  });

  it('calls out spill, rows through Python, a large collect and far more shuffles, each with its number beside the reference', () => {
    const plan = planInsights(Array(5).fill('+- Exchange hashpartitioning(a#1, 4)').join('\n'));
    const reference = planInsights('+- Exchange hashpartitioning(a#1, 4)');
    const findings = sparkFindings({
      metrics: metrics({ spillMemoryBytes: 410_000_000, spillDiskBytes: 120_000_000, pythonRows: 1_050_000, collectedBytes: 4_100_000 }),
      plan,
      referenceMetrics: metrics(),
      referencePlan: reference,
    });
    expect(findings.map((f) => [f.kind, f.evidence])).toEqual([
      ['spill', 530_000_000],
      ['python_rows', 1_050_000],
      ['driver_collect', 4_100_000],
      ['extra_shuffles', 5],
    ]);
    expect(findings[0]!.text).toMatch(/^Spilled 530 MB vs the reference's 0 B/);
    expect(findings[1]!.text).toMatch(/^1\.05M rows went through Python .*the reference uses built-in functions only/);
    expect(findings[3]!.text).toMatch(/^5 shuffles vs the reference's 1/);
  });

  it('says nothing of what the reference does too, and flags Cartesian and nested-loop joins from the plan', () => {
    expect(sparkFindings({ metrics: metrics({ pythonRows: 10 }), referenceMetrics: metrics({ pythonRows: 10 }) })).toEqual([]);
    const plan = planInsights('+- CartesianProduct\n+- BroadcastNestedLoopJoin BuildRight, Inner');
    expect(sparkFindings({ plan }).map((f) => f.kind)).toEqual(['cartesian_product', 'nested_loop_join']);
  });
});

describe('shortInsights', () => {
  it('puts the plan and the findings in a few words', () => {
    const plan = planInsights('+- Exchange hashpartitioning(a#1, 4)\n+- Exchange hashpartitioning(b#1, 4)\n+- BatchEvalPython [f(x#1)#3]');
    expect(shortInsights(plan, [])).toBe('2 shuffles; one Python UDF; no skew');
    expect(shortInsights(plan, sparkFindings({ metrics: metrics({ stageList: [stage()] }) }))).toBe(
      '2 shuffles; one Python UDF; skew in SortMergeJoin on customer_id',
    );
  });
});
