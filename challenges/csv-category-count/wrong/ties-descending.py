# expect: wrong_answer
# breaks: ties on count are ordered by category ascending (this orders them descending)
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

SCHEMA = "id STRING, category STRING, amount DOUBLE"


def solve(spark: SparkSession, path: str) -> DataFrame:
    lines = spark.read.option("header", True).option("mode", "DROPMALFORMED").schema(SCHEMA).csv(path)
    records = lines.localCheckpoint()
    categories = records.select(F.trim("category").alias("category")).where(F.col("category").isNotNull() & (F.col("category") != ""))
    return categories.groupBy("category").agg(F.count(F.lit(1)).alias("count")).orderBy(F.col("count").desc(), F.col("category").desc())
