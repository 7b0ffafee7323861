"""Trusted generation: runs a challenge's generator script (author code, never a candidate's)
with its seed, writes each input as the worker will deliver it (Parquet folders, one folder per
micro-batch for a stream, the text of a file input), sends the files out and a content
fingerprint: row counts and order-independent hash sums, equal exactly when two runs generated
the same multiset of rows. With `fingerprintOnly`, sends the fingerprint alone (the check's
second generation, which proves the generator reproducible)."""
import base64
import hashlib
import os
import runpy
import shutil

from pyspark.sql import functions as F

from .inputs import extract, schema_for
from .protocol import BLOB_FRAME_BYTES

BATCH_COLUMN = "micro_batch"
ROOT = "/tmp/generate"


def _hash_sums(frame) -> dict:
    # to_json keeps nulls apart from values and columns apart from each other; sums of hashes
    # below 2^61 as decimals are order-independent and never overflow.
    row = F.to_json(F.struct(*[F.col(c) for c in frame.columns]))
    return {
        "rows": F.count(F.lit(1)).alias("rows"),
        "xxhash64": F.sum(F.pmod(F.xxhash64(row), F.lit(2**61 - 1)).cast("decimal(38,0)")).cast("string").alias("xxhash64"),
        "murmur3": F.sum(F.pmod(F.hash(row), F.lit(2**31 - 1)).cast("decimal(38,0)")).cast("string").alias("murmur3"),
    }


def _write(spark, specs: list, generated: dict, out: str) -> None:
    for spec in specs:
        name = spec["name"]
        if name not in generated:
            raise KeyError(f"generator returned no input {name!r}")
        value = generated[name]
        if spec["kind"] == "file":
            if not isinstance(value, str):
                raise TypeError(f"generator must return the text of file input {name!r}, got {type(value).__name__}")
            with open(os.path.join(out, f"{name}.{spec['extension']}"), "w", encoding="utf-8", newline="") as f:
                f.write(value)
        elif spec["kind"] == "stream":
            frame = value.select(F.col(BATCH_COLUMN).cast("int").alias(BATCH_COLUMN), *[c["name"] for c in spec["columns"]])
            if frame.where(F.col(BATCH_COLUMN).isNull() | (F.col(BATCH_COLUMN) < 0)).limit(1).count() > 0:
                raise ValueError(f"stream input {name!r}: {BATCH_COLUMN} must be a whole number >= 0 in every row")
            frame.write.partitionBy(BATCH_COLUMN).parquet(os.path.join(out, name))
        else:
            value.select([c["name"] for c in spec["columns"]]).write.parquet(os.path.join(out, name))


def _fingerprint(spark, specs: list, out: str) -> list:
    entries = []
    for spec in specs:
        name = spec["name"]
        if spec["kind"] == "file":
            with open(os.path.join(out, f"{name}.{spec['extension']}"), "rb") as f:
                data = f.read()
            entries.append({"input": name, "rows": data.count(b"\n"), "digest": f"sha256 {hashlib.sha256(data).hexdigest()}"})
            continue
        frame = spark.read.schema(schema_for(spec["columns"])).parquet(os.path.join(out, name)) if spec["kind"] != "stream" \
            else spark.read.parquet(os.path.join(out, name))
        columns = [c["name"] for c in spec["columns"]]
        sums = _hash_sums(frame.select(columns))
        if spec["kind"] == "stream":
            rows = frame.groupBy(BATCH_COLUMN).agg(*sums.values()).orderBy(BATCH_COLUMN).collect()
            entries.extend({"input": f"{name} micro-batch {r[BATCH_COLUMN]}", "rows": r["rows"], "digest": f"{r['xxhash64']}:{r['murmur3']}"} for r in rows)
        else:
            r = frame.agg(*sums.values()).collect()[0]
            entries.append({"input": name, "rows": r["rows"], "digest": f"{r['xxhash64']}:{r['murmur3']}"})
    return entries


def _files(out: str) -> list:
    """Every file to deliver, sorted; Spark's marker and checksum files are left out."""
    found = []
    for folder, dirs, names in os.walk(out):
        dirs.sort()
        for name in sorted(names):
            if name.startswith(("_", ".")) or name.endswith(".crc"):
                continue
            found.append(os.path.relpath(os.path.join(folder, name), out))
    return found


def run_generate(spark, command: dict, payload: bytes, control) -> None:
    work = os.path.join(ROOT, command["id"])
    extract(payload, os.path.join(work, "src"))
    script = os.path.join(work, "src", command["script"])
    module = runpy.run_path(script)

    def produce(out: str) -> list:
        os.makedirs(out)
        _write(spark, command["inputs"], module["generate"](spark, command["seed"], **command.get("params", {})), out)
        return _fingerprint(spark, command["inputs"], out)

    out = os.path.join(work, "out")
    frame = {"type": "generated", "id": command["id"], "fingerprint": produce(out), "files": []}
    if not command.get("fingerprintOnly"):
        for relative in _files(out):
            path = os.path.join(out, relative)
            size = os.path.getsize(path)
            with open(path, "rb") as f:
                offset = 0
                while True:
                    data = f.read(BLOB_FRAME_BYTES)
                    if not data and offset > 0:
                        break
                    control.send({"type": "blob", "id": command["id"], "path": relative, "offset": offset, "data": base64.b64encode(data).decode("ascii")})
                    offset += len(data)
                    if not data:
                        break
            frame["files"].append({"path": relative, "bytes": size})
    shutil.rmtree(work, ignore_errors=True)
    control.send(frame)
