// What a Spark physical plan says about a solution's cost: shuffles, Python UDF nodes, the
// join strategies, and the operators that blow up (Cartesian products, nested-loop joins).
// Read from the final (adaptive) plan text, so "3 shuffles vs the reference's 1" is concrete.
import { z } from 'zod';

export const PlanInsightsSchema = z.object({
  /** Exchange operators that move rows between partitions (not broadcasts; reused exchanges not counted). */
  shuffles: z.number().int().nonnegative(),
  /** BroadcastExchange operators. */
  broadcasts: z.number().int().nonnegative(),
  /** BatchEvalPython, ArrowEvalPython, FlatMapGroupsInPandas, MapInPandas and friends. */
  pythonUdfNodes: z.number().int().nonnegative(),
  cartesianProducts: z.number().int().nonnegative(),
  broadcastNestedLoopJoins: z.number().int().nonnegative(),
  /** Join operator name -> how many (SortMergeJoin, BroadcastHashJoin, ShuffledHashJoin, ...). */
  joins: z.record(z.string(), z.number().int().positive()),
});
export type PlanInsights = z.infer<typeof PlanInsightsSchema>;

const PYTHON_NODES = [
  'BatchEvalPython',
  'ArrowEvalPython',
  'FlatMapGroupsInPandas',
  'FlatMapCoGroupsInPandas',
  'MapInPandas',
  'MapInArrow',
  'AggregateInPandas',
  'WindowInPandas',
  'PythonMapInArrow',
];
const JOINS = ['SortMergeJoin', 'BroadcastHashJoin', 'ShuffledHashJoin', 'BroadcastNestedLoopJoin', 'CartesianProduct'];

/** The operator name a plan line starts with, after tree drawing and codegen markers. */
function operatorOf(line: string): string | undefined {
  const m = /^[\s:+\-|*]*(?:\(\d+\)\s*)?([A-Za-z][A-Za-z0-9]*)/.exec(line);
  return m?.[1];
}

/**
 * The plan that ran: an adaptive plan's text holds its final plan and then the initial one it
 * replaced, and only the first is counted.
 */
function finalPlanLines(planText: string): string[] {
  const lines = planText.split('\n');
  const final = lines.findIndex((l) => l.includes('== Final Plan =='));
  if (final < 0) return lines;
  const initial = lines.findIndex((l, i) => i > final && l.includes('== Initial Plan =='));
  return lines.slice(final + 1, initial < 0 ? undefined : initial);
}

export function planInsights(planText: string): PlanInsights {
  const insights: PlanInsights = {
    shuffles: 0,
    broadcasts: 0,
    pythonUdfNodes: 0,
    cartesianProducts: 0,
    broadcastNestedLoopJoins: 0,
    joins: {},
  };
  for (const line of finalPlanLines(planText)) {
    const op = operatorOf(line);
    if (!op) continue;
    if (op === 'Exchange') insights.shuffles++;
    else if (op === 'BroadcastExchange') insights.broadcasts++;
    else if (PYTHON_NODES.includes(op)) insights.pythonUdfNodes++;
    if (op === 'CartesianProduct') insights.cartesianProducts++;
    if (op === 'BroadcastNestedLoopJoin') insights.broadcastNestedLoopJoins++;
    if (JOINS.includes(op)) insights.joins[op] = (insights.joins[op] ?? 0) + 1;
  }
  return insights;
}

/** "2 shuffles, SortMergeJoin x1, 1 Python UDF node". */
export function describePlanInsights(p: PlanInsights): string {
  const parts = [`${p.shuffles} shuffle${p.shuffles === 1 ? '' : 's'}`];
  if (p.broadcasts) parts.push(`${p.broadcasts} broadcast${p.broadcasts === 1 ? '' : 's'}`);
  for (const [join, n] of Object.entries(p.joins)) parts.push(`${join} x${n}`);
  if (p.pythonUdfNodes) parts.push(`${p.pythonUdfNodes} Python UDF node${p.pythonUdfNodes === 1 ? '' : 's'}`);
  return parts.join(', ');
}
