from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def solve(spark: SparkSession, orders: DataFrame, customers: DataFrame) -> DataFrame:
    """Order counts and revenue per customer segment and UTC day.

    Return a DataFrame with columns segment (string), order_date (date), orders (long) and
    revenue (double).
    """
    # Your code here.
    return spark.createDataFrame([], 'segment STRING, order_date DATE, orders BIGINT, revenue DOUBLE')
