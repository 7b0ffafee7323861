# Scale-case generator for skewed-join: ~200k orders where three hot customers hold ~60% of the rows,
# ~20k customers (some listed twice, some without a segment), orders of unknown or null customers,
# null amounts, refunds, and orders on the exact second of midnight UTC.
# Every value is a hash of (row id, seed, salt), never rand(), so partitioning cannot change the rows.
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

EPOCH_2024_03_01 = 1709251200  # 2024-03-01T00:00:00Z, in seconds
SEGMENTS = ['enterprise', 'smb', 'consumer', 'partner', 'public_sector']


def _h(seed: int, salt: int, *cols) -> F.Column:
    """A non-negative pseudo-random integer below 2^31, fixed by the given columns, seed and salt."""
    return F.pmod(F.hash(*cols, F.lit(seed), F.lit(salt)), F.lit(2_147_483_647))


def generate(
    spark: SparkSession,
    seed: int,
    orders: int = 200_000,
    customers: int = 20_000,
    hot_pct: int = 60,
    unknown_customers: int = 400,
    null_customer_pct: int = 1,
    null_amount_pct: int = 2,
    refund_pct: int = 3,
    null_segment_pct: int = 1,
    duplicate_customer_pct: int = 2,
    midnight_pct: int = 1,
    days: int = 30,
) -> dict[str, DataFrame]:
    cid = F.col('id')
    segment = F.element_at(F.array(*[F.lit(s) for s in SEGMENTS]), (F.pmod(_h(seed, 1, cid), F.lit(len(SEGMENTS))) + 1).cast('int'))
    dims = spark.range(0, customers, 1, numPartitions=4).select(
        cid.alias('customer_id'),
        # The hot customers (0, 1, 2) always have a segment, so the skew lands on a real join key.
        F.when((cid >= 3) & (F.pmod(_h(seed, 2, cid), F.lit(100)) < null_segment_pct), F.lit(None).cast('string'))
         .otherwise(segment).alias('segment'),
    )
    # A few customers are listed twice (identical rows), as a sloppy dimension load would.
    twice = dims.where(F.pmod(_h(seed, 3, F.col('customer_id')), F.lit(100)) < duplicate_customer_pct)
    customers_df = dims.unionByName(twice)

    oid = F.col('id')
    who = F.pmod(_h(seed, 10, oid), F.lit(1000))
    hot = hot_pct * 10
    customer = (
        F.when(who < hot // 2, F.lit(0))           # half of the hot share: customer 0
        .when(who < hot * 8 // 10, F.lit(1))        # then customer 1
        .when(who < hot, F.lit(2))                  # then customer 2
        .when(who < hot + null_customer_pct * 10, F.lit(None))
        # Everyone else: ids up to customers + unknown_customers, the last ones with no customers row.
        .otherwise(F.pmod(_h(seed, 11, oid), F.lit(customers + unknown_customers)))
        .cast('long')
    )
    day = F.pmod(_h(seed, 12, oid), F.lit(days))
    when_roll = F.pmod(_h(seed, 13, oid), F.lit(1000))
    second_of_day = (
        F.when(when_roll < midnight_pct * 5, F.lit(0))                       # 00:00:00 exactly
        .when(when_roll < midnight_pct * 10, F.lit(86399))                   # 23:59:59
        .otherwise(F.pmod(_h(seed, 14, oid), F.lit(86400)))
    )
    amount_roll = F.pmod(_h(seed, 15, oid), F.lit(100))
    cents = F.pmod(_h(seed, 16, oid), F.lit(100_000))
    amount = (
        F.when(amount_roll < null_amount_pct, F.lit(None).cast('double'))
        .when(amount_roll < null_amount_pct + refund_pct, -(cents % 20_000) / F.lit(100.0))
        .otherwise(cents / F.lit(100.0))
    )
    orders_df = spark.range(0, orders, 1, numPartitions=8).select(
        (oid + F.lit(1_000_000)).alias('order_id'),
        customer.alias('customer_id'),
        F.timestamp_seconds(F.lit(EPOCH_2024_03_01) + day * 86400 + second_of_day).alias('order_ts'),
        amount.alias('amount'),
    )
    return {'orders': orders_df, 'customers': customers_df}
