# style: one aggregation per card and groupBy(window): the window's set of (txn_id, amount_cents) structs, counted with size and summed with the aggregate higher-order function
from pyspark.sql import functions as F


def build(spark, transactions):
    per_window = (
        transactions.withWatermark('event_time', '10 minutes')
        .groupBy(F.window('event_time', '5 minutes').alias('window'), 'card_id')
        # Redeliveries are equal structs, so the set holds each transaction once.
        .agg(F.collect_set(F.struct('txn_id', 'amount_cents')).alias('txns'))
    )
    return per_window.where(F.size('txns') > 3).select(
        'card_id',
        F.col('window.start').alias('window_start'),
        F.col('window.end').alias('window_end'),
        F.size('txns').cast('long').alias('txn_count'),
        F.aggregate('txns', F.lit(0).cast('long'), lambda total, t: total + t['amount_cents']).alias('total_amount_cents'),
    )
