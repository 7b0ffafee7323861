"""Stream inputs: the candidate gets a file-source stream over a folder that starts empty; the
harness runs the returned streaming DataFrame as an append-mode query into a memory sink; each
micro-batch arrives from the worker only after the previous one's output was reported, is staged
as one Parquet folder and made visible to the source in one rename, and is processed before
its output (the sink's new rows) goes back.

Determinism: the session disables no-data micro-batches, so exactly one micro-batch runs per fed
folder and each watermark step happens where the case puts it. The worker ends every stream with
an empty micro-batch, so windows the final watermark closes are emitted.
"""
import os
import shutil

from pyspark.sql import DataFrame

from .inputs import arrange, read_jsonl, write_parquet


class StreamFeed:
    """The folder one stream input's source reads, and the micro-batches staged into it."""

    def __init__(self, spark, schema, scratch: str, name: str) -> None:
        self.spark, self.schema = spark, schema
        self.staging = os.path.join(scratch, f"{name}-staging")
        self.source = os.path.join(scratch, f"{name}-source")
        os.makedirs(self.staging)
        os.makedirs(self.source)

    def stream(self) -> DataFrame:
        return self.spark.readStream.schema(self.schema).parquet(os.path.join(self.source, "b*"))

    def stage(self, index: int, batch_format: str, batch_dir: str, shuffle, columns) -> None:
        """Writes micro-batch `index` (delivered in `batch_dir`) and makes it visible in one rename."""
        staged = os.path.join(self.staging, f"b{index:06d}")
        if batch_format == "parquet":
            shutil.move(os.path.join(batch_dir, "batch"), staged)
        elif batch_format == "jsonl":
            rows, partitions = arrange(read_jsonl(os.path.join(batch_dir, "batch.jsonl"), columns), shuffle,
                                       self.spark.sparkContext.defaultParallelism)
            write_parquet(rows, columns, staged, partitions)
        else:  # the empty micro-batch that ends the stream
            write_parquet([], columns, staged, 1)
        os.rename(staged, os.path.join(self.source, f"b{index:06d}"))


class StreamQuery:
    """The candidate's streaming DataFrame running as an append-mode query into a memory sink."""

    def __init__(self, spark, result: DataFrame, checkpoint: str, name: str) -> None:
        self.spark, self.name, self.seen = spark, name, 0
        self.query = (result.writeStream.outputMode("append").format("memory").queryName(name)
                      .option("checkpointLocation", checkpoint).start())

    def process(self, max_rows: int) -> list:
        """Processes what the source has now; returns the sink's new rows (at most max_rows + 1)."""
        self.query.processAllAvailable()
        rows = self.spark.table(self.name).collect()
        new = rows[self.seen:self.seen + max_rows + 1]
        self.seen = len(rows)
        return new

    def plan(self) -> str:
        try:
            execution = self.query._jsq.streamingQuery().lastExecution()
            return execution.executedPlan().toString() if execution is not None else "(no micro-batch ran)"
        except Exception as exc:  # the plan is an insight, never a reason to fail a case
            return f"(plan unavailable: {type(exc).__name__})"

    def stop(self) -> None:
        try:
            self.query.stop()
        except Exception:  # already failed or stopped: nothing left to stop
            pass
