"""Stream inputs: a case's rows, each tagged with the micro-batch it arrives in, are staged as one
Parquet folder per micro-batch; the candidate gets a file-source stream over them; the harness runs
the returned streaming DataFrame as an append-mode query into a memory sink and feeds the
micro-batches one at a time, waiting for each to be processed before the next.

Determinism: the session disables no-data micro-batches, so exactly one micro-batch runs per fed
folder and each watermark step happens where the case puts it. After the case's last micro-batch
an empty one follows (the end of the stream), so windows the final watermark closes are emitted.
"""
import os
import random

from pyspark.sql import DataFrame
from pyspark.sql import types as T

#: Reserved key of a stream input's rows: the micro-batch (0, 1, ...) the row arrives in.
BATCH_COLUMN = "micro_batch"


class StreamFeed:
    """The staged micro-batches of one stream input and the folder its source reads."""

    def __init__(self, staged: list, source: str) -> None:
        self.staged, self.source = staged, source

    def batches(self) -> int:
        return len(self.staged)

    def feed(self, index: int) -> None:
        """Makes micro-batch `index` visible to the source in one rename (never half a batch)."""
        os.rename(self.staged[index], os.path.join(self.source, f"b{index:06d}"))


def stage_stream(spark, name: str, frame: DataFrame, schema: T.StructType, scratch: str) -> tuple:
    """Writes `frame` (the input's columns plus BATCH_COLUMN) as one folder per micro-batch, in
    micro-batch order, plus a final empty one; returns the candidate's stream and its feed."""
    staging = os.path.join(scratch, f"{name}-staged")
    frame.select(BATCH_COLUMN, *schema.fieldNames()).write.partitionBy(BATCH_COLUMN).parquet(staging)
    numbers = []
    for entry in os.listdir(staging):
        if entry.startswith(f"{BATCH_COLUMN}="):
            value = entry.split("=", 1)[1]
            if not value.isdigit():
                raise ValueError(f"stream input {name!r}: {BATCH_COLUMN} must be a whole number >= 0, got {value!r}")
            numbers.append(int(value))
    staged = [os.path.join(staging, f"{BATCH_COLUMN}={n}") for n in sorted(numbers)]
    end = os.path.join(scratch, f"{name}-end")
    spark.createDataFrame([], schema).coalesce(1).write.parquet(end)
    staged.append(end)
    source = os.path.join(scratch, f"{name}-source")
    os.makedirs(source)
    stream = spark.readStream.schema(schema).parquet(os.path.join(source, "b*"))
    return stream, StreamFeed(staged, source)


def stream_rows(rows: list, shuffle, default_partitions: int) -> tuple:
    """Rows (BATCH_COLUMN first) in the order and partition count they are staged with; a
    metamorphic variant shuffles them, which reorders rows inside each micro-batch only."""
    partitions = default_partitions
    if shuffle:
        rows = list(rows)
        random.Random(shuffle["seed"]).shuffle(rows)
        partitions = shuffle["partitions"]
    return rows, partitions


def run_stream(spark, result: DataFrame, feed: StreamFeed, work: str, query_name: str, max_rows: int) -> tuple:
    """Runs `result` as an append-mode query over every micro-batch of `feed`; returns the sink's
    rows (at most max_rows + 1) and the last micro-batch's physical plan."""
    query = (result.writeStream.outputMode("append").format("memory").queryName(query_name)
             .option("checkpointLocation", os.path.join(work, "checkpoint")).start())
    try:
        for index in range(feed.batches()):
            feed.feed(index)
            query.processAllAvailable()
        plan = last_plan(query)
        rows = spark.table(query_name).limit(max_rows + 1).collect()
        return rows, plan
    finally:
        query.stop()


def last_plan(query) -> str:
    try:
        execution = query._jsq.streamingQuery().lastExecution()
        return execution.executedPlan().toString() if execution is not None else "(no micro-batch ran)"
    except Exception as exc:  # the plan is an insight, never a reason to fail a case
        return f"(plan unavailable: {type(exc).__name__})"
