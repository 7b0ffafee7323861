# A correct but slower session-analysis solution for `npm run bench:service`: lateness and repeats
# dropped in Spark, then every event pickled into Python as a Row, grouped per user with
# groupByKey and sessionized row by row (about 3x the reference on the timed case in the
# sandbox: inside the budget of 4x and the re-time window). Its timing verdict must be the same
# on every Submit.
from datetime import timedelta

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import BooleanType, LongType, StringType, StructField, StructType, TimestampType

SCHEMA = StructType([
    StructField('user_id', StringType()),
    StructField('session_start', TimestampType()),
    StructField('session_end', TimestampType()),
    StructField('duration_seconds', LongType()),
    StructField('event_count', LongType()),
    StructField('page_views', LongType()),
    StructField('distinct_pages', LongType()),
    StructField('converted', BooleanType()),
])
GAP = timedelta(minutes=30)


def sessionize(item):
    user_id, events = item
    out, cur = [], None
    for e in sorted(events, key=lambda e: e.event_time):
        if cur is None or e.event_time - cur[2] > GAP:
            cur = [user_id, e.event_time, e.event_time, 0, 0, set(), False]
            out.append(cur)
        cur[2] = e.event_time
        cur[3] += 1
        cur[4] += e.event_type == 'page_view'
        if e.page is not None:
            cur[5].add(e.page)
        cur[6] = cur[6] or e.event_type == 'purchase'
    return [(u, s, e, int((e - s).total_seconds()), n, pv, len(p), c) for u, s, e, n, pv, p, c in out]


def solve(spark: SparkSession, events: DataFrame) -> DataFrame:
    on_time = events.where(F.col('ingest_time').cast('long') - F.col('event_time').cast('long') <= 2 * 60 * 60)
    one_per_event = on_time.dropDuplicates(['event_id']).select('user_id', 'event_time', 'event_type', 'page')
    by_user = one_per_event.rdd.map(lambda r: (r.user_id, r)).groupByKey()
    return spark.createDataFrame(by_user.flatMap(sessionize), SCHEMA)
