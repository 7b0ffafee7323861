# expect: wrong_answer
# breaks: the change with the highest seq wins (this takes the lowest)
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F


def solve(spark: SparkSession, changes: DataFrame) -> DataFrame:
    w = Window.partitionBy('customer_id').orderBy(F.col('seq').asc())
    latest = changes.withColumn('rn', F.row_number().over(w)).where(F.col('rn') == 1)
    return latest.where(F.col('op') != 'delete').select('customer_id', 'name', 'email', 'updated_at', 'seq')
