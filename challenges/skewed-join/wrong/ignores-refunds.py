# expect: wrong_answer
# breaks: negative amounts (refunds) are summed as they are (this sums only positive amounts)
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def solve(spark: SparkSession, orders: DataFrame, customers: DataFrame) -> DataFrame:
    segments = customers.dropDuplicates(['customer_id'])
    joined = orders.join(F.broadcast(segments), on='customer_id', how='left')
    return joined.groupBy(
        F.coalesce(F.col('segment'), F.lit('unknown')).alias('segment'),
        F.to_date('order_ts').alias('order_date'),
    ).agg(
        F.count(F.lit(1)).alias('orders'),
        F.coalesce(F.sum(F.when(F.col('amount') > 0, F.col('amount'))), F.lit(0.0)).alias('revenue'),
    )
