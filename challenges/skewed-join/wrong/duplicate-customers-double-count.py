# expect: wrong_answer
# breaks: each order counts once even when its customer is listed more than once (this joins without deduplicating customers)
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def solve(spark: SparkSession, orders: DataFrame, customers: DataFrame) -> DataFrame:
    joined = orders.join(F.broadcast(customers), on='customer_id', how='left')
    return joined.groupBy(
        F.coalesce(F.col('segment'), F.lit('unknown')).alias('segment'),
        F.to_date('order_ts').alias('order_date'),
    ).agg(F.count(F.lit(1)).alias('orders'), F.coalesce(F.sum('amount'), F.lit(0.0)).alias('revenue'))
