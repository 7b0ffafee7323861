"""The sandbox's one SparkSession: started before any job exists (so a pool member can wait on
its stdin), warmed with a fixed workload so a case's first query does not pay the JIT, and
started from the image's class-data archive (AppCDS) when there is one."""
import os
import shutil

from .inputs import write_parquet
from .metrics import EVENT_DIR

#: The class-data archive built into the image (Dockerfile), dumped by `--build-cds`.
CDS_ARCHIVE = "/opt/grader/spark.jsa"
LOG_CONFIG = "/opt/grader/conf/log4j2.properties"


def _java_options(extra: str = "") -> str:
    # C1 only: a sandbox lives for one job, and C2's background compiling costs more CPU than it
    # returns in that time (measured on this image: a ready member 12 CPU seconds instead of 21,
    # a dozen small cases 9 instead of 16; a million-row case about 1.4x slower).
    options = ["-Djava.io.tmpdir=/tmp", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
               f"-Dlog4j2.configurationFile={LOG_CONFIG}"]
    if os.environ.get("HARNESS_CDS", "1") == "1" and os.path.exists(CDS_ARCHIVE) and not extra:
        options.append(f"-XX:SharedArchiveFile={CDS_ARCHIVE}")
    if extra:
        options.append(extra)
    return " ".join(options)


def start_spark(java_extra: str = ""):
    from pyspark.sql import SparkSession

    cores = int(os.environ.get("HARNESS_CORES", "2"))
    os.makedirs(EVENT_DIR, exist_ok=True)
    builder = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("grader-sandbox")
        .config("spark.driver.memory", os.environ.get("HARNESS_DRIVER_MEMORY", "1g"))
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(max(2 * cores, 4)))
        # Keep the shuffle layout the solution asked for: coalescing a sandbox's small shuffles
        # into one task would hide a skewed key, or the salting that spreads it, from the metrics.
        .config("spark.sql.adaptive.coalescePartitions.enabled", "false")
        # Spark's own accounting of every job, stage and task, summarised per case (metrics.py).
        .config("spark.eventLog.enabled", "true")
        .config("spark.eventLog.dir", f"file:{EVENT_DIR}")
        .config("spark.eventLog.compress", "false")
        .config("spark.default.parallelism", str(cores))
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        # Python-side aggregation (an RDD's groupByKey, reduceByKey) spills to scratch past this,
        # so the JVM's 1 GiB and a Python worker per core stay inside the sandbox's memory limit.
        .config("spark.python.worker.memory", "256m")
        # One micro-batch per fed batch, none in between: where the watermark moves is the case's
        # choice, never a race with the stream's trigger loop (see streams.py).
        .config("spark.sql.streaming.noDataMicroBatches.enabled", "false")
        .config("spark.local.dir", "/tmp/spark-local")
        .config("spark.sql.warehouse.dir", "/tmp/spark-warehouse")
        .config("spark.driver.extraJavaOptions", _java_options(java_extra))
    )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def warm_up(spark, scratch: str) -> None:
    """A window, an aggregate, a join, a sort, a Python UDF and a pandas UDF over a small frame,
    plus the paths cases take (rows to a DataFrame, Parquet written by Spark and by pyarrow and
    read back), run in a throwaway session so nothing of it is visible to a solution."""
    import pandas as pd
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    session = spark.newSession()
    rows = [(i % 7, i, f"k{i % 13}") for i in range(3000)]
    columns = [{"name": "k", "type": "long"}, {"name": "v", "type": "long"}, {"name": "s", "type": "string"}]
    path = os.path.join(scratch, "warm-up")
    frame = session.createDataFrame(session.sparkContext.parallelize(rows, 2), "k long, v long, s string")
    frame.write.mode("overwrite").parquet(os.path.join(scratch, "warm-up-written"))
    write_parquet(rows, columns, path, 2)
    frame = session.read.parquet(path)

    @F.udf("long")
    def plus_one(x):
        return x + 1

    @F.pandas_udf("long")
    def plus_two(s: pd.Series) -> pd.Series:
        return s + 2

    # One round compiles the engine's common paths; the solution's own plans are compiled by the
    # worker's untimed priming run of its first case (grade-plan.ts), which a warm-up cannot do.
    frame.groupBy("k").agg(F.sum("v"), F.countDistinct("s"), F.max("v")).collect()
    frame.withColumn("r", F.row_number().over(Window.partitionBy("k").orderBy("v"))).where("r < 3").collect()
    frame.join(frame.select("k", F.col("v").alias("w")), "k").groupBy("k").count().collect()
    frame.orderBy(F.desc("v")).limit(10).collect()
    frame.select(plus_one("v"), plus_two("v")).agg(F.sum("plus_one(v)")).collect()
    session.catalog.clearCache()
    shutil.rmtree(path, ignore_errors=True)
    shutil.rmtree(os.path.join(scratch, "warm-up-written"), ignore_errors=True)


def build_cds_archive(target: str) -> None:
    """Runs Spark and the warm-up with the JVM dumping every class it loaded into `target`."""
    os.makedirs("/tmp/warm", exist_ok=True)
    spark = start_spark(f"-XX:ArchiveClassesAtExit={target}")
    warm_up(spark, "/tmp/warm")
    process = spark.sparkContext._gateway.proc
    try:
        spark.sparkContext._jvm.System.exit(0)  # the archive is written as the JVM exits
    except Exception:  # the gateway goes away mid-call: expected
        pass
    process.wait()
