# expect: too_slow
# breaks: the timing budget (4x the reference on the large case); the answer is right, but lateness is checked in a Python UDF, then every on-time delivery is pickled into Python as a dict, shuffled twice with groupByKey (per event to drop repeats, with no map-side combine, then per user) and sessionized row by row (about 7x the reference in the sandbox, where Python's grouping spills to scratch past 256 MiB per worker)
from datetime import timedelta

from pyspark.sql import DataFrame, Row, SparkSession
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
LATE = timedelta(hours=2)
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
    is_on_time = F.udf(lambda event_time, ingest_time: ingest_time - event_time <= LATE, BooleanType())
    on_time = events.where(is_on_time('event_time', 'ingest_time')).rdd.map(lambda r: r.asDict())
    one_per_event = on_time.map(lambda r: (r['event_id'], r)).groupByKey().mapValues(lambda rs: next(iter(rs))).values()
    by_user = one_per_event.map(lambda r: (r['user_id'], Row(**r))).groupByKey()
    return spark.createDataFrame(by_user.flatMap(sessionize), SCHEMA)
