# Reference solution for fraud-velocity-stream: a 10-minute watermark on event_time, per card and
# tumbling 5-minute window a count and a sum, and only windows with more than 3 transactions. In
# append mode Spark emits a window once, when the watermark passes its end, and drops
# transactions for windows it has already closed.
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def build(spark: SparkSession, transactions: DataFrame) -> DataFrame:
    per_window = (
        transactions
        .withWatermark('event_time', '10 minutes')
        .groupBy('card_id', F.window('event_time', '5 minutes'))
        .agg(F.count(F.lit(1)).alias('txn_count'), F.sum('amount_cents').alias('total_amount_cents'))
    )
    return per_window.where(F.col('txn_count') > 3).select(
        'card_id',
        F.col('window.start').alias('window_start'),
        F.col('window.end').alias('window_end'),
        'txn_count',
        'total_amount_cents',
    )
