# Scale-case generator for session-analysis: over a million deliveries of synthetic clickstream
# events with duplicates, out-of-order arrival, late deliveries, same-second events, gaps of exactly
# 30:00 and 30:01, and null pages. Every value is a hash of (row ids, seed), never rand(), and every
# step is narrow (no shuffle), so the same seed and params give the same rows however Spark splits the work.
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

EPOCH_2024_03_01 = 1709251200  # 2024-03-01T00:00:00Z, in seconds
SESSION_SLOT_SECONDS = 10 * 3600  # planned sessions start 6 to 10 hours apart, so they never touch
EVENT_STEP_SECONDS = 600  # planned event j of a session sits at j * 600 s plus a jitter below 600 s


def _h(seed: int, salt: int, *cols) -> F.Column:
    """A non-negative pseudo-random integer, fixed by the given columns, the seed and a salt."""
    return F.pmod(F.hash(*cols, F.lit(seed), F.lit(salt)), F.lit(2_147_483_647))


def _roll(seed: int, salt: int, modulus: int, *cols) -> F.Column:
    return F.pmod(_h(seed, salt, *cols), F.lit(modulus))


def generate(
    spark: SparkSession,
    seed: int,
    users: int = 50000,
    max_sessions: int = 4,
    max_events: int = 14,
    duplicate_pct: int = 10,
    late_pct: int = 3,
    null_page_pct: int = 8,
    pages: int = 200,
    days: int = 7,
) -> dict[str, DataFrame]:
    u, s, j, d = F.col('u'), F.col('s'), F.col('j'), F.col('d')

    users_df = spark.range(0, users, 1, numPartitions=8).select(
        F.col('id').alias('u'),
        (F.lit(1) + _roll(seed, 1, max_sessions, F.col('id'))).alias('sessions'),
        (F.lit(EPOCH_2024_03_01) + _roll(seed, 2, days * 86400, F.col('id'))).cast('long').alias('base'),
    )
    sessions = users_df.select(u, 'base', F.explode(F.sequence(F.lit(0), F.col('sessions') - 1)).alias('s')).select(
        u, s,
        (F.col('base') + s * SESSION_SLOT_SECONDS + _roll(seed, 3, 4 * 3600, u, s)).alias('start'),
        (F.lit(1) + _roll(seed, 4, max_events, u, s)).alias('m'),
    )

    # Planned events of a session are under 20 minutes apart. An odd-numbered event (its predecessor
    # is always a planned one) may instead share its predecessor's second, or, when it is the session's
    # last event, come exactly 30:00 (same session) or 30:01 (a session of its own) after it.
    def planned(jj: F.Column) -> F.Column:
        return jj * EVENT_STEP_SECONDS + _roll(seed, 5, EVENT_STEP_SECONDS, u, s, jj)

    special = _roll(seed, 6, 100, u, s, j)
    is_last_odd = (j % 2 == 1) & (j == F.col('m') - 1)
    offset = (
        F.when((j % 2 == 1) & (special < 5), planned(j - 1))
        .when(is_last_odd & (special < 15), planned(j - 1) + 1800)
        .when(is_last_odd & (special < 25), planned(j - 1) + 1801)
        .otherwise(planned(j))
    )
    events = sessions.select(u, s, 'start', F.explode(F.sequence(F.lit(0), F.col('m') - 1)).alias('j'), 'm').select(
        u, s, j, (F.col('start') + offset).cast('long').alias('event_seconds'))

    type_roll = _roll(seed, 7, 100, u, s, j)
    dup_roll = _roll(seed, 9, 100, u, s, j)
    events = events.select(
        u, s, j, 'event_seconds',
        F.when(type_roll < 55, 'page_view').when(type_roll < 85, 'click')
         .when(type_roll < 95, 'add_to_cart').otherwise('purchase').alias('event_type'),
        F.when(_roll(seed, 8, 100, u, s, j) < null_page_pct, F.lit(None).cast('string'))
         .otherwise(F.concat(F.lit('/p/'), _roll(seed, 10, pages, u, s, j).cast('string'))).alias('page'),
        (F.lit(1) + F.when(dup_roll < duplicate_pct, 1).otherwise(0)
         + F.when(dup_roll < duplicate_pct / 4, 1).otherwise(0)).alias('deliveries'),
    )

    # Delivery delay: mostly under 15 minutes (so arrival order differs from event order), sometimes
    # exactly 2 hours (on time) or more (late, up to 8 hours). Whether deliveries are late is decided
    # per event, not per delivery: an event with both on-time and late deliveries is the hidden case
    # on-time-then-late-delivery's job, and keeping it out of this case means a solution that keeps
    # an arbitrary delivery (wrong/keeps-first-delivery.py) is caught only by the shuffled re-run.
    delay_roll = _roll(seed, 11, 1000, u, s, j)
    delay = (
        F.when(delay_roll < late_pct * 10, F.lit(7201) + _roll(seed, 12, 6 * 3600, u, s, j, d))
        .when(delay_roll < late_pct * 10 + 5, F.lit(7200))
        .otherwise(_roll(seed, 13, 900, u, s, j, d))
    )
    deliveries = (
        events.select('*', F.explode(F.sequence(F.lit(0), F.col('deliveries') - 1)).alias('d'))
        # Hashed row order within each partition, not by user and time.
        .sortWithinPartitions(_h(seed, 14, u, s, j, d))
    )
    epoch = F.lit(0).cast('timestamp')  # never used: keeps the timestamp columns non-nullable
    out = deliveries.select(
        F.format_string('e%06d-%d-%02d', u, s, j).alias('event_id'),
        F.format_string('u%06d', u).alias('user_id'),
        F.coalesce(F.timestamp_seconds(F.col('event_seconds')), epoch).alias('event_time'),
        F.coalesce(F.timestamp_seconds(F.col('event_seconds') + delay), epoch).alias('ingest_time'),
        'event_type',
        'page',
    )
    return {'events': out}
