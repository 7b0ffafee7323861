// Findings in plain words from a case's Spark metrics and plan, each with the number it rests on
// and, where there is one, the reference's figure on the same case: skew, spill, rows through
// Python, Cartesian and nested-loop joins, large collects to the driver, far more shuffles.
// Everything here reads numbers measured inside the sandbox: informational, never a verdict.
import { z } from 'zod';
import type { PlanInsights } from './plan-insights.js';
import { formatBytes, formatCount, type SparkMetrics, type StageMetrics } from './spark-metrics.js';

/** A stage is skewed when its largest task is more than this many times the stage's 75th percentile... */
export const SKEW_RATIO = 1.5;
/** ...and that task ran at least this long, in milliseconds, */
export const SKEW_MIN_TASK_MS = 1000;
/** ...or, for a stage that reads a shuffle, that task read at least this many rows (the same ratio on rows). */
export const SKEW_MIN_TASK_ROWS = 50_000;
/** Collecting at least this many bytes to the driver inside the solution is called out. */
export const COLLECT_MIN_BYTES = 1 << 20;
/** At least this many more shuffles than the reference (and at least twice as many) is called out. */
export const EXTRA_SHUFFLES = 2;

export const FindingSchema = z.object({
  kind: z.enum(['skew', 'spill', 'python_rows', 'cartesian_product', 'nested_loop_join', 'driver_collect', 'extra_shuffles']),
  /** The finding in a sentence, with its evidence and the reference's figure when known. */
  text: z.string(),
  /** A few words for the candidate's short form ("skew in stage 6"). */
  short: z.string(),
  /** The number the finding rests on (a ratio, bytes, rows or a count, as `text` says). */
  evidence: z.number(),
});
export type Finding = z.infer<typeof FindingSchema>;

export interface FindingsInput {
  metrics?: SparkMetrics;
  plan?: PlanInsights;
  referenceMetrics?: SparkMetrics;
  referencePlan?: PlanInsights;
}

function ratio(value: number, base: number): number {
  return base > 0 ? Math.round((value / base) * 100) / 100 : Infinity;
}

/** Why a stage counts as skewed (the larger of its two ratios), or null. */
export function stageSkew(stage: StageMetrics): { by: 'time' | 'rows'; ratio: number } | null {
  if (stage.tasks < 2) return null;
  const byTime = stage.taskMs.max >= SKEW_MIN_TASK_MS && stage.taskMs.max > SKEW_RATIO * stage.taskMs.p75;
  const byRows =
    stage.shuffleReadBytes > 0 && stage.taskRows.max >= SKEW_MIN_TASK_ROWS && stage.taskRows.max > SKEW_RATIO * stage.taskRows.p75;
  const timeRatio = ratio(stage.taskMs.max, stage.taskMs.p75);
  const rowsRatio = ratio(stage.taskRows.max, stage.taskRows.p75);
  if (byTime && (!byRows || timeRatio >= rowsRatio)) return { by: 'time', ratio: timeRatio };
  if (byRows) return { by: 'rows', ratio: rowsRatio };
  return null;
}

function skewFindings(metrics: SparkMetrics, reference?: SparkMetrics): Finding[] {
  const skewed = metrics.stageList.flatMap((stage) => {
    const skew = stageSkew(stage);
    return skew ? [{ stage, skew }] : [];
  });
  const referenceSkewed = reference ? reference.stageList.some((s) => stageSkew(s) !== null) : undefined;
  return skewed.map(({ stage, skew }) => {
    const where = skewWhere(stage);
    const evidence =
      skew.by === 'rows'
        ? `its largest task read ${formatCount(stage.taskRows.max)} rows, ${skew.ratio}x the 75th percentile (${formatCount(Math.round(stage.taskRows.p75))})`
        : `its slowest task took ${stage.taskMs.max} ms, ${skew.ratio}x the 75th percentile (${Math.round(stage.taskMs.p75)} ms)`;
    const versus = referenceSkewed === false ? '; the reference has no skewed stage' : '';
    return {
      kind: 'skew' as const,
      text: `Data skew in the stage ${where ? `running ${where}` : 'shown'} (Spark stage ${stage.stageId}, ${stage.tasks} tasks): ${evidence}${versus}.`,
      short: where ? `skew in ${where}` : 'skewed stage',
      evidence: skew.ratio,
    };
  });
}

const JOIN_KEYS = /^(SortMergeJoin|ShuffledHashJoin|BroadcastHashJoin) /;

/** The keys a skewed stage works on: its join's when it has one, else its aggregation's or window's, else its shuffle's. */
function skewWhere(stage: StageMetrics): string | undefined {
  const named = (k: string) => !/_groupingexpression/.test(k);
  return (
    stage.keys.find((k) => JOIN_KEYS.test(k)) ?? stage.keys.find((k) => !k.startsWith('Exchange') && named(k)) ?? stage.keys.find(named)
  );
}

/** Every finding for one case, most telling first. */
export function sparkFindings(input: FindingsInput): Finding[] {
  const { metrics, plan, referenceMetrics: ref, referencePlan: refPlan } = input;
  const findings: Finding[] = [];
  if (metrics) {
    findings.push(...skewFindings(metrics, ref));
    const spill = metrics.spillMemoryBytes + metrics.spillDiskBytes;
    if (spill > 0) {
      const refSpill = ref ? ` vs the reference's ${formatBytes(ref.spillMemoryBytes + ref.spillDiskBytes)}` : '';
      findings.push({
        kind: 'spill',
        text: `Spilled ${formatBytes(spill)}${refSpill} (${formatBytes(metrics.spillMemoryBytes)} in memory, ${formatBytes(metrics.spillDiskBytes)} on disk): rows did not fit in execution memory.`,
        short: `spilled ${formatBytes(spill)}`,
        evidence: spill,
      });
    }
    if (metrics.pythonRows > 0 && (ref === undefined || ref.pythonRows === 0)) {
      const refText = ref ? '; the reference uses built-in functions only (0 rows)' : '';
      findings.push({
        kind: 'python_rows',
        text: `${formatCount(metrics.pythonRows)} rows went through Python (a Python or pandas UDF, or an RDD)${refText}: each row is serialised to a Python worker and back, where a built-in function keeps it in the JVM.`,
        short: `${formatCount(metrics.pythonRows)} rows through Python`,
        evidence: metrics.pythonRows,
      });
    }
    if (metrics.collectedBytes >= COLLECT_MIN_BYTES && (ref === undefined || ref.collectedBytes < COLLECT_MIN_BYTES)) {
      const refText = ref ? ` vs the reference's ${formatBytes(ref.collectedBytes)}` : '';
      findings.push({
        kind: 'driver_collect',
        text: `The solution collected ${formatBytes(metrics.collectedBytes)} to the driver${refText} (collect, toPandas or similar inside solve): the driver holds it all in memory and the work stops being parallel.`,
        short: `collected ${formatBytes(metrics.collectedBytes)} to the driver`,
        evidence: metrics.collectedBytes,
      });
    }
  }
  if (plan) {
    if (plan.cartesianProducts > (refPlan?.cartesianProducts ?? 0)) {
      findings.push({
        kind: 'cartesian_product',
        text: `${plan.cartesianProducts} Cartesian product${plan.cartesianProducts === 1 ? '' : 's'} in the plan${refPlan ? ` vs the reference's ${refPlan.cartesianProducts}` : ''}: every row of one side meets every row of the other.`,
        short: 'Cartesian product',
        evidence: plan.cartesianProducts,
      });
    }
    if (plan.broadcastNestedLoopJoins > (refPlan?.broadcastNestedLoopJoins ?? 0)) {
      findings.push({
        kind: 'nested_loop_join',
        text: `${plan.broadcastNestedLoopJoins} broadcast nested-loop join${plan.broadcastNestedLoopJoins === 1 ? '' : 's'}${refPlan ? ` vs the reference's ${refPlan.broadcastNestedLoopJoins}` : ''}: a join without an equality key compares every pair of rows.`,
        short: 'nested-loop join',
        evidence: plan.broadcastNestedLoopJoins,
      });
    }
    if (refPlan && plan.shuffles >= refPlan.shuffles + EXTRA_SHUFFLES && plan.shuffles >= 2 * refPlan.shuffles) {
      findings.push({
        kind: 'extra_shuffles',
        text: `${plan.shuffles} shuffles vs the reference's ${refPlan.shuffles}: each one moves every row across partitions.`,
        short: `${plan.shuffles} shuffles vs ${refPlan.shuffles}`,
        evidence: plan.shuffles,
      });
    }
  }
  return findings;
}

/** The candidate's short form of a case: "2 shuffles; one Python UDF; no skew". */
export function shortInsights(plan: PlanInsights | undefined, findings: Finding[]): string {
  const parts: string[] = [];
  if (plan) {
    parts.push(`${plan.shuffles} shuffle${plan.shuffles === 1 ? '' : 's'}`);
    if (plan.broadcasts) parts.push(`${plan.broadcasts} broadcast${plan.broadcasts === 1 ? '' : 's'}`);
    if (plan.pythonUdfNodes) parts.push(plan.pythonUdfNodes === 1 ? 'one Python UDF' : `${plan.pythonUdfNodes} Python UDFs`);
  }
  for (const f of findings) if (f.kind !== 'extra_shuffles') parts.push(f.short);
  if (!findings.some((f) => f.kind === 'skew')) parts.push('no skew');
  return parts.join('; ');
}
