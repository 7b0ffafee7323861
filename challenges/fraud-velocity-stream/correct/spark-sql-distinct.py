# style: Spark SQL over the streaming view: SELECT DISTINCT per transaction and window (planned as a streaming aggregation), then GROUP BY ... HAVING
def build(spark, transactions):
    # SQL has no watermark clause in Spark 3.5: the view is the watermarked stream.
    transactions.withWatermark('event_time', '10 minutes').createOrReplaceTempView('transactions')
    return spark.sql(
        """
        SELECT card_id, window.start AS window_start, window.end AS window_end,
               COUNT(*) AS txn_count, SUM(amount_cents) AS total_amount_cents
        FROM (
          SELECT DISTINCT txn_id, card_id, amount_cents, window(event_time, '5 minutes') AS window
          FROM transactions
        ) AS transaction_windows
        GROUP BY card_id, window
        HAVING COUNT(*) > 3
        """
    )
