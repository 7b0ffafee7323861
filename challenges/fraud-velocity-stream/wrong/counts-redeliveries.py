# expect: wrong_answer
# breaks: a transaction counts once however many times it is delivered; this counts every delivery
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
