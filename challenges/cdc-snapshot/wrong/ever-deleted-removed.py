# expect: wrong_answer
# breaks: an insert or update after a delete brings the customer back (this removes every customer that was ever deleted)
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F


def solve(spark: SparkSession, changes: DataFrame) -> DataFrame:
    deleted = changes.where(F.col('op') == 'delete').select('customer_id').distinct()
    w = Window.partitionBy('customer_id').orderBy(F.col('seq').desc())
    latest = changes.join(deleted, on='customer_id', how='left_anti').withColumn('rn', F.row_number().over(w)).where(F.col('rn') == 1)
    return latest.where(F.col('op') != 'delete').select('customer_id', 'name', 'email', 'updated_at', 'seq')
