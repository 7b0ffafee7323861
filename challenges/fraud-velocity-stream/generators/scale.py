# Scale-case generator for fraud-velocity-stream: `batches` micro-batches of `per_batch`
# deliveries. Micro-batch b carries events of its own 10 minutes of event time, a share of
# them sent to a few hot cards in bursts (so many windows pass 3), ~6% of events from 1 to 3
# micro-batches earlier: late, some still within the 10-minute watermark and some beyond it, and
# ~4% redeliveries of a transaction delivered up to 2 micro-batches before (the same txn_id,
# card_id, amount_cents and event_time), some before its window closes and some after.
# Every value is a hash of (row id, seed, salt), never rand(), so partitioning cannot change the rows.
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

START_2024_03_01 = 1709251200  # 2024-03-01T00:00:00Z, in seconds
BATCH_SPAN_SECONDS = 600


def _h(seed: int, salt: int, *cols) -> F.Column:
    """A non-negative pseudo-random integer below 2^31, fixed by the given columns, seed and salt."""
    return F.pmod(F.hash(*cols, F.lit(seed), F.lit(salt)), F.lit(2_147_483_647))


def generate(spark: SparkSession, seed: int, batches: int = 8, per_batch: int = 6000, cards: int = 3000,
             hot_cards: int = 40, hot_pct: int = 15, late_pct: int = 6, redelivery_pct: int = 4) -> dict[str, DataFrame]:
    i = F.col('id')
    # A redelivery repeats the transaction of an earlier row (up to 2 micro-batches back): every
    # value but the micro-batch it arrives in is computed from that row's id, `t`.
    back = F.lit(1) + F.pmod(_h(seed, 9, i), F.lit(2 * per_batch))
    redelivered = (F.pmod(_h(seed, 10, i), F.lit(100)) < redelivery_pct) & (i >= back)
    t = F.when(redelivered, i - back).otherwise(i)
    hot = _h(seed, 1, t) % 100 < hot_pct
    card = F.when(hot, F.pmod(_h(seed, 2, t), F.lit(hot_cards))).otherwise(F.lit(hot_cards) + F.pmod(_h(seed, 3, t), F.lit(cards - hot_cards)))
    # Hot cards' events bunch into the first minute of each micro-batch's span: bursts.
    offset = F.when(hot, F.pmod(_h(seed, 4, t), F.lit(60))).otherwise(F.pmod(_h(seed, 5, t), F.lit(BATCH_SPAN_SECONDS)))
    late_by = F.when(F.pmod(_h(seed, 6, t), F.lit(100)) < late_pct, F.lit(1) + F.pmod(_h(seed, 7, t), F.lit(3))).otherwise(F.lit(0))
    seconds = F.lit(START_2024_03_01 + 10 * 3600) + (F.floor(t / per_batch) - late_by) * BATCH_SPAN_SECONDS + offset
    transactions = spark.range(0, batches * per_batch, 1, numPartitions=4).select(
        F.floor(i / per_batch).cast('int').alias('micro_batch'),
        F.format_string('t%07d', t).alias('txn_id'),
        F.format_string('card-%04d', card).alias('card_id'),
        (F.lit(100) + F.pmod(_h(seed, 8, t), F.lit(50_000))).cast('long').alias('amount_cents'),
        F.timestamp_seconds(seconds).alias('event_time'),
    )
    return {'transactions': transactions}
