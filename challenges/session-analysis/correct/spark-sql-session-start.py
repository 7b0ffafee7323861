# style: Spark SQL: one row per event from GROUP BY event_id, each session named by its first event's time (a running MAX over session starts), then GROUP BY that name
def solve(spark, events):
    events.createOrReplaceTempView('events')
    return spark.sql(
        """
        WITH on_time AS (
          SELECT event_id, user_id, event_time, event_type, page
          FROM events
          WHERE unix_timestamp(ingest_time) - unix_timestamp(event_time) <= 7200
        ),
        one_per_event AS (
          SELECT event_id, FIRST(user_id) AS user_id, FIRST(event_time) AS event_time,
                 FIRST(event_type) AS event_type, FIRST(page, true) AS page
          FROM on_time
          GROUP BY event_id
        ),
        marked AS (
          SELECT *,
                 CASE WHEN unix_timestamp(event_time)
                           - unix_timestamp(LAG(event_time) OVER (PARTITION BY user_id ORDER BY event_time, event_id)) <= 1800
                      THEN NULL ELSE event_time END AS starts_session_at
          FROM one_per_event
        ),
        named AS (
          SELECT *, MAX(starts_session_at) OVER (PARTITION BY user_id ORDER BY event_time, event_id
                                                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session_start
          FROM marked
        )
        SELECT user_id,
               session_start,
               MAX(event_time) AS session_end,
               unix_timestamp(MAX(event_time)) - unix_timestamp(session_start) AS duration_seconds,
               COUNT(*) AS event_count,
               COUNT_IF(event_type = 'page_view') AS page_views,
               COUNT(DISTINCT page) AS distinct_pages,
               BOOL_OR(event_type = 'purchase') AS converted
        FROM named
        GROUP BY user_id, session_start
        """
    )
