from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def build(spark: SparkSession, transactions: DataFrame) -> DataFrame:
    """A streaming DataFrame of velocity alerts over the `transactions` stream.

    Return it without starting it: the grader runs it as an append-mode query. Columns: card_id
    (string), window_start and window_end (timestamp), txn_count and total_amount_cents (long).
    """
    # Your code here.
    return transactions.where(F.lit(False)).select(
        'card_id',
        F.col('event_time').alias('window_start'),
        F.col('event_time').alias('window_end'),
        F.lit(0).cast('long').alias('txn_count'),
        F.col('amount_cents').alias('total_amount_cents'),
    )
