# expect: runtime_error
# breaks: order_date is derived from order_ts (orders has no order_date column, so this fails)
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def solve(spark: SparkSession, orders: DataFrame, customers: DataFrame) -> DataFrame:
    segments = customers.dropDuplicates(['customer_id'])
    joined = orders.join(F.broadcast(segments), on='customer_id', how='left')
    return joined.groupBy(
        F.coalesce(F.col('segment'), F.lit('unknown')).alias('segment'), 'order_date',
    ).agg(F.count(F.lit(1)).alias('orders'), F.coalesce(F.sum('amount'), F.lit(0.0)).alias('revenue'))
