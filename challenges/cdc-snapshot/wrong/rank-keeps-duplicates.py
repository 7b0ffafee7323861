# expect: wrong_answer
# breaks: a change delivered several times counts once (this uses rank(), so repeated deliveries of the latest change all survive)
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F


def solve(spark: SparkSession, changes: DataFrame) -> DataFrame:
    w = Window.partitionBy('customer_id').orderBy(F.col('seq').desc())
    latest = changes.withColumn('rk', F.rank().over(w)).where(F.col('rk') == 1)
    return latest.where(F.col('op') != 'delete').select('customer_id', 'name', 'email', 'updated_at', 'seq')
