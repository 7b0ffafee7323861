# expect: wrong_answer
# breaks: a customer whose segment is null counts under unknown (this only maps unmatched orders to unknown and leaves a null segment)
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def solve(spark: SparkSession, orders: DataFrame, customers: DataFrame) -> DataFrame:
    segments = customers.dropDuplicates(['customer_id']).withColumn('matched', F.lit(True))
    joined = orders.join(F.broadcast(segments), on='customer_id', how='left')
    return joined.groupBy(
        F.when(F.col('matched').isNull(), F.lit('unknown')).otherwise(F.col('segment')).alias('segment'),
        F.to_date('order_ts').alias('order_date'),
    ).agg(F.count(F.lit(1)).alias('orders'), F.coalesce(F.sum('amount'), F.lit(0.0)).alias('revenue'))
