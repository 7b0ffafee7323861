# expect: wrong_answer
# breaks: seq compares as a number (this takes the max of a string built from seq, so "9" beats "10")
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F


def solve(spark: SparkSession, changes: DataFrame) -> DataFrame:
    packed = F.concat_ws('\u0001', F.col('seq').cast('string'), 'op', F.coalesce('name', F.lit('\u0000')),
                         F.coalesce('email', F.lit('\u0000')), F.col('updated_at').cast('long').cast('string'))
    best = changes.groupBy('customer_id').agg(F.max(packed).alias('p'))
    parts = F.split('p', '\u0001')
    unpack = lambda i: F.when(parts[i] != '\u0000', parts[i])
    latest = best.select(
        'customer_id',
        parts[0].cast('long').alias('seq'),
        parts[1].alias('op'),
        unpack(2).alias('name'),
        unpack(3).alias('email'),
        F.timestamp_seconds(parts[4].cast('long')).alias('updated_at'),
    )
    return latest.where(F.col('op') != 'delete').select('customer_id', 'name', 'email', 'updated_at', 'seq')
