# style: dropDuplicates on event_id after the lateness filter, then groupBy(user_id, session_window(event_time, '30 minutes')) with countDistinct and a max over a boolean
from pyspark.sql import functions as F


def solve(spark, events):
    on_time = events.where(F.col('ingest_time') <= F.col('event_time') + F.expr('INTERVAL 2 HOURS'))
    sessions = on_time.dropDuplicates(['event_id']).groupBy('user_id', F.session_window('event_time', '30 minutes')).agg(
        F.min('event_time').alias('session_start'),
        F.max('event_time').alias('session_end'),
        F.count(F.lit(1)).alias('event_count'),
        F.count(F.when(F.col('event_type') == 'page_view', True)).alias('page_views'),
        F.countDistinct('page').alias('distinct_pages'),
        F.max(F.col('event_type') == 'purchase').alias('converted'),
    )
    return sessions.select(
        'user_id',
        'session_start',
        'session_end',
        (F.unix_timestamp('session_end') - F.unix_timestamp('session_start')).alias('duration_seconds'),
        'event_count',
        'page_views',
        'distinct_pages',
        'converted',
    )
