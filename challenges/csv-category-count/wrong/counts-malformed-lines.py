# expect: wrong_answer
# breaks: malformed lines are skipped (Spark only checks the columns a query reads, so counting categories straight from a DROPMALFORMED read keeps lines with a bad amount or a wrong field count)
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

SCHEMA = "id STRING, category STRING, amount DOUBLE"


def solve(spark: SparkSession, path: str) -> DataFrame:
    lines = spark.read.option("header", True).option("mode", "DROPMALFORMED").schema(SCHEMA).csv(path)
    categories = lines.select(F.trim("category").alias("category")).where(F.col("category").isNotNull() & (F.col("category") != ""))
    return categories.groupBy("category").agg(F.count(F.lit(1)).alias("count")).orderBy(F.col("count").desc(), "category")
