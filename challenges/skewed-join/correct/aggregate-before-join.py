# style: aggregate orders per customer and day first, then join the much smaller result and roll it up
from pyspark.sql import functions as F


def solve(spark, orders, customers):
    per_customer_day = orders.groupBy('customer_id', F.to_date('order_ts').alias('order_date')).agg(
        F.count(F.lit(1)).alias('orders'), F.sum('amount').alias('revenue')
    )
    segments = customers.groupBy('customer_id').agg(F.first('segment', ignorenulls=True).alias('segment'))
    joined = per_customer_day.join(segments, on='customer_id', how='left')
    return joined.groupBy(F.coalesce('segment', F.lit('unknown')).alias('segment'), 'order_date').agg(
        F.sum('orders').alias('orders'), F.coalesce(F.sum('revenue'), F.lit(0.0)).alias('revenue')
    )
