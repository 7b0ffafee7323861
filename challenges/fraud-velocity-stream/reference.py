# Reference solution for fraud-velocity-stream: a 10-minute watermark on event_time, each
# transaction's tumbling 5-minute window, redeliveries dropped by (txn_id, window), then per card and
# window a count and a sum, and only windows with more than 3 transactions. In append mode Spark
# emits a window once, when the watermark reaches its end, and drops transactions for windows it
# has already closed.
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def build(spark: SparkSession, transactions: DataFrame) -> DataFrame:
    windowed = transactions.withWatermark('event_time', '10 minutes').select(
        'txn_id', 'card_id', 'amount_cents', F.window('event_time', '5 minutes').alias('window')
    )
    # The window, not event_time, is the event-time column of the dedup key (event_time is left out
    # of the projection on purpose): Spark's streaming dedup drops rows at or behind the watermark
    # by its event-time column, which for event_time would drop a transaction whose window is
    # still open (rule 5 counts it); by the window it drops exactly what the aggregation drops, and
    # each key's state is evicted when its window closes, so the state stays bounded. Every delivery
    # of a txn_id has the same event_time, hence the same window.
    first_deliveries = windowed.dropDuplicates(['txn_id', 'window'])
    per_window = first_deliveries.groupBy('card_id', 'window').agg(
        F.count(F.lit(1)).alias('txn_count'), F.sum('amount_cents').alias('total_amount_cents')
    )
    return per_window.where(F.col('txn_count') > 3).select(
        'card_id',
        F.col('window.start').alias('window_start'),
        F.col('window.end').alias('window_end'),
        'txn_count',
        'total_amount_cents',
    )
