# expect: wrong_answer
# breaks: revenue is 0.0 when no order of the group has an amount (this leaves the null sum)
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def solve(spark: SparkSession, orders: DataFrame, customers: DataFrame) -> DataFrame:
    segments = customers.dropDuplicates(['customer_id'])
    joined = orders.join(F.broadcast(segments), on='customer_id', how='left')
    return joined.groupBy(
        F.coalesce(F.col('segment'), F.lit('unknown')).alias('segment'),
        F.to_date('order_ts').alias('order_date'),
    ).agg(F.count(F.lit(1)).alias('orders'), F.sum('amount').alias('revenue'))
