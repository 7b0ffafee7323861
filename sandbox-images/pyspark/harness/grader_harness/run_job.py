"""Runs one job: import the candidate's module, then for each case prepare the inputs, call the
entry point, collect at most a capped number of rows, and report the case."""
import importlib.util
import io
import json
import os
import random
import runpy
import shutil
import sys
import time

from pyspark import cloudpickle
from pyspark.sql import DataFrame
from pyspark.sql import types as T

from .cells import parse_input_value, rows_to_cells
from .errors import candidate_error
from .streams import BATCH_COLUMN, run_stream, stage_stream, stream_rows

SPARK_TYPES = {
    "string": T.StringType(), "boolean": T.BooleanType(), "byte": T.ByteType(), "short": T.ShortType(),
    "int": T.IntegerType(), "long": T.LongType(), "float": T.FloatType(), "double": T.DoubleType(),
    "date": T.DateType(), "timestamp": T.TimestampType(), "binary": T.BinaryType(),
}
DEFAULT_ENTRYPOINT = "solve"
MAX_PLAN_CHARS = 100_000
MAX_OUTPUT_JSON_BYTES = 96 * 1024 * 1024


class CappedText(io.TextIOBase):
    """Keeps the first `limit` bytes written and counts the rest."""

    def __init__(self, limit: int) -> None:
        self.limit, self.kept, self.size, self.dropped = limit, [], 0, 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        data = text.encode("utf-8", "replace")
        room = self.limit - self.size
        if room > 0:
            self.kept.append(data[:room])
            self.size += min(room, len(data))
        self.dropped += max(0, len(data) - max(room, 0))
        return len(text)

    def value(self) -> str:
        return b"".join(self.kept).decode("utf-8", "replace")


def schema_for(columns) -> T.StructType:
    return T.StructType([T.StructField(c["name"], SPARK_TYPES[c["type"]], c.get("nullable", True)) for c in columns])


def read_jsonl(path: str, columns) -> list:
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                rows.append(tuple(parse_input_value(record.get(c["name"]), c["type"]) for c in columns))
    return rows


BATCH_FIELD = T.StructField(BATCH_COLUMN, T.IntegerType(), False)


def prepare_inputs(spark, job: dict, case: dict, job_dir: str, scratch: str) -> tuple:
    """The keyword arguments for the entry point, and the feed of the stream input if there is one."""
    inputs, feed = {}, None
    if case.get("generator"):
        generator = case["generator"]
        module = runpy.run_path(os.path.join(job_dir, "challenge", generator["script"]))
        generated = module["generate"](spark, generator["seed"], **generator.get("params", {}))
        for spec in job["inputs"]:
            value = generated[spec["name"]]
            if spec["kind"] == "file":
                # A file input is generated as its whole text; the candidate gets a read-only file.
                if not isinstance(value, str):
                    raise TypeError(f"generator must return the text of file input {spec['name']!r}, got {type(value).__name__}")
                path = os.path.join(scratch, f"{spec['name']}.{spec['extension']}")
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write(value)
                os.chmod(path, 0o444)
                inputs[spec["name"]] = path
                continue
            if spec["kind"] == "stream":
                inputs[spec["name"]], feed = stage_stream(spark, spec["name"], value, schema_for(spec["columns"]), scratch)
                continue
            # Materialise once so the candidate's time covers its own work, not generation.
            path = os.path.join(scratch, spec["name"])
            value.select([c["name"] for c in spec["columns"]]).write.mode("overwrite").parquet(path)
            inputs[spec["name"]] = spark.read.schema(schema_for(spec["columns"])).parquet(path)
        return inputs, feed
    shuffle = case.get("shuffle")
    for spec in job["inputs"]:
        path = os.path.join(job_dir, case["files"][spec["name"]])
        if spec["kind"] == "file":
            copy = os.path.join(scratch, os.path.basename(path))
            shutil.copyfile(path, copy)
            os.chmod(copy, 0o444)
            inputs[spec["name"]] = copy
            continue
        if spec["kind"] == "stream":
            schema = schema_for(spec["columns"])
            rows = read_jsonl(path, [{"name": BATCH_COLUMN, "type": "int"}] + spec["columns"])
            if any(row[0] is None for row in rows):
                raise ValueError(f"{case['files'][spec['name']]}: every row needs its {BATCH_COLUMN}")
            rows, partitions = stream_rows(rows, shuffle, spark.sparkContext.defaultParallelism)
            rdd = spark.sparkContext.parallelize(rows, max(1, min(partitions, max(len(rows), 1))))
            staged = spark.createDataFrame(rdd, T.StructType([BATCH_FIELD, *schema.fields]), verifySchema=True)
            inputs[spec["name"]], feed = stage_stream(spark, spec["name"], staged, schema, scratch)
            continue
        rows = read_jsonl(path, spec["columns"])
        partitions = spark.sparkContext.defaultParallelism
        if shuffle:
            random.Random(shuffle["seed"]).shuffle(rows)
            partitions = shuffle["partitions"]
        rdd = spark.sparkContext.parallelize(rows, max(1, min(partitions, max(len(rows), 1))))
        inputs[spec["name"]] = spark.createDataFrame(rdd, schema_for(spec["columns"]), verifySchema=True)
    return inputs, feed


def import_solution(path: str):
    spec = importlib.util.spec_from_file_location("solution", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["solution"] = module
    # The candidate's UDFs, RDD lambdas and pandas functions go to Spark's Python workers by
    # value, as they would from a script run as __main__; by reference the workers would have to
    # import a module named solution, which they cannot.
    cloudpickle.register_pickle_by_value(module)
    spec.loader.exec_module(module)
    return module


def final_plan(frame: DataFrame) -> str:
    try:
        return frame._jdf.queryExecution().executedPlan().toString()[:MAX_PLAN_CHARS]
    except Exception as exc:  # the plan is an insight, never a reason to fail a case
        return f"(plan unavailable: {type(exc).__name__})"


def return_problem(job: dict, result, streaming: bool):
    """Why the entry point's return value cannot be graded, or None."""
    if not isinstance(result, DataFrame):
        kind = "a streaming pyspark.sql.DataFrame" if streaming else "a pyspark.sql.DataFrame"
        return f"{job['entrypoint']} must return {kind}, got {type(result).__name__}"
    if streaming and not result.isStreaming:
        return f"{job['entrypoint']} must return a streaming DataFrame built from its stream input (the harness starts the query); got a batch DataFrame"
    return None


def run_case(spark, job: dict, case: dict, case_index: int, entry, job_dir: str, solution_path: str, control) -> dict:
    scratch = os.path.join("/tmp/scratch", case["name"])
    os.makedirs(scratch, exist_ok=True)
    prepare_started = time.perf_counter()
    inputs, feed = prepare_inputs(spark, job, case, job_dir, scratch)
    prepare_ms = (time.perf_counter() - prepare_started) * 1000
    report = {"name": case["name"], "prepareMs": round(prepare_ms, 3)}
    captured = CappedText(job["maxStdoutBytes"])
    real_stdout = sys.stdout
    control.send({"type": "case_start", "name": case["name"]})
    started = time.perf_counter()
    try:
        sys.stdout = captured
        result = entry(spark, **inputs)
        problem = return_problem(job, result, feed is not None)
        if problem:
            report.update(status="invalid_submission", error={"type": "TypeError", "message": problem, "traceback": ""})
        else:
            if feed is not None:
                rows, plan = run_stream(spark, result, feed, scratch, f"grader_output_{case_index}", job["maxOutputRows"])
            else:
                limited = result.limit(job["maxOutputRows"] + 1)
                rows = limited.collect()
                plan = final_plan(limited)
            report["timeMs"] = round((time.perf_counter() - started) * 1000, 3)
            sys.stdout = real_stdout
            report["rowCount"] = len(rows)
            report["planText"] = plan[:MAX_PLAN_CHARS]
            if len(rows) > job["maxOutputRows"]:
                report["status"] = "output_limit_exceeded"
            else:
                columns = [{"name": f.name, "type": f.dataType.simpleString(), "nullable": f.nullable} for f in result.schema.fields]
                output = {"columns": columns, "rows": rows_to_cells(result.schema, rows)}
                if len(json.dumps(output, separators=(",", ":"))) > MAX_OUTPUT_JSON_BYTES:
                    report["status"] = "output_limit_exceeded"
                else:
                    report.update(status="ok", output=output)
    except BaseException as exc:  # SystemExit too: the candidate's exit() is its own error
        if isinstance(exc, KeyboardInterrupt):
            raise
        report.update(status="runtime_error", error=candidate_error(exc, solution_path))
    finally:
        sys.stdout = real_stdout
    report.setdefault("timeMs", round((time.perf_counter() - started) * 1000, 3))
    report["stdout"] = captured.value()
    report["stdoutDroppedBytes"] = captured.dropped
    shutil.rmtree(scratch, ignore_errors=True)
    return report


def run_job(spark, job: dict, job_dir: str, control) -> None:
    solution_path = os.path.join(job_dir, job["solutionPath"])
    control.send({"type": "module_start"})
    captured, real_stdout = CappedText(job["maxStdoutBytes"]), sys.stdout
    try:
        sys.stdout = captured
        module = import_solution(solution_path)
    except SyntaxError as exc:
        control.send({"type": "module_end", "status": "invalid_submission", "error": candidate_error(exc, solution_path)})
        return
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        control.send({"type": "module_end", "status": "runtime_error", "error": candidate_error(exc, solution_path)})
        return
    finally:
        sys.stdout = real_stdout
    # `solve` is every solution's entry point; a challenge may name its own (fraud-velocity-stream:
    # `build`), which then comes first and `solve` still works.
    names = list(dict.fromkeys([job["entrypoint"], DEFAULT_ENTRYPOINT]))
    entry = next((getattr(module, n) for n in names if callable(getattr(module, n, None))), None)
    if entry is None:
        control.send({"type": "module_end", "status": "invalid_submission", "error": {
            "type": "MissingEntrypoint",
            "message": f"solution.py must define a function {' or '.join(names)}(spark, ...)",
            "traceback": "",
        }})
        return
    control.send({"type": "module_end", "status": "ok"})
    for index, case in enumerate(job["cases"]):
        control.send({"type": "case_end", "report": run_case(spark, job, case, index, entry, job_dir, solution_path, control)})
