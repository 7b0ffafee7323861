# Scale-case generator for cdc-snapshot: ~215k change rows for ~30k customers, with repeated
# deliveries, hashed (out-of-order) arrival, deletes, re-inserts and updates after deletes,
# updates without an insert, null names and emails, and updated_at clocks that go backwards.
# Every value is a hash of (row ids, seed, salt), never rand(), so partitioning cannot change the rows.
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

EPOCH_2024_03_01 = 1709251200  # 2024-03-01T00:00:00Z, in seconds


def _h(seed: int, salt: int, *cols) -> F.Column:
    """A non-negative pseudo-random integer below 2^31, fixed by the given columns, seed and salt."""
    return F.pmod(F.hash(*cols, F.lit(seed), F.lit(salt)), F.lit(2_147_483_647))


def generate(
    spark: SparkSession,
    seed: int,
    customers: int = 30_000,
    min_changes: int = 2,
    max_changes: int = 11,
    delete_pct: int = 12,
    insert_pct: int = 6,
    no_insert_pct: int = 3,
    duplicate_pct: int = 8,
    null_name_pct: int = 3,
    null_email_pct: int = 5,
    days: int = 30,
) -> dict[str, DataFrame]:
    c = F.col('c')
    per_customer = spark.range(0, customers, 1, numPartitions=8).select(
        F.col('id').alias('c'),
        (F.lit(min_changes) + F.pmod(_h(seed, 1, F.col('id')), F.lit(max_changes - min_changes + 1))).alias('n'),
        (F.lit(EPOCH_2024_03_01) + F.pmod(_h(seed, 2, F.col('id')), F.lit(days * 86400))).cast('long').alias('base'),
    )
    changes = per_customer.select(c, 'base', F.explode(F.sequence(F.lit(0), F.col('n') - 1)).alias('k'))
    k = F.col('k')
    op_roll = F.pmod(_h(seed, 3, c, k), F.lit(100))
    op = (
        F.when((k == 0) & (op_roll >= no_insert_pct), F.lit('insert'))
        .when(k == 0, F.lit('update'))  # the insert never reached the feed
        .when(op_roll < delete_pct, F.lit('delete'))
        .when(op_roll < delete_pct + insert_pct, F.lit('insert'))
        .otherwise(F.lit('update'))
    )
    # seq rises with k (offsets stay below the step), spans several digit counts, and is not dense.
    seq = (k * F.lit(1_000_000) + F.pmod(_h(seed, 4, c, k), F.lit(1_000_000))).cast('long')
    # Roughly an hour apart, jittered by up to +-1 hour: updated_at sometimes goes backwards.
    updated = F.col('base') + k * 3600 + F.pmod(_h(seed, 5, c, k), F.lit(7200)) - 3600
    is_delete = op == 'delete'
    name = F.when(is_delete | (F.pmod(_h(seed, 6, c, k), F.lit(100)) < null_name_pct), F.lit(None).cast('string')) \
        .otherwise(F.format_string('Customer %d v%d', c, k))
    email = F.when(is_delete | (F.pmod(_h(seed, 7, c, k), F.lit(100)) < null_email_pct), F.lit(None).cast('string')) \
        .otherwise(F.format_string('c%d.v%d@example.com', c, k))
    dup_roll = F.pmod(_h(seed, 8, c, k), F.lit(100))
    deliveries = F.lit(1) + F.when(dup_roll < duplicate_pct, 1).otherwise(0) + F.when(dup_roll < duplicate_pct / 4, 1).otherwise(0)
    rows = changes.select(
        c.alias('customer_id'), k, op.alias('op'), seq.alias('seq'), name.alias('name'), email.alias('email'),
        F.timestamp_seconds(updated).alias('updated_at'),
        F.explode(F.sequence(F.lit(1), deliveries)).alias('d'),
    )
    # Rows in a hashed order within each partition: arrival order says nothing about seq.
    rows = rows.sortWithinPartitions(_h(seed, 9, F.col('customer_id'), k, F.col('d')))
    return {'changes': rows.select('customer_id', 'op', 'seq', 'name', 'email', 'updated_at')}
