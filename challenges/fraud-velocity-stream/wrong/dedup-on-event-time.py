# expect: wrong_answer
# breaks: a transaction whose window is still open counts even when its event_time is behind the watermark; deduplicating on (txn_id, event_time) drops such rows, as Spark's streaming dedup drops rows at or behind the watermark by its event-time column
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def build(spark: SparkSession, transactions: DataFrame) -> DataFrame:
    per_window = (
        transactions
        .withWatermark('event_time', '10 minutes')
        .dropDuplicates(['txn_id', 'event_time'])
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
