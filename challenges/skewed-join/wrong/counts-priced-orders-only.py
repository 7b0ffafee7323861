# expect: wrong_answer
# breaks: orders counts every order, priced or not (this counts only non-null amounts)
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def solve(spark: SparkSession, orders: DataFrame, customers: DataFrame) -> DataFrame:
    segments = customers.dropDuplicates(['customer_id'])
    joined = orders.join(F.broadcast(segments), on='customer_id', how='left')
    return joined.groupBy(
        F.coalesce(F.col('segment'), F.lit('unknown')).alias('segment'),
        F.to_date('order_ts').alias('order_date'),
    ).agg(F.count('amount').alias('orders'), F.coalesce(F.sum('amount'), F.lit(0.0)).alias('revenue'))
