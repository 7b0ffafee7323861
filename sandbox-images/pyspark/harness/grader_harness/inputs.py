"""A case's inputs as the entry point receives them, from the files the worker delivered with
the case: JSONL rows (hand-written cases) become a DataFrame spread over a few partitions,
Parquet folders (generated cases) are read as they are, files are handed over read-only. A
stream's micro-batches are written as Parquet by pyarrow (no Spark job per micro-batch)."""
import io
import json
import os
import random
import tarfile

import pyarrow as pa
import pyarrow.parquet as pq
from pyspark.sql import types as T

from .cells import parse_input_value

SPARK_TYPES = {
    "string": T.StringType(), "boolean": T.BooleanType(), "byte": T.ByteType(), "short": T.ShortType(),
    "int": T.IntegerType(), "long": T.LongType(), "float": T.FloatType(), "double": T.DoubleType(),
    "date": T.DateType(), "timestamp": T.TimestampType(), "binary": T.BinaryType(),
}


def schema_for(columns) -> T.StructType:
    return T.StructType([T.StructField(c["name"], SPARK_TYPES[c["type"]], c.get("nullable", True)) for c in columns])


def extract(archive: bytes, target: str) -> None:
    """Extracts regular files and folders only; links, devices and escaping paths are refused."""
    root = os.path.realpath(target)
    os.makedirs(root, exist_ok=True)
    if not archive:
        return
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:") as tar:
        for member in tar.getmembers():
            path = os.path.realpath(os.path.join(root, member.name))
            if os.path.isabs(member.name) or not (path == root or path.startswith(root + os.sep)):
                raise ValueError(f"entry {member.name!r} escapes its folder")
            if member.isdir():
                os.makedirs(path, exist_ok=True)
            elif member.isfile():
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with tar.extractfile(member) as source, open(path, "wb") as out:
                    out.write(source.read())
            else:
                raise ValueError(f"entry {member.name!r} is not a regular file or folder")


def inside(root: str, relative: str) -> str:
    path = os.path.realpath(os.path.join(root, relative))
    if not path.startswith(os.path.realpath(root) + os.sep):
        raise ValueError(f"input path {relative!r} escapes the case folder")
    return path


def read_jsonl(path: str, columns) -> list:
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                rows.append(tuple(parse_input_value(record.get(c["name"]), c["type"]) for c in columns))
    return rows


def arrange(rows: list, shuffle, default_partitions: int) -> tuple:
    """The rows in the order and partition count they are given with; a metamorphic variant
    shuffles them with its seed and spreads them over its own number of partitions."""
    if not shuffle:
        return rows, default_partitions
    rows = list(rows)
    random.Random(shuffle["seed"]).shuffle(rows)
    return rows, shuffle["partitions"]


ARROW_TYPES = {
    "string": pa.string(), "boolean": pa.bool_(), "byte": pa.int8(), "short": pa.int16(), "int": pa.int32(),
    "long": pa.int64(), "float": pa.float32(), "double": pa.float64(), "date": pa.date32(),
    "timestamp": pa.timestamp("us", tz="UTC"), "binary": pa.binary(),
}


def write_parquet(rows: list, columns, folder: str, partitions: int) -> None:
    """Writes `rows` as Parquet into `folder`, split in order over `partitions` files (at least one,
    at most one per row)."""
    schema = pa.schema([pa.field(c["name"], ARROW_TYPES[c["type"]], c.get("nullable", True)) for c in columns])
    os.makedirs(folder, exist_ok=True)
    files = max(1, min(partitions, len(rows)))
    size = -(-len(rows) // files) if rows else 0
    for i in range(files):
        chunk = rows[i * size:(i + 1) * size]
        data = {c["name"]: [bytes(r[j]) if isinstance(r[j], bytearray) else r[j] for r in chunk] for j, c in enumerate(columns)}
        pq.write_table(pa.table(data, schema=schema), os.path.join(folder, f"part-{i:05d}.parquet"))


def rows_frame(spark, rows: list, schema: T.StructType, partitions: int):
    rdd = spark.sparkContext.parallelize(rows, max(1, min(partitions, max(len(rows), 1))))
    return spark.createDataFrame(rdd, schema, verifySchema=True)


def batch_inputs(spark, specs: list, layout: dict, case_dir: str, shuffle) -> dict:
    """The keyword arguments of the entry point for a case without a stream input."""
    inputs = {}
    for spec in specs:
        entry = layout[spec["name"]]
        path = inside(case_dir, entry["path"])
        if spec["kind"] == "file":
            os.chmod(path, 0o444)
            inputs[spec["name"]] = path
        elif entry["format"] == "parquet":
            inputs[spec["name"]] = spark.read.schema(schema_for(spec["columns"])).parquet(path)
        else:
            rows, partitions = arrange(read_jsonl(path, spec["columns"]), shuffle, spark.sparkContext.defaultParallelism)
            inputs[spec["name"]] = rows_frame(spark, rows, schema_for(spec["columns"]), partitions)
    return inputs
