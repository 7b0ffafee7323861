from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import BooleanType, LongType, StringType, StructField, StructType, TimestampType

OUTPUT_SCHEMA = StructType([
    StructField('user_id', StringType(), False),
    StructField('session_start', TimestampType(), False),
    StructField('session_end', TimestampType(), False),
    StructField('duration_seconds', LongType(), False),
    StructField('event_count', LongType(), False),
    StructField('page_views', LongType(), False),
    StructField('distinct_pages', LongType(), False),
    StructField('converted', BooleanType(), False),
])


def solve(spark: SparkSession, events: DataFrame) -> DataFrame:
    """One row per session: see the statement for the rules.

    events: event_id, user_id, event_time, ingest_time, event_type, page
    """
    # TODO: ignore late deliveries (more than 2 hours after event_time),
    # count each event_id once, split each user's events into sessions at gaps
    # over 30 minutes, and compute the metrics of each session.
    return spark.createDataFrame([], OUTPUT_SCHEMA)
