# style: a window per customer ordered by seq, keeping row_number 1
from pyspark.sql import Window
from pyspark.sql import functions as F


def solve(spark, changes):
    latest_first = Window.partitionBy('customer_id').orderBy(F.col('seq').desc())
    ranked = changes.withColumn('rank', F.row_number().over(latest_first))
    return ranked.where((F.col('rank') == 1) & (F.col('op') != 'delete')).select(
        'customer_id', 'name', 'email', 'updated_at', 'seq'
    )
