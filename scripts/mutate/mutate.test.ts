import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMutants, type Mutant } from './list-mutants.js';

/** One source with every construct an operator mutates, and some it must leave alone (one python3 run for them all). */
const SAMPLE = `from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

LIMIT = 24 * 60


def solve(spark: SparkSession, a: DataFrame, b: DataFrame) -> DataFrame:
    lt = a.where(F.col('x') < 3)
    le = a.where(F.col('x') <= LIMIT)
    gt = a.filter(F.col('x') > F.col('y'))
    ge = a.where(F.col('x') >= -1)
    eq = a.where(F.col('kind') == 'delete')
    ne = a.where(F.col('kind') != 'delete')
    both = a.where(F.col('x').isNull() & (F.col('y') > 0.5))
    either = a.where(F.col('x').isNotNull() | F.isnull('y'))
    negated = a.where(~F.col('flag'))
    read = spark.read.option('header', False).csv('in.csv', inferSchema=True)
    late = a.withWatermark('t', '10 minutes')
    left = a.join(b, on='id', how='left')
    inner = a.join(b, 'id', 'inner')
    outer = a.join(b, 'id', how='full_outer')
    right = a.join(b, 'id', how="right")
    semi = a.join(b, 'id', how='semi')
    anti = a.join(b, 'id', how='left_anti')
    filled = a.select(F.coalesce(F.col('x') + 1, F.lit(0)).alias('x'))
    a.fillna(0).na.drop()
    ordered = a.orderBy(F.desc('x'), F.col('y').asc(), 'z')
    by_user = Window.partitionBy('user').orderBy(F.col('t').desc_nulls_last())
    by_both = Window.partitionBy('user', 'day').orderBy('t').rowsBetween(Window.unboundedPreceding, Window.currentRow)
    ahead = Window.orderBy('t').rangeBetween(Window.currentRow, Window.unboundedFollowing)
    a.select(F.sum('x').over(by_user), F.max('x').over(by_both), F.lag('x').over(by_user), F.lead('x', 2).over(by_user))
    a.select(F.row_number().over(by_user), F.rank().over(by_user), F.dense_rank().over(by_user))
    deduped = a.dropDuplicates(['id', 'day']).distinct()
    latest = a.groupBy('id').agg(F.max(F.struct('seq', 'op')), F.count(F.lit(1)), F.count('x'), F.countDistinct('x'))
    a.groupBy('id').agg(F.first('x'), F.last('x'), F.avg('x'), F.mean('x'), F.collect_set('x'), F.collect_list('x'))
    a.select(F.greatest('x', 'y'), F.least('x', 'y'), F.isnotnull('x'))
    parts = a.coalesce(2).select(F.filter('xs', lambda v: v.isNotNull()))
    spec = Window.partitionBy('u')
    return latest
`;

/** Per operator: a line of SAMPLE (trimmed) and that line in its mutant, everything else unchanged. */
const OPERATORS: { operator: string; before: string; after: string }[] = [
  { operator: 'cmp-lt-to-le', before: "lt = a.where(F.col('x') < 3)", after: "lt = a.where(F.col('x') <= 3)" },
  { operator: 'cmp-le-to-lt', before: "le = a.where(F.col('x') <= LIMIT)", after: "le = a.where(F.col('x') < LIMIT)" },
  { operator: 'cmp-gt-to-ge', before: "gt = a.filter(F.col('x') > F.col('y'))", after: "gt = a.filter(F.col('x') >= F.col('y'))" },
  { operator: 'cmp-ge-to-gt', before: "ge = a.where(F.col('x') >= -1)", after: "ge = a.where(F.col('x') > -1)" },
  { operator: 'cmp-eq-to-ne', before: "eq = a.where(F.col('kind') == 'delete')", after: "eq = a.where(F.col('kind') != 'delete')" },
  { operator: 'cmp-ne-to-eq', before: "ne = a.where(F.col('kind') != 'delete')", after: "ne = a.where(F.col('kind') == 'delete')" },
  { operator: 'const-plus-one', before: 'LIMIT = 24 * 60', after: 'LIMIT = (24 * 60 + 1)' },
  { operator: 'const-minus-one', before: "lt = a.where(F.col('x') < 3)", after: "lt = a.where(F.col('x') < 2)" },
  { operator: 'const-minus-one', before: "ge = a.where(F.col('x') >= -1)", after: "ge = a.where(F.col('x') >= -2)" },
  {
    operator: 'const-plus-one',
    before: "filled = a.select(F.coalesce(F.col('x') + 1, F.lit(0)).alias('x'))",
    after: "filled = a.select(F.coalesce(F.col('x') + 1, F.lit(1)).alias('x'))",
  },
  {
    operator: 'const-false-to-true',
    before: "read = spark.read.option('header', False).csv('in.csv', inferSchema=True)",
    after: "read = spark.read.option('header', True).csv('in.csv', inferSchema=True)",
  },
  {
    operator: 'const-true-to-false',
    before: "read = spark.read.option('header', False).csv('in.csv', inferSchema=True)",
    after: "read = spark.read.option('header', False).csv('in.csv', inferSchema=False)",
  },
  {
    operator: 'interval-plus-one',
    before: "late = a.withWatermark('t', '10 minutes')",
    after: "late = a.withWatermark('t', '11 minutes')",
  },
  {
    operator: 'interval-minus-one',
    before: "late = a.withWatermark('t', '10 minutes')",
    after: "late = a.withWatermark('t', '9 minutes')",
  },
  { operator: 'join-left-to-inner', before: "left = a.join(b, on='id', how='left')", after: "left = a.join(b, on='id', how='inner')" },
  { operator: 'join-left-to-right', before: "left = a.join(b, on='id', how='left')", after: "left = a.join(b, on='id', how='right')" },
  { operator: 'join-left-to-outer', before: "left = a.join(b, on='id', how='left')", after: "left = a.join(b, on='id', how='outer')" },
  { operator: 'join-inner-to-left', before: "inner = a.join(b, 'id', 'inner')", after: "inner = a.join(b, 'id', 'left')" },
  { operator: 'join-inner-to-right', before: "inner = a.join(b, 'id', 'inner')", after: "inner = a.join(b, 'id', 'right')" },
  { operator: 'join-inner-to-left-semi', before: "inner = a.join(b, 'id', 'inner')", after: "inner = a.join(b, 'id', 'left_semi')" },
  { operator: 'join-outer-to-left', before: "outer = a.join(b, 'id', how='full_outer')", after: "outer = a.join(b, 'id', how='left')" },
  { operator: 'join-outer-to-right', before: "outer = a.join(b, 'id', how='full_outer')", after: "outer = a.join(b, 'id', how='right')" },
  { operator: 'join-outer-to-inner', before: "outer = a.join(b, 'id', how='full_outer')", after: "outer = a.join(b, 'id', how='inner')" },
  { operator: 'join-right-to-left', before: 'right = a.join(b, \'id\', how="right")', after: 'right = a.join(b, \'id\', how="left")' },
  { operator: 'join-right-to-inner', before: 'right = a.join(b, \'id\', how="right")', after: 'right = a.join(b, \'id\', how="inner")' },
  { operator: 'join-right-to-outer', before: 'right = a.join(b, \'id\', how="right")', after: 'right = a.join(b, \'id\', how="outer")' },
  {
    operator: 'join-left-semi-to-left-anti',
    before: "semi = a.join(b, 'id', how='semi')",
    after: "semi = a.join(b, 'id', how='left_anti')",
  },
  { operator: 'join-left-semi-to-inner', before: "semi = a.join(b, 'id', how='semi')", after: "semi = a.join(b, 'id', how='inner')" },
  {
    operator: 'join-left-anti-to-left-semi',
    before: "anti = a.join(b, 'id', how='left_anti')",
    after: "anti = a.join(b, 'id', how='left_semi')",
  },
  {
    operator: 'null-coalesce-removed',
    before: "filled = a.select(F.coalesce(F.col('x') + 1, F.lit(0)).alias('x'))",
    after: "filled = a.select((F.col('x') + 1).alias('x'))",
  },
  {
    operator: 'null-isnull-to-isnotnull',
    before: "both = a.where(F.col('x').isNull() & (F.col('y') > 0.5))",
    after: "both = a.where(F.col('x').isNotNull() & (F.col('y') > 0.5))",
  },
  {
    operator: 'null-isnotnull-to-isnull',
    before: "either = a.where(F.col('x').isNotNull() | F.isnull('y'))",
    after: "either = a.where(F.col('x').isNull() | F.isnull('y'))",
  },
  {
    operator: 'null-isnull-to-isnotnull',
    before: "either = a.where(F.col('x').isNotNull() | F.isnull('y'))",
    after: "either = a.where(F.col('x').isNotNull() | F.isnotnull('y'))",
  },
  { operator: 'null-fill-removed', before: 'a.fillna(0).na.drop()', after: 'a.na.drop()' },
  { operator: 'null-drop-removed', before: 'a.fillna(0).na.drop()', after: 'a.fillna(0)' },
  { operator: 'filter-removed', before: "lt = a.where(F.col('x') < 3)", after: 'lt = a' },
  { operator: 'filter-removed', before: "gt = a.filter(F.col('x') > F.col('y'))", after: 'gt = a' },
  {
    operator: 'bool-and-to-or',
    before: "both = a.where(F.col('x').isNull() & (F.col('y') > 0.5))",
    after: "both = a.where(F.col('x').isNull() | (F.col('y') > 0.5))",
  },
  {
    operator: 'bool-or-to-and',
    before: "either = a.where(F.col('x').isNotNull() | F.isnull('y'))",
    after: "either = a.where(F.col('x').isNotNull() & F.isnull('y'))",
  },
  { operator: 'bool-not-removed', before: "negated = a.where(~F.col('flag'))", after: "negated = a.where(F.col('flag'))" },
  {
    operator: 'order-desc-to-asc',
    before: "ordered = a.orderBy(F.desc('x'), F.col('y').asc(), 'z')",
    after: "ordered = a.orderBy(F.asc('x'), F.col('y').asc(), 'z')",
  },
  {
    operator: 'order-asc-to-desc',
    before: "ordered = a.orderBy(F.desc('x'), F.col('y').asc(), 'z')",
    after: "ordered = a.orderBy(F.desc('x'), F.col('y').desc(), 'z')",
  },
  {
    operator: 'order-asc-to-desc',
    before: "ordered = a.orderBy(F.desc('x'), F.col('y').asc(), 'z')",
    after: "ordered = a.orderBy(F.desc('x'), F.col('y').asc(), F.desc('z'))",
  },
  {
    operator: 'order-key-removed',
    before: "ordered = a.orderBy(F.desc('x'), F.col('y').asc(), 'z')",
    after: "ordered = a.orderBy(F.desc('x'), 'z')",
  },
  {
    operator: 'order-key-removed',
    before: "ordered = a.orderBy(F.desc('x'), F.col('y').asc(), 'z')",
    after: "ordered = a.orderBy(F.desc('x'), F.col('y').asc())",
  },
  {
    operator: 'order-desc-to-asc',
    before: "by_user = Window.partitionBy('user').orderBy(F.col('t').desc_nulls_last())",
    after: "by_user = Window.partitionBy('user').orderBy(F.col('t').asc_nulls_last())",
  },
  {
    operator: 'order-struct-fields-swapped',
    before: "latest = a.groupBy('id').agg(F.max(F.struct('seq', 'op')), F.count(F.lit(1)), F.count('x'), F.countDistinct('x'))",
    after: "latest = a.groupBy('id').agg(F.max(F.struct('op', 'seq')), F.count(F.lit(1)), F.count('x'), F.countDistinct('x'))",
  },
  {
    operator: 'window-partition-removed',
    before: "by_user = Window.partitionBy('user').orderBy(F.col('t').desc_nulls_last())",
    after: "by_user = Window.orderBy(F.col('t').desc_nulls_last())",
  },
  {
    operator: 'window-partition-key-removed',
    before: "by_both = Window.partitionBy('user', 'day').orderBy('t').rowsBetween(Window.unboundedPreceding, Window.currentRow)",
    after: "by_both = Window.partitionBy('day').orderBy('t').rowsBetween(Window.unboundedPreceding, Window.currentRow)",
  },
  {
    operator: 'frame-rows-to-range',
    before: "by_both = Window.partitionBy('user', 'day').orderBy('t').rowsBetween(Window.unboundedPreceding, Window.currentRow)",
    after: "by_both = Window.partitionBy('user', 'day').orderBy('t').rangeBetween(Window.unboundedPreceding, Window.currentRow)",
  },
  {
    operator: 'frame-unbounded-preceding-to-current-row',
    before: "by_both = Window.partitionBy('user', 'day').orderBy('t').rowsBetween(Window.unboundedPreceding, Window.currentRow)",
    after: "by_both = Window.partitionBy('user', 'day').orderBy('t').rowsBetween(Window.currentRow, Window.currentRow)",
  },
  {
    operator: 'frame-current-row-to-unbounded-following',
    before: "by_both = Window.partitionBy('user', 'day').orderBy('t').rowsBetween(Window.unboundedPreceding, Window.currentRow)",
    after: "by_both = Window.partitionBy('user', 'day').orderBy('t').rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)",
  },
  {
    operator: 'frame-range-to-rows',
    before: "ahead = Window.orderBy('t').rangeBetween(Window.currentRow, Window.unboundedFollowing)",
    after: "ahead = Window.orderBy('t').rowsBetween(Window.currentRow, Window.unboundedFollowing)",
  },
  {
    operator: 'frame-current-row-to-unbounded-preceding',
    before: "ahead = Window.orderBy('t').rangeBetween(Window.currentRow, Window.unboundedFollowing)",
    after: "ahead = Window.orderBy('t').rangeBetween(Window.unboundedPreceding, Window.unboundedFollowing)",
  },
  {
    operator: 'frame-unbounded-following-to-current-row',
    before: "ahead = Window.orderBy('t').rangeBetween(Window.currentRow, Window.unboundedFollowing)",
    after: "ahead = Window.orderBy('t').rangeBetween(Window.currentRow, Window.currentRow)",
  },
  {
    operator: 'frame-default-to-rows',
    before: "a.select(F.sum('x').over(by_user), F.max('x').over(by_both), F.lag('x').over(by_user), F.lead('x', 2).over(by_user))",
    after:
      "a.select(F.sum('x').over(by_user.rowsBetween(Window.unboundedPreceding, Window.currentRow)), F.max('x').over(by_both), F.lag('x').over(by_user), F.lead('x', 2).over(by_user))",
  },
  {
    operator: 'window-lag-to-lead',
    before: "a.select(F.sum('x').over(by_user), F.max('x').over(by_both), F.lag('x').over(by_user), F.lead('x', 2).over(by_user))",
    after: "a.select(F.sum('x').over(by_user), F.max('x').over(by_both), F.lead('x').over(by_user), F.lead('x', 2).over(by_user))",
  },
  {
    operator: 'window-lead-to-lag',
    before: "a.select(F.sum('x').over(by_user), F.max('x').over(by_both), F.lag('x').over(by_user), F.lead('x', 2).over(by_user))",
    after: "a.select(F.sum('x').over(by_user), F.max('x').over(by_both), F.lag('x').over(by_user), F.lag('x', 2).over(by_user))",
  },
  {
    operator: 'rank-row-number-to-rank',
    before: 'a.select(F.row_number().over(by_user), F.rank().over(by_user), F.dense_rank().over(by_user))',
    after: 'a.select(F.rank().over(by_user), F.rank().over(by_user), F.dense_rank().over(by_user))',
  },
  {
    operator: 'rank-row-number-to-dense-rank',
    before: 'a.select(F.row_number().over(by_user), F.rank().over(by_user), F.dense_rank().over(by_user))',
    after: 'a.select(F.dense_rank().over(by_user), F.rank().over(by_user), F.dense_rank().over(by_user))',
  },
  {
    operator: 'rank-rank-to-row-number',
    before: 'a.select(F.row_number().over(by_user), F.rank().over(by_user), F.dense_rank().over(by_user))',
    after: 'a.select(F.row_number().over(by_user), F.row_number().over(by_user), F.dense_rank().over(by_user))',
  },
  {
    operator: 'rank-rank-to-dense-rank',
    before: 'a.select(F.row_number().over(by_user), F.rank().over(by_user), F.dense_rank().over(by_user))',
    after: 'a.select(F.row_number().over(by_user), F.dense_rank().over(by_user), F.dense_rank().over(by_user))',
  },
  {
    operator: 'rank-dense-rank-to-row-number',
    before: 'a.select(F.row_number().over(by_user), F.rank().over(by_user), F.dense_rank().over(by_user))',
    after: 'a.select(F.row_number().over(by_user), F.rank().over(by_user), F.row_number().over(by_user))',
  },
  {
    operator: 'rank-dense-rank-to-rank',
    before: 'a.select(F.row_number().over(by_user), F.rank().over(by_user), F.dense_rank().over(by_user))',
    after: 'a.select(F.row_number().over(by_user), F.rank().over(by_user), F.rank().over(by_user))',
  },
  {
    operator: 'dedup-key-removed',
    before: "deduped = a.dropDuplicates(['id', 'day']).distinct()",
    after: "deduped = a.dropDuplicates(['day']).distinct()",
  },
  {
    operator: 'dedup-key-removed',
    before: "deduped = a.dropDuplicates(['id', 'day']).distinct()",
    after: "deduped = a.dropDuplicates(['id']).distinct()",
  },
  {
    operator: 'dedup-on-all-columns',
    before: "deduped = a.dropDuplicates(['id', 'day']).distinct()",
    after: 'deduped = a.dropDuplicates().distinct()',
  },
  { operator: 'dedup-removed', before: "deduped = a.dropDuplicates(['id', 'day']).distinct()", after: 'deduped = a.distinct()' },
  {
    operator: 'dedup-removed',
    before: "deduped = a.dropDuplicates(['id', 'day']).distinct()",
    after: "deduped = a.dropDuplicates(['id', 'day'])",
  },
  {
    operator: 'agg-sum-to-count',
    before: "a.select(F.sum('x').over(by_user), F.max('x').over(by_both), F.lag('x').over(by_user), F.lead('x', 2).over(by_user))",
    after: "a.select(F.count('x').over(by_user), F.max('x').over(by_both), F.lag('x').over(by_user), F.lead('x', 2).over(by_user))",
  },
  {
    operator: 'agg-sum-to-avg',
    before: "a.select(F.sum('x').over(by_user), F.max('x').over(by_both), F.lag('x').over(by_user), F.lead('x', 2).over(by_user))",
    after: "a.select(F.avg('x').over(by_user), F.max('x').over(by_both), F.lag('x').over(by_user), F.lead('x', 2).over(by_user))",
  },
  {
    operator: 'agg-max-to-min',
    before: "latest = a.groupBy('id').agg(F.max(F.struct('seq', 'op')), F.count(F.lit(1)), F.count('x'), F.countDistinct('x'))",
    after: "latest = a.groupBy('id').agg(F.min(F.struct('seq', 'op')), F.count(F.lit(1)), F.count('x'), F.countDistinct('x'))",
  },
  {
    operator: 'agg-count-to-sum',
    before: "latest = a.groupBy('id').agg(F.max(F.struct('seq', 'op')), F.count(F.lit(1)), F.count('x'), F.countDistinct('x'))",
    after: "latest = a.groupBy('id').agg(F.max(F.struct('seq', 'op')), F.count(F.lit(1)), F.sum('x'), F.countDistinct('x'))",
  },
  {
    operator: 'agg-count-to-count-distinct',
    before: "latest = a.groupBy('id').agg(F.max(F.struct('seq', 'op')), F.count(F.lit(1)), F.count('x'), F.countDistinct('x'))",
    after: "latest = a.groupBy('id').agg(F.max(F.struct('seq', 'op')), F.count(F.lit(1)), F.countDistinct('x'), F.countDistinct('x'))",
  },
  {
    operator: 'agg-count-distinct-to-count',
    before: "latest = a.groupBy('id').agg(F.max(F.struct('seq', 'op')), F.count(F.lit(1)), F.count('x'), F.countDistinct('x'))",
    after: "latest = a.groupBy('id').agg(F.max(F.struct('seq', 'op')), F.count(F.lit(1)), F.count('x'), F.count('x'))",
  },
  {
    operator: 'agg-first-to-last',
    before: "a.groupBy('id').agg(F.first('x'), F.last('x'), F.avg('x'), F.mean('x'), F.collect_set('x'), F.collect_list('x'))",
    after: "a.groupBy('id').agg(F.last('x'), F.last('x'), F.avg('x'), F.mean('x'), F.collect_set('x'), F.collect_list('x'))",
  },
  {
    operator: 'agg-last-to-first',
    before: "a.groupBy('id').agg(F.first('x'), F.last('x'), F.avg('x'), F.mean('x'), F.collect_set('x'), F.collect_list('x'))",
    after: "a.groupBy('id').agg(F.first('x'), F.first('x'), F.avg('x'), F.mean('x'), F.collect_set('x'), F.collect_list('x'))",
  },
  {
    operator: 'agg-avg-to-sum',
    before: "a.groupBy('id').agg(F.first('x'), F.last('x'), F.avg('x'), F.mean('x'), F.collect_set('x'), F.collect_list('x'))",
    after: "a.groupBy('id').agg(F.first('x'), F.last('x'), F.sum('x'), F.mean('x'), F.collect_set('x'), F.collect_list('x'))",
  },
  {
    operator: 'agg-mean-to-sum',
    before: "a.groupBy('id').agg(F.first('x'), F.last('x'), F.avg('x'), F.mean('x'), F.collect_set('x'), F.collect_list('x'))",
    after: "a.groupBy('id').agg(F.first('x'), F.last('x'), F.avg('x'), F.sum('x'), F.collect_set('x'), F.collect_list('x'))",
  },
  {
    operator: 'agg-collect-set-to-collect-list',
    before: "a.groupBy('id').agg(F.first('x'), F.last('x'), F.avg('x'), F.mean('x'), F.collect_set('x'), F.collect_list('x'))",
    after: "a.groupBy('id').agg(F.first('x'), F.last('x'), F.avg('x'), F.mean('x'), F.collect_list('x'), F.collect_list('x'))",
  },
  {
    operator: 'agg-collect-list-to-collect-set',
    before: "a.groupBy('id').agg(F.first('x'), F.last('x'), F.avg('x'), F.mean('x'), F.collect_set('x'), F.collect_list('x'))",
    after: "a.groupBy('id').agg(F.first('x'), F.last('x'), F.avg('x'), F.mean('x'), F.collect_set('x'), F.collect_set('x'))",
  },
  {
    operator: 'fn-greatest-to-least',
    before: "a.select(F.greatest('x', 'y'), F.least('x', 'y'), F.isnotnull('x'))",
    after: "a.select(F.least('x', 'y'), F.least('x', 'y'), F.isnotnull('x'))",
  },
  {
    operator: 'fn-least-to-greatest',
    before: "a.select(F.greatest('x', 'y'), F.least('x', 'y'), F.isnotnull('x'))",
    after: "a.select(F.greatest('x', 'y'), F.greatest('x', 'y'), F.isnotnull('x'))",
  },
  {
    operator: 'null-isnotnull-to-isnull',
    before: "a.select(F.greatest('x', 'y'), F.least('x', 'y'), F.isnotnull('x'))",
    after: "a.select(F.greatest('x', 'y'), F.least('x', 'y'), F.isnull('x'))",
  },
];

const sampleLines = SAMPLE.split('\n');
const lineOf = (text: string): number => {
  const found = sampleLines.flatMap((l, i) => (l.trim() === text ? [i] : []));
  if (found.length !== 1) throw new Error(`SAMPLE has ${found.length} lines ${JSON.stringify(text)}, the table needs exactly one`);
  return found[0]!;
};

let dir: string;
let mutants: Mutant[];
/** Ids of the mutants that Python itself (compile(), outside mutate.py) does not accept. */
let notCompiling: string[];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mutate-'));
  const file = path.join(dir, 'sample.py');
  writeFileSync(file, SAMPLE);
  mutants = listMutants(file);
  const check =
    'import json, sys\nfor m in json.load(sys.stdin):\n    try:\n        compile(m["source"], m["id"], "exec")\n    except SyntaxError:\n        print(m["id"])\n';
  notCompiling = execFileSync('python3', ['-c', check], { input: JSON.stringify(mutants), encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mutate.py', () => {
  it.each(OPERATORS)('$operator turns `$before` into `$after`', ({ operator, before, after }) => {
    const line = lineOf(before);
    const changed = mutants
      .filter((m) => m.operator === operator && m.line === line + 1)
      .map((m) => m.source.split('\n'))
      .filter((lines) => lines.every((l, i) => i === line || l === sampleLines[i]))
      .map((lines) => lines[line]!.trim());
    expect(changed).toContain(after);
  });

  it('produces only the operators the table names, each at least once', () => {
    expect([...new Set(mutants.map((m) => m.operator))].sort()).toEqual([...new Set(OPERATORS.map((o) => o.operator))].sort());
  });

  it('gives every mutant valid Python that differs from the original, under a unique id naming its operator and place', () => {
    expect(notCompiling).toEqual([]);
    for (const m of mutants) {
      expect(m.source).not.toBe(SAMPLE);
      expect(m.id).toBe(`${m.operator}@L${m.line}:${m.column}`);
      expect(m.description).toMatch(new RegExp(`^line ${m.line}: \`.+\` (-> \`.+\`|removed)$`));
    }
    expect(new Set(mutants.map((m) => m.id)).size).toBe(mutants.length);
  });

  it('leaves alone what would be equivalent or is not the PySpark construct', () => {
    const on = (text: string): Mutant[] => mutants.filter((m) => m.line === lineOf(text) + 1);
    const counted = on(
      "latest = a.groupBy('id').agg(F.max(F.struct('seq', 'op')), F.count(F.lit(1)), F.count('x'), F.countDistinct('x'))",
    ).map((m) => m.description);
    // count(lit(n)) counts the same rows for any n, and sum(lit(1)) is the count.
    expect(counted.filter((d) => /F\.count\(F\.lit\((?!1\))|F\.sum\(F\.lit/.test(d.split(' -> ')[1] ?? ''))).toEqual([]);
    // DataFrame.coalesce's partition count (off by one, the same rows), and F.filter (a higher-order
    // array function), are not null handling, constants or row filters: only the lambda's isNotNull is.
    expect(on("parts = a.coalesce(2).select(F.filter('xs', lambda v: v.isNotNull()))").map((m) => m.operator)).toEqual([
      'null-isnotnull-to-isnull',
    ]);
    // A bare Window is no window spec; an aggregate over a framed window keeps its frame.
    expect(on("spec = Window.partitionBy('u')")).toEqual([]);
    expect(mutants.filter((m) => m.operator === 'frame-default-to-rows').map((m) => m.column)).toHaveLength(1);
  });
});
