# Reference solution for csv-category-count: read the file with a fixed schema, drop blank and
# malformed lines, trim categories, and count the lines of each category, most frequent first.
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

# Typing amount as DOUBLE makes a non-numeric amount malformed; an empty field reads as null.
SCHEMA = 'id STRING, category STRING, amount DOUBLE'


def solve(spark: SparkSession, path: str) -> DataFrame:
    lines = (
        spark.read
        .option('header', True)  # the first non-blank line is the header; blank lines are skipped
        .option('mode', 'DROPMALFORMED')  # a wrong number of fields or an unparseable amount drops the line
        .schema(SCHEMA)
        .csv(path)
    )
    # Spark's CSV reader only parses, and so only checks, the columns a query needs: counting
    # categories alone would let lines with a bad amount or a wrong number of fields through.
    # Materialising every column once (eagerly, not tied to the path like cache()) checks each
    # line in full before anything is counted.
    records = lines.localCheckpoint()

    categories = records.select(F.trim(F.col('category')).alias('category')).where(
        F.col('category').isNotNull() & (F.col('category') != '')
    )
    return (
        categories.groupBy('category')
        .agg(F.count(F.lit(1)).alias('count'))
        .orderBy(F.col('count').desc(), F.col('category').asc())
    )
