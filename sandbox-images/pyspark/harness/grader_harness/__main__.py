"""Harness entry point: Spark first, then the job from stdin, then one frame per step.

Order matters for the warm pool: the SparkSession is up before any job exists, so a container
can be started ahead of time and wait on its stdin.
"""
import io
import json
import os
import sys
import tarfile
import time
import traceback

from .protocol import ControlStream, read_job_archive

JOB_DIR = "/tmp/job"
MAX_JOB_BYTES = 256 * 1024 * 1024


def extract_job(archive: bytes, target: str) -> None:
    """Extracts regular files and folders only; links, devices and escaping paths are refused."""
    root = os.path.realpath(target)
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:") as tar:
        for member in tar.getmembers():
            path = os.path.realpath(os.path.join(root, member.name))
            if os.path.isabs(member.name) or not (path == root or path.startswith(root + os.sep)):
                raise ValueError(f"job entry {member.name!r} escapes the job folder")
            if member.isdir():
                os.makedirs(path, exist_ok=True)
            elif member.isfile():
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with tar.extractfile(member) as source, open(path, "wb") as out:
                    out.write(source.read())
            else:
                raise ValueError(f"job entry {member.name!r} is not a regular file or folder")


def start_spark():
    from pyspark.sql import SparkSession

    cores = int(os.environ.get("HARNESS_CORES", "2"))
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
        .config("spark.default.parallelism", str(cores))
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        # One micro-batch per fed batch, none in between: where the watermark moves is the case's
        # choice, never a race with the stream's trigger loop (see streams.py).
        .config("spark.sql.streaming.noDataMicroBatches.enabled", "false")
        .config("spark.local.dir", "/tmp/spark-local")
        .config("spark.sql.warehouse.dir", "/tmp/spark-warehouse")
        .config("spark.driver.extraJavaOptions", "-Djava.io.tmpdir=/tmp -XX:+UseSerialGC")
    )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    spark.range(1).collect()  # warm the JVM and Python workers' code paths before timing anything
    return spark


def main() -> None:
    control = ControlStream()
    try:
        os.makedirs(os.environ.get("HOME", "/tmp/home"), exist_ok=True)
        started = time.perf_counter()
        spark = start_spark()
        control.send({
            "type": "ready",
            "sparkVersion": spark.version,
            "pythonVersion": sys.version.split()[0],
            "sparkStartupMs": round((time.perf_counter() - started) * 1000, 3),
        })
        archive = read_job_archive(sys.stdin.buffer, MAX_JOB_BYTES)
        os.makedirs(JOB_DIR, exist_ok=True)
        extract_job(archive, JOB_DIR)
        with open(os.path.join(JOB_DIR, "job.json"), encoding="utf-8") as f:
            job = json.load(f)
    except Exception:  # the harness failed before the candidate's code ran: a grader fault
        control.send({"type": "harness_error", "message": traceback.format_exc()[-20000:]})
        os._exit(3)

    from .run_job import run_job

    try:
        run_job(spark, job, JOB_DIR, control)
    except Exception:
        control.send({"type": "harness_error", "message": traceback.format_exc()[-20000:]})
        os._exit(3)
    control.send({"type": "done"})
    # Exit at once: stopping Spark cleanly costs seconds and the container is thrown away.
    os._exit(0)


if __name__ == "__main__":
    main()
