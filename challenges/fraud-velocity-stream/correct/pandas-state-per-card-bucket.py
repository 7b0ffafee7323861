# style: applyInPandasWithState over hash buckets of cards: each bucket's open windows kept as pandas rows in its state, deduplicated with drop_duplicates, counted with groupby and closed by event-time timeouts
import json

import pandas as pd
from pyspark.sql import functions as F
from pyspark.sql.streaming.state import GroupStateTimeout

BUCKETS = 16
WINDOW_MS = 5 * 60 * 1000
COLUMNS = ['card_id', 'start_ms', 'txn_id', 'amount_cents']
OUTPUT = 'card_id string, window_start timestamp, window_end timestamp, txn_count long, total_amount_cents long'
STATE = 'open_transactions string'


def alerts(key, frames, state):
    pending = [pd.DataFrame(json.loads(state.get[0]), columns=COLUMNS)] if state.exists else []
    rows = pd.concat(pending + [f[COLUMNS] for f in frames], ignore_index=True)
    # Spark has already dropped the rows of windows closed in earlier micro-batches (the window
    # column carries the watermark); a txn_id seen before in an open window is a redelivery.
    rows = rows.drop_duplicates('txn_id').astype({'start_ms': 'int64', 'amount_cents': 'int64'})
    closing = rows['start_ms'] + WINDOW_MS <= state.getCurrentWatermarkMs()
    still_open = rows[~closing]
    if still_open.empty:
        state.remove()
    else:
        state.update((json.dumps(still_open.to_dict('list')),))
        # A timeout fires once the watermark is past it: one millisecond before the earliest open
        # window's end, it fires when the watermark reaches that end.
        state.setTimeoutTimestamp(int(still_open['start_ms'].min()) + WINDOW_MS - 1)
    counted = rows[closing].groupby(['card_id', 'start_ms']).agg(
        txn_count=('txn_id', 'size'), total_amount_cents=('amount_cents', 'sum')
    ).reset_index()
    flagged = counted[counted['txn_count'] > 3]
    start = pd.to_datetime(flagged['start_ms'], unit='ms', utc=True)
    yield pd.DataFrame({
        'card_id': flagged['card_id'],
        'window_start': start,
        'window_end': start + pd.Timedelta(milliseconds=WINDOW_MS),
        'txn_count': flagged['txn_count'].astype('int64'),
        'total_amount_cents': flagged['total_amount_cents'].astype('int64'),
    })


def build(spark, transactions):
    # event_time is left out: the window is then the only event-time column, and Spark drops a
    # transaction as late by its window's end, as rule 5 does (by event_time it would drop
    # transactions behind the watermark whose window is still open).
    windowed = transactions.withWatermark('event_time', '10 minutes').select(
        F.window('event_time', '5 minutes').alias('window'), 'card_id', 'txn_id', 'amount_cents'
    )
    keyed = windowed.withColumn('start_ms', F.unix_millis(F.col('window.start'))).withColumn(
        'bucket', F.pmod(F.hash('card_id'), F.lit(BUCKETS))
    )
    return keyed.groupBy('bucket').applyInPandasWithState(alerts, OUTPUT, STATE, 'append', GroupStateTimeout.EventTimeTimeout)
