# expect: wrong_answer
# breaks: a " may appear only as the first and last character of a quoted field (Spark's CSV reader keeps "Books"x as a category, ignores a space after a closing quote and reads an unclosed quote at the end of a line)
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

NUMBER = r"^-?[0-9]+(\.[0-9]+)?$"


def solve(spark: SparkSession, path: str) -> DataFrame:
    lines = (
        spark.read.option("header", True)
        .option("mode", "DROPMALFORMED")
        .schema("id STRING, category STRING, amount STRING")
        .csv(path)
        .localCheckpoint()  # every column parsed, so every line is checked in full
    )
    well_formed = lines.where(F.col("amount").isNull() | F.col("amount").rlike(NUMBER))
    categories = well_formed.select(F.trim("category").alias("category")).where(F.col("category") != "")
    return categories.groupBy("category").agg(F.count(F.lit(1)).alias("count")).orderBy(F.col("count").desc(), "category")
