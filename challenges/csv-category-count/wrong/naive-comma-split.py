# expect: wrong_answer
# breaks: a quoted field may contain commas and its value is the text between the quotes (this splits every line on every comma)
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def solve(spark: SparkSession, path: str) -> DataFrame:
    text = spark.read.text(path).where(F.trim(F.col("value")) != "")
    # Drop the header line by its content (the first non-blank line).
    rows = text.where(F.col("value") != "id,category,amount")
    fields = rows.select(F.split("value", ",").alias("f"))
    well_formed = fields.where(
        (F.size("f") == 3)
        & ((F.col("f")[2] == "") | F.col("f")[2].rlike(r"^-?[0-9]+(\.[0-9]+)?$"))
    )
    categories = well_formed.select(F.trim(F.col("f")[1]).alias("category")).where(F.col("category") != "")
    return categories.groupBy("category").agg(F.count(F.lit(1)).alias("count")).orderBy(F.col("count").desc(), "category")
