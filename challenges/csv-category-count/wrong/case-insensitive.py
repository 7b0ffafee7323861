# expect: wrong_answer
# breaks: categories are case-sensitive (this lower-cases them)
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

FIELD = '("[^"]*"|[^,"]*)'
RECORD = f"^{FIELD},{FIELD},{FIELD}$"
NUMBER = r"^-?[0-9]+(\.[0-9]+)?$"


def value(number: int):
    return F.regexp_replace(F.regexp_extract("value", RECORD, number), '^"(.*)"$', "$1")


def solve(spark: SparkSession, path: str) -> DataFrame:
    lines = spark.read.text(path).where(F.col("value").rlike(RECORD))
    records = lines.select(value(2).alias("category"), value(3).alias("amount"))
    well_formed = records.where((F.col("amount") == "") | F.col("amount").rlike(NUMBER))
    categories = well_formed.select(F.lower(F.trim("category")).alias("category")).where(F.col("category") != "")
    return categories.groupBy("category").agg(F.count(F.lit(1)).alias("count")).orderBy(F.col("count").desc(), "category")
