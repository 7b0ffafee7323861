# expect: wrong_answer
# breaks: a customer whose latest change is a delete is not in the snapshot (this keeps it, with the delete's values)
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F


def solve(spark: SparkSession, changes: DataFrame) -> DataFrame:
    w = Window.partitionBy('customer_id').orderBy(F.col('seq').desc())
    latest = changes.withColumn('rn', F.row_number().over(w)).where(F.col('rn') == 1)
    return latest.select('customer_id', 'name', 'email', 'updated_at', 'seq')
