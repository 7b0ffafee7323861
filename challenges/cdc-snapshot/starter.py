from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def solve(spark: SparkSession, changes: DataFrame) -> DataFrame:
    """The current snapshot of the customers table described by the change feed.

    Return a DataFrame with columns customer_id (long), name (string), email (string),
    updated_at (timestamp) and seq (long): one row per customer present now.
    """
    # Your code here.
    return spark.createDataFrame([], 'customer_id BIGINT, name STRING, email STRING, updated_at TIMESTAMP, seq BIGINT')
