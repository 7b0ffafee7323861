# expect: invalid_submission
# breaks: the solution defines solve(spark, changes) (this names its function snapshot)
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def snapshot(spark: SparkSession, changes: DataFrame) -> DataFrame:
    latest = changes.groupBy('customer_id').agg(F.max(F.struct('seq', 'op', 'name', 'email', 'updated_at')).alias('c'))
    return latest.where(F.col('c.op') != 'delete').select('customer_id', 'c.name', 'c.email', 'c.updated_at', 'c.seq')
