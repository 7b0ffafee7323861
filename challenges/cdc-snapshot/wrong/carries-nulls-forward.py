# expect: wrong_answer
# breaks: inserts and updates carry the full record, so a null in the latest change stays null (this fills nulls from earlier changes)
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F


def solve(spark: SparkSession, changes: DataFrame) -> DataFrame:
    w = Window.partitionBy('customer_id').orderBy('seq').rowsBetween(Window.unboundedPreceding, Window.currentRow)
    filled = changes.select(
        'customer_id', 'op', 'seq', 'updated_at',
        F.last('name', ignorenulls=True).over(w).alias('name'),
        F.last('email', ignorenulls=True).over(w).alias('email'),
    )
    newest = Window.partitionBy('customer_id').orderBy(F.col('seq').desc())
    latest = filled.withColumn('rn', F.row_number().over(newest)).where(F.col('rn') == 1)
    return latest.where(F.col('op') != 'delete').select('customer_id', 'name', 'email', 'updated_at', 'seq')
