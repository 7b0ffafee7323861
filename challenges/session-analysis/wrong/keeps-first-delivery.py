# expect: wrong_answer
# breaks: an event counts when at least one of its deliveries is on time; this one keeps whichever delivery dropDuplicates meets first and only then drops late ones, so the answer depends on input order and partitioning (only the shuffled re-run of the hidden cases catches it)
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F


def solve(spark: SparkSession, events: DataFrame) -> DataFrame:
    # dropDuplicates keeps an arbitrary delivery of each event: the first one the shuffle meets.
    events = events.dropDuplicates(['event_id'])
    on_time = events.where(F.col('ingest_time').cast('long') - F.col('event_time').cast('long') <= 2 * 60 * 60)

    by_user = Window.partitionBy('user_id').orderBy('event_time', 'event_id')
    gap = F.col('event_time').cast('long') - F.lag(F.col('event_time').cast('long')).over(by_user)
    numbered = (
        on_time
        .withColumn('opens_session', F.when(gap.isNull() | (gap > 30 * 60), 1).otherwise(0))
        .withColumn('session_no', F.sum('opens_session').over(by_user))
    )
    sessions = numbered.groupBy('user_id', 'session_no').agg(
        F.min('event_time').alias('session_start'),
        F.max('event_time').alias('session_end'),
        F.count(F.lit(1)).alias('event_count'),
        F.sum(F.when(F.col('event_type') == 'page_view', 1).otherwise(0)).alias('page_views'),
        F.size(F.collect_set('page')).alias('distinct_pages'),
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
