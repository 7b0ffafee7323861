"""The command loop's case steps: run one case of a loaded solution on the inputs delivered with
it and send its output rows and its report; a stream case takes one command per micro-batch."""
import json
import os
import shutil
import sys
import time

from .capture import CappedText
from .cells import rows_to_cells
from .errors import candidate_error
from .inputs import batch_inputs, extract, schema_for
from .metrics import input_scans, set_phase
from .protocol import ROWS_FRAME_CHARS
from .solutions import STOPPED_MESSAGE, return_problem, spark_stopped
from .streams import StreamFeed, StreamQuery

MAX_PLAN_CHARS = 100_000
CASES_DIR = "/tmp/cases"


class CandidateStopped(Exception):
    """The candidate's code stopped the SparkSession: nothing more can run in this sandbox."""


def final_plan(frame) -> str:
    try:
        return frame._jdf.queryExecution().executedPlan().toString()[:MAX_PLAN_CHARS]
    except Exception as exc:  # the plan is an insight, never a reason to fail a case
        return f"(plan unavailable: {type(exc).__name__})"


def encode_rows(schema, rows) -> list:
    """Each row as its JSON text (cells as core/table.ts decodes them)."""
    return [json.dumps(cells, separators=(",", ":"), allow_nan=False, ensure_ascii=False) for cells in rows_to_cells(schema, rows)]


def columns_of(schema) -> list:
    return [{"name": f.name, "type": f.dataType.simpleString(), "nullable": f.nullable} for f in schema.fields]


class CaseRun:
    """One case in progress: its folder, captured stdout, clock and report."""

    def __init__(self, command: dict, solution, events) -> None:
        self.command, self.solution, self.events = command, solution, events
        self.events_start = events.mark()
        self.inputs = set()  # see metrics.input_scans
        self.id = command["id"]
        self.dir = os.path.join(CASES_DIR, self.id)
        self.stdout = CappedText(solution.command["maxStdoutBytes"])
        self.report = {"type": "case_end", "id": self.id}
        self.self_ms = 0.0
        self.prepare_ms = 0.0
        self.rows_sent, self.bytes_sent = 0, 0

    def candidate_failed(self, exc: BaseException) -> None:
        if isinstance(exc, KeyboardInterrupt):
            raise exc
        if spark_stopped(self.solution.spark):
            self.report.update(status="runtime_error", error={"type": "SparkStopped", "message": STOPPED_MESSAGE, "traceback": ""})
        else:
            self.report.update(status="runtime_error", error=candidate_error(exc, self.solution.path))

    def finish(self, control) -> None:
        self.report.setdefault("status", "ok")
        metrics = self.events.summarise(self.events_start, self.inputs)
        if metrics is not None:
            self.report["metrics"] = metrics
        self.report.update(stdout=self.stdout.value(), stdoutDroppedBytes=self.stdout.dropped,
                           selfTimeMs=round(self.self_ms, 3), prepareMs=round(self.prepare_ms, 3))
        control.send(self.report)
        shutil.rmtree(self.dir, ignore_errors=True)
        if spark_stopped(self.solution.spark):
            raise CandidateStopped()

    def send_output(self, control, encoded: list, extra: dict | None = None) -> bool:
        """Sends rows unless they pass the case's row or byte cap; False (and the status set) when they do."""
        limits = self.solution.command
        size = sum(len(e) + 1 for e in encoded)
        too_wide = any(len(e) > ROWS_FRAME_CHARS for e in encoded)
        if too_wide or self.rows_sent + len(encoded) > limits["maxOutputRows"] or self.bytes_sent + size > limits["maxOutputBytes"]:
            self.report.update(status="output_limit_exceeded", rowCount=self.rows_sent + len(encoded))
            return False
        head = f'{{"type":"rows","id":{json.dumps(self.id)}{"".join(f",{json.dumps(k)}:{json.dumps(v)}" for k, v in (extra or {}).items())},"rows":['
        chunk, chunk_size = [], 0
        for text in encoded:
            if chunk and chunk_size + len(text) > ROWS_FRAME_CHARS:
                control.send_raw(head + ",".join(chunk) + "]}")
                chunk, chunk_size = [], 0
            chunk.append(text)
            chunk_size += len(text) + 1
        if chunk:
            control.send_raw(head + ",".join(chunk) + "]}")
        self.rows_sent += len(encoded)
        self.bytes_sent += size
        return True


def run_batch_case(command: dict, payload: bytes, solution, control, events) -> None:
    case = CaseRun(command, solution, events)
    real_stdout = sys.stdout
    started = time.perf_counter()
    extract(payload, case.dir)
    rows, schema, plan = None, None, None
    try:
        sys.stdout = case.stdout
        set_phase(solution.spark, "inputs")
        inputs = batch_inputs(solution.spark, solution.command["inputs"], command["inputs"], case.dir, command.get("shuffle"))
        case.inputs = input_scans(inputs.values())
        case.prepare_ms = (time.perf_counter() - started) * 1000
        set_phase(solution.spark, "solve")
        result = solution.entry(solution.spark, **inputs)
        problem = return_problem(solution.entrypoint, result, False)
        if problem:
            case.report.update(status="invalid_submission", error={"type": "TypeError", "message": problem, "traceback": ""})
        else:
            limited = result.limit(solution.command["maxOutputRows"] + 1)
            set_phase(solution.spark, "output")
            rows, schema = limited.collect(), result.schema
            plan = final_plan(limited)
    except BaseException as exc:  # SystemExit too: the candidate's exit() is its own error
        case.candidate_failed(exc)
    finally:
        sys.stdout = real_stdout
    case.self_ms = (time.perf_counter() - started) * 1000
    if rows is not None:
        case.report.update(columns=columns_of(schema), rowCount=len(rows), planText=plan)
        if len(rows) > solution.command["maxOutputRows"]:
            case.report["status"] = "output_limit_exceeded"
        else:
            case.send_output(control, encode_rows(schema, rows))
    case.finish(control)


class StreamCase:
    """A stream case between its start and its `stream_end`: the feed, the query and the report."""

    def __init__(self, command: dict, payload: bytes, solution, control, events) -> None:
        self.case = case = CaseRun(command, solution, events)
        self.control, self.query, self.feed, self.columns = control, None, None, None
        specs = solution.command["inputs"]
        stream_spec = next(s for s in specs if s["kind"] == "stream")
        self.stream_columns = stream_spec["columns"]
        started = time.perf_counter()
        extract(payload, case.dir)
        real_stdout = sys.stdout
        try:
            sys.stdout = case.stdout
            others = [s for s in specs if s["kind"] != "stream"]
            set_phase(solution.spark, "inputs")
            inputs = batch_inputs(solution.spark, others, command["inputs"], case.dir, command.get("shuffle"))
            case.inputs = input_scans(inputs.values())
            self.feed = StreamFeed(solution.spark, schema_for(stream_spec["columns"]), case.dir, stream_spec["name"])
            inputs[stream_spec["name"]] = self.feed.stream()
            case.prepare_ms = (time.perf_counter() - started) * 1000
            set_phase(solution.spark, "solve")
            result = solution.entry(solution.spark, **inputs)
            problem = return_problem(solution.entrypoint, result, True)
            if problem:
                case.report.update(status="invalid_submission", error={"type": "TypeError", "message": problem, "traceback": ""})
            else:
                self.schema = result.schema
                set_phase(solution.spark, "output")  # the query's thread takes the properties it starts with
                self.query = StreamQuery(solution.spark, result, os.path.join(case.dir, "checkpoint"), f"grader_output_{case.id.replace('-', '_')}")
        except BaseException as exc:
            case.candidate_failed(exc)
        finally:
            sys.stdout = real_stdout
        case.self_ms += (time.perf_counter() - started) * 1000
        if self.query is None:
            self.end()
        else:
            control.send({"type": "stream_ready", "id": case.id})

    @property
    def open(self) -> bool:
        return self.query is not None

    def micro_batch(self, command: dict, payload: bytes) -> None:
        case, index = self.case, command["index"]
        started = time.perf_counter()
        batch_dir = os.path.join(case.dir, f"batch-{index}")
        extract(payload, batch_dir)
        real_stdout = sys.stdout
        rows, failed = None, False
        try:
            sys.stdout = case.stdout
            self.feed.stage(index, command["format"], batch_dir, case.command.get("shuffle"), self.stream_columns)
            rows = self.query.process(case.solution.command["maxOutputRows"])
        except BaseException as exc:
            case.candidate_failed(exc)
            failed = True
        finally:
            sys.stdout = real_stdout
        shutil.rmtree(batch_dir, ignore_errors=True)
        case.self_ms += (time.perf_counter() - started) * 1000
        if failed or not case.send_output(self.control, encode_rows(self.schema, rows), {"batch": index}):
            self.end()
            return
        self.control.send({"type": "batch_end", "id": case.id, "index": index})

    def end(self) -> None:
        case = self.case
        if self.query is not None:
            case.report.update(columns=columns_of(self.schema), rowCount=case.rows_sent, planText=self.query.plan()[:MAX_PLAN_CHARS])
            self.query.stop()
            self.query = None
        case.finish(self.control)
