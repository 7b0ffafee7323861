# style: a salted shuffle join: each order gets one of 8 salts, each customer is repeated under all 8
from pyspark.sql import functions as F

SALTS = 8


def solve(spark, orders, customers):
    segments = customers.dropDuplicates(['customer_id']).select('customer_id', 'segment')
    salted_customers = segments.withColumn('salt', F.explode(F.sequence(F.lit(0), F.lit(SALTS - 1))))
    salted_orders = orders.withColumn('salt', F.pmod(F.col('order_id'), F.lit(SALTS)).cast('int'))
    joined = salted_orders.join(salted_customers.hint('merge'), on=['customer_id', 'salt'], how='left')
    return joined.groupBy(
        F.coalesce('segment', F.lit('unknown')).alias('segment'),
        F.to_date('order_ts').alias('order_date'),
    ).agg(F.count(F.lit(1)).alias('orders'), F.coalesce(F.sum('amount'), F.lit(0.0)).alias('revenue'))
