# expect: wrong_answer
# breaks: every order keeps its customer's segment (this salted join gives orders 8 salts but copies customers for only 7, so orders with the last salt lose their segment)
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def solve(spark: SparkSession, orders: DataFrame, customers: DataFrame) -> DataFrame:
    salts = 8
    # Deterministic salt from the order id (never rand(): the answer must not depend on the run).
    salted_orders = orders.withColumn('salt', F.pmod(F.hash('order_id'), F.lit(salts)))
    # Bug: sequence(0, salts - 2) produces only salts 0..6.
    salted_customers = (
        customers.dropDuplicates(['customer_id'])
        .withColumn('salt', F.explode(F.sequence(F.lit(0), F.lit(salts - 2))))
    )
    joined = salted_orders.join(salted_customers, on=['customer_id', 'salt'], how='left')
    return joined.groupBy(
        F.coalesce(F.col('segment'), F.lit('unknown')).alias('segment'),
        F.to_date('order_ts').alias('order_date'),
    ).agg(F.count(F.lit(1)).alias('orders'), F.coalesce(F.sum('amount'), F.lit(0.0)).alias('revenue'))
