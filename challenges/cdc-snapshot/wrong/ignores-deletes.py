# expect: wrong_answer
# breaks: a delete removes the customer when it is the latest change (this drops delete rows first, so the customer comes back with its previous values)
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F


def solve(spark: SparkSession, changes: DataFrame) -> DataFrame:
    w = Window.partitionBy('customer_id').orderBy(F.col('seq').desc())
    latest = changes.where(F.col('op') != 'delete').withColumn('rn', F.row_number().over(w)).where(F.col('rn') == 1)
    return latest.where(F.col('op') != 'delete').select('customer_id', 'name', 'email', 'updated_at', 'seq')
