# Reference solution for cdc-snapshot: each customer's change with the highest seq decides its
# current state; customers whose latest change is a delete are left out.
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def solve(spark: SparkSession, changes: DataFrame) -> DataFrame:
    # max over a struct compares field by field, so seq decides; two rows tie on seq only when
    # they are repeated deliveries of one change, which carry identical values. One aggregate
    # (no window sort) and independent of arrival order and partitioning.
    latest = changes.groupBy('customer_id').agg(
        F.max(F.struct('seq', 'op', 'name', 'email', 'updated_at')).alias('change')
    )
    return latest.where(F.col('change.op') != 'delete').select(
        'customer_id',
        F.col('change.name').alias('name'),  # inserts and updates carry the full record: a null stays null
        F.col('change.email').alias('email'),
        F.col('change.updated_at').alias('updated_at'),
        F.col('change.seq').alias('seq'),
    )
