# style: a left anti self-join: a change survives when no change of its customer has a higher seq
from pyspark.sql import functions as F


def solve(spark, changes):
    later = changes.select(F.col('customer_id').alias('later_customer'), F.col('seq').alias('later_seq'))
    latest = changes.join(
        later,
        (F.col('customer_id') == F.col('later_customer')) & (F.col('later_seq') > F.col('seq')),
        'left_anti',
    )
    return latest.where(F.col('op') != 'delete').select('customer_id', 'name', 'email', 'updated_at', 'seq').dropDuplicates()
