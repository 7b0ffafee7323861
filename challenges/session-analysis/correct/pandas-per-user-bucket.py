# style: applyInPandas over hash buckets of users: each bucket's deliveries deduplicated, sorted and split into sessions with pandas diff/cumsum, then aggregated with groupby
import pandas as pd
from pyspark.sql import functions as F

BUCKETS = 64
LATE_AFTER = pd.Timedelta(hours=2)
SESSION_GAP = pd.Timedelta(minutes=30)
OUTPUT = (
    'user_id string, session_start timestamp, session_end timestamp, duration_seconds long, event_count long, '
    'page_views long, distinct_pages long, converted boolean'
)

OUTPUT_COLUMNS = ['user_id', 'session_start', 'session_end', 'duration_seconds', 'event_count', 'page_views', 'distinct_pages', 'converted']


def sessions(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame[frame['ingest_time'] - frame['event_time'] <= LATE_AFTER]
    if frame.empty:  # every delivery of the bucket was late
        return pd.DataFrame(columns=OUTPUT_COLUMNS)
    frame = frame.drop_duplicates('event_id').sort_values(['user_id', 'event_time'], kind='stable')
    gap = frame.groupby('user_id', sort=False)['event_time'].diff()
    frame = frame.assign(
        session=(gap.isna() | (gap > SESSION_GAP)).cumsum(),
        page_view=frame['event_type'] == 'page_view',
        purchase=frame['event_type'] == 'purchase',
    )
    out = frame.groupby('session', sort=False).agg(
        user_id=('user_id', 'first'),
        session_start=('event_time', 'min'),
        session_end=('event_time', 'max'),
        event_count=('event_id', 'size'),
        page_views=('page_view', 'sum'),
        distinct_pages=('page', 'nunique'),  # nunique skips nulls
        converted=('purchase', 'any'),
    )
    out['duration_seconds'] = (out['session_end'] - out['session_start']).dt.total_seconds().astype('int64')
    return out[OUTPUT_COLUMNS]


def solve(spark, events):
    bucketed = events.withColumn('bucket', F.pmod(F.hash('user_id'), F.lit(BUCKETS)))
    columns = ['event_id', 'user_id', 'event_time', 'ingest_time', 'event_type', 'page']
    return bucketed.groupBy('bucket').applyInPandas(lambda frame: sessions(frame[columns]), OUTPUT)
