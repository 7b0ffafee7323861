# expect: wrong_answer
# breaks: late events are ignored before sessionizing; this one sessionizes every event and only then drops the late ones, so a late event can join two sessions
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

LATE_AFTER_SECONDS = 2 * 60 * 60
SESSION_GAP_SECONDS = 30 * 60


def solve(spark: SparkSession, events: DataFrame) -> DataFrame:
    event_seconds = F.col('event_time').cast('long')
    # One row per event_id, remembering whether any delivery was on time.
    unique = events.groupBy('event_id', 'user_id', 'event_time', 'event_type', 'page').agg(
        F.min(F.col('ingest_time').cast('long') - event_seconds).alias('best_delay'),
    )
    by_user = Window.partitionBy('user_id').orderBy('event_time')
    gap_seconds = event_seconds - F.lag(event_seconds).over(by_user)
    numbered = (
        unique
        .withColumn('opens_session', F.when(gap_seconds.isNull() | (gap_seconds > SESSION_GAP_SECONDS), 1).otherwise(0))
        .withColumn('session_no', F.sum('opens_session').over(by_user))
        .where(F.col('best_delay') <= LATE_AFTER_SECONDS)
    )
    sessions = numbered.groupBy('user_id', 'session_no').agg(
        F.min('event_time').alias('session_start'),
        F.max('event_time').alias('session_end'),
        F.count(F.lit(1)).alias('event_count'),
        F.sum(F.when(F.col('event_type') == 'page_view', 1).otherwise(0)).alias('page_views'),
        F.countDistinct('page').alias('distinct_pages'),
        F.max(F.col('event_type') == 'purchase').alias('converted'),
    )
    return sessions.select(
        'user_id',
        'session_start',
        'session_end',
        (F.col('session_end').cast('long') - F.col('session_start').cast('long')).alias('duration_seconds'),
        F.col('event_count').cast('long'),
        F.col('page_views').cast('long'),
        F.col('distinct_pages').cast('long'),
        'converted',
    )
