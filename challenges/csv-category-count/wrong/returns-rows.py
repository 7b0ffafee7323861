# expect: invalid_submission
# breaks: solve returns a Spark DataFrame (this returns the collected rows, a list)
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

SCHEMA = "id STRING, category STRING, amount DOUBLE"


def solve(spark: SparkSession, path: str):
    lines = spark.read.option("header", True).option("mode", "DROPMALFORMED").schema(SCHEMA).csv(path)
    categories = lines.localCheckpoint().select(F.trim("category").alias("category")).where(F.col("category") != "")
    return categories.groupBy("category").count().orderBy(F.col("count").desc(), "category").collect()
