import { describe, expect, it } from 'vitest';
import { describePlanInsights, planInsights } from './plan-insights.js';

const adaptiveSortMerge = `AdaptiveSparkPlan isFinalPlan=true
+- == Final Plan ==
   *(5) HashAggregate(keys=[segment#1], functions=[sum(amount#2)])
   +- AQEShuffleRead coalesced
      +- ShuffleQueryStage 2
         +- Exchange hashpartitioning(segment#1, 4), ENSURE_REQUIREMENTS, [plan_id=90]
            +- *(4) HashAggregate(keys=[segment#1], functions=[partial_sum(amount#2)])
               +- *(4) SortMergeJoin [customer_id#3], [customer_id#4], LeftOuter
                  :- *(2) Sort [customer_id#3 ASC NULLS FIRST], false, 0
                  :  +- ShuffleQueryStage 0
                  :     +- Exchange hashpartitioning(customer_id#3, 4), ENSURE_REQUIREMENTS, [plan_id=40]
                  :        +- *(1) Scan ExistingRDD[order_id#0]
                  +- *(3) Sort [customer_id#4 ASC NULLS FIRST], false, 0
                     +- ShuffleQueryStage 1
                        +- Exchange hashpartitioning(customer_id#4, 4), ENSURE_REQUIREMENTS, [plan_id=41]
                           +- *(1) Scan ExistingRDD[customer_id#4]`;

describe('planInsights', () => {
  it('counts shuffles and join strategies in an adaptive final plan', () => {
    expect(planInsights(adaptiveSortMerge)).toEqual({
      shuffles: 3,
      broadcasts: 0,
      pythonUdfNodes: 0,
      cartesianProducts: 0,
      broadcastNestedLoopJoins: 0,
      joins: { SortMergeJoin: 1 },
    });
  });

  it('counts the final plan only, not the initial plan printed after it', () => {
    const withInitial = `${adaptiveSortMerge}
+- == Initial Plan ==
   HashAggregate(keys=[segment#1], functions=[sum(amount#2)])
   +- Exchange hashpartitioning(segment#1, 4), ENSURE_REQUIREMENTS, [plan_id=20]
      +- SortMergeJoin [customer_id#3], [customer_id#4], LeftOuter
         :- Exchange hashpartitioning(customer_id#3, 4), ENSURE_REQUIREMENTS, [plan_id=10]
         +- Exchange hashpartitioning(customer_id#4, 4), ENSURE_REQUIREMENTS, [plan_id=11]`;
    expect(planInsights(withInitial)).toMatchObject({ shuffles: 3, joins: { SortMergeJoin: 1 } });
  });

  it.each([
    [
      '+- BroadcastHashJoin [a#1], [b#2], Inner, BuildRight\n   :- LocalTableScan\n   +- BroadcastExchange HashedRelationBroadcastMode',
      { broadcasts: 1, joins: { BroadcastHashJoin: 1 } },
    ],
    ['+- BatchEvalPython [f(x#1)#3], [pythonUDF0#4]\n+- ArrowEvalPython [g(x#1)#5]', { pythonUdfNodes: 2 }],
    ['+- FlatMapGroupsInPandas [user_id#1], f(user_id#1)', { pythonUdfNodes: 1 }],
    [
      '+- CartesianProduct\n+- BroadcastNestedLoopJoin BuildRight, Inner',
      { cartesianProducts: 1, broadcastNestedLoopJoins: 1, joins: { CartesianProduct: 1, BroadcastNestedLoopJoin: 1 } },
    ],
    ['+- ReusedExchange [a#1], Exchange hashpartitioning(a#1, 4)', { shuffles: 0 }],
  ])('reads %j', (plan, expected) => {
    expect(planInsights(plan)).toMatchObject(expected);
  });

  it('describes the insights in a phrase', () => {
    expect(describePlanInsights(planInsights(adaptiveSortMerge))).toBe('3 shuffles, SortMergeJoin x1');
  });
});
