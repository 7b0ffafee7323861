# expect: wrong_answer
# breaks: deliveries with the same event_id are one event; this one counts every delivery
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

LATE_AFTER_SECONDS = 2 * 60 * 60
SESSION_GAP_SECONDS = 30 * 60


def solve(spark: SparkSession, events: DataFrame) -> DataFrame:
    event_seconds = F.col('event_time').cast('long')
    on_time = events.where(F.col('ingest_time').cast('long') - event_seconds <= LATE_AFTER_SECONDS)
    unique = on_time.select('event_id', 'user_id', 'event_time', 'event_type', 'page')
    by_user = Window.partitionBy('user_id').orderBy('event_time')
    gap_seconds = event_seconds - F.lag(event_seconds).over(by_user)
    numbered = (
        unique
        .withColumn('opens_session', F.when(gap_seconds.isNull() | (gap_seconds > SESSION_GAP_SECONDS), 1).otherwise(0))
        .withColumn('session_no', F.sum('opens_session').over(by_user))
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
