from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def solve(spark: SparkSession, path: str) -> DataFrame:
    """Count the well-formed records of the CSV file at `path` per category.

    Return a DataFrame with columns category (string) and count (long), ordered by count
    descending, then category ascending.
    """
    # Your code here. Start from spark.read.csv(path, ...).
    return spark.createDataFrame([], 'category STRING, count BIGINT')
