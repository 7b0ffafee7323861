"""Stands in for a solution when the challenge check tests that generators are reproducible: for
each input it returns the row count and order-independent sums of two row hashes, so two runs
of a generator with one seed give equal rows exactly when they generate the same multiset of rows.
The check appends `<entrypoint> = fingerprint`."""
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def fingerprint(spark: SparkSession, **inputs: DataFrame) -> DataFrame:
    summaries = []
    for name in sorted(inputs):
        frame = inputs[name]
        # to_json keeps nulls apart from values and columns apart from each other.
        row = F.to_json(F.struct(*[F.col(c) for c in frame.columns]))
        summaries.append(frame.agg(
            F.lit(name).alias("input"),
            F.count(F.lit(1)).alias("rows"),
            # Sums of hashes below 2^61 as decimals: order-independent and never overflowing.
            F.sum(F.pmod(F.xxhash64(row), F.lit(2**61 - 1)).cast("decimal(38,0)")).cast("string").alias("xxhash64_sum"),
            F.sum(F.pmod(F.hash(row), F.lit(2**31 - 1)).cast("decimal(38,0)")).cast("string").alias("murmur3_sum"),
        ))
    result = summaries[0]
    for summary in summaries[1:]:
        result = result.unionByName(summary)
    return result
