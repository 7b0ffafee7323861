# expect: wrong_answer
# breaks: the watermark is 10 minutes (with 20, windows close later and late transactions that must be dropped are counted)
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def build(spark: SparkSession, transactions: DataFrame) -> DataFrame:
    windowed = transactions.withWatermark('event_time', '20 minutes').select(
        'txn_id', 'card_id', 'amount_cents', F.window('event_time', '5 minutes').alias('window')
    )
    per_window = windowed.dropDuplicates(['txn_id', 'window']).groupBy('card_id', 'window').agg(
        F.count(F.lit(1)).alias('txn_count'), F.sum('amount_cents').alias('total_amount_cents')
    )
    return per_window.where(F.col('txn_count') > 3).select(
        'card_id',
        F.col('window.start').alias('window_start'),
        F.col('window.end').alias('window_end'),
        'txn_count',
        'total_amount_cents',
    )
