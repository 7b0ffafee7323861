# expect: wrong_answer
# breaks: arrival order means nothing; the highest seq wins (this takes the change that arrived last)
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F


def solve(spark: SparkSession, changes: DataFrame) -> DataFrame:
    arrived = changes.withColumn('arrival', F.monotonically_increasing_id())
    w = Window.partitionBy('customer_id').orderBy(F.col('arrival').desc())
    latest = arrived.withColumn('rn', F.row_number().over(w)).where(F.col('rn') == 1)
    return latest.where(F.col('op') != 'delete').select('customer_id', 'name', 'email', 'updated_at', 'seq')
