"""Spark's own accounting of one case: the part of the application's event log written while the
case ran, summarised into jobs, stages and tasks, shuffle and spill, rows read and rows that went
through Python, bytes the solution collected to the driver, and broadcast sizes (schema:
core/spark-metrics.ts). The summary is an insight: it is sent with the case's report, bounded in
size, and a failure to read it never fails the case.

Jobs carry the harness's `grader.phase` local property, so the solution's own actions (`solve`)
are told apart from the harness reading the inputs (`inputs`) and collecting the output
(`output`): only the solution's own collects count as collected to the driver.
"""
import json
import os
import re

EVENT_DIR = "/tmp/spark-events"
PHASE_PROPERTY = "grader.phase"
#: A case's event log beyond this is not read (the summary says it is truncated).
MAX_SEGMENT_BYTES = 64 << 20
#: Stages listed, the longest first; totals count every stage.
MAX_STAGES = 20
MAX_BROADCASTS = 10
MAX_OPERATORS = 8
MAX_TEXT = 200
DRAIN_TIMEOUT_MS = 5000

#: Plan nodes whose output rows came back from a Python worker (the DataFrame API's Python UDFs,
#: pandas UDFs and functions, and an RDD built in Python turned into a DataFrame).
PYTHON_NODES = {
    "BatchEvalPython", "ArrowEvalPython", "FlatMapGroupsInPandas", "FlatMapCoGroupsInPandas", "MapInPandas",
    "MapInArrow", "PythonMapInArrow", "AggregateInPandas", "WindowInPandas", "Scan ExistingRDD",
}
#: Plan nodes whose keys say what a stage partitions its rows by.
KEYED_NODES = {
    "SortMergeJoin", "ShuffledHashJoin", "BroadcastHashJoin", "HashAggregate", "ObjectHashAggregate",
    "SortAggregate", "Window", "Exchange",
}
#: Plan nodes that only wrap others, left out of a stage's operators.
WRAPPERS = ("WholeStageCodegen", "ColumnarToRow", "InputAdapter", "AdaptiveSparkPlan")
ATTRIBUTE_ID = re.compile(r"#\d+L?")
#: A call site in a stage's name: the solution's own file is named as the candidate knows it, and
#: the harness's as `the grader` (the reader is not told where the harness lives).
SOLUTION_SITE = re.compile(r"\S*/solution\.py:")
HARNESS_SITE = re.compile(r"\S*grader_harness\S*")


def input_scans(frames) -> set:
    """The first output attribute (`order_id#153L`) of each input the harness built from rows: their
    `Scan ExistingRDD` nodes are the case's inputs, not rows the solution sent through Python."""
    found = set()
    for frame in frames:
        try:
            found.add(frame._jdf.queryExecution().analyzed().output().apply(0).toString())
        except Exception:  # not a frame of rows (a Parquet input, a stream): nothing to leave out
            pass
    return found


def set_phase(spark, phase: str) -> None:
    try:
        spark.sparkContext.setLocalProperty(PHASE_PROPERTY, phase)
    except Exception:  # a stopped SparkContext: the case reports that itself
        pass


class EventLog:
    """The application's event log file, read from a case's starting offset."""

    def __init__(self, spark) -> None:
        self.spark = spark
        self.path = os.path.join(EVENT_DIR, f"{spark.sparkContext.applicationId}.inprogress")

    def _drain(self) -> None:
        """Waits until the listener bus (and so the event logger) has taken every event posted so far."""
        self.spark.sparkContext._jsc.sc().listenerBus().waitUntilEmpty(DRAIN_TIMEOUT_MS)

    def mark(self) -> int | None:
        try:
            self._drain()
            return os.path.getsize(self.path)
        except Exception:
            return None

    def summarise(self, start: int | None, inputs: set) -> dict | None:
        if start is None:
            return None
        try:
            self._drain()
            with open(self.path, "rb") as log:
                log.seek(start)
                segment = log.read(MAX_SEGMENT_BYTES + 1)
            truncated = len(segment) > MAX_SEGMENT_BYTES
            lines = segment[:MAX_SEGMENT_BYTES].split(b"\n")
            if truncated or not segment.endswith(b"\n"):
                lines = lines[:-1]  # a line cut by the cap, or still being written
            summary = Summary(inputs)
            for line in lines:
                if line:
                    summary.add(json.loads(line))
            return summary.result(truncated)
        except Exception:  # the metrics are an insight, never a reason to fail a case
            return None


def _stage_name(name: str) -> str:
    return HARNESS_SITE.sub("the grader", SOLUTION_SITE.sub("solution.py:", name))[:MAX_TEXT]


def _percentiles(values: list) -> dict:
    """min, median, 75th percentile and max, linearly interpolated between the nearest values."""
    ordered = sorted(values)

    def at(q: float) -> float:
        position = q * (len(ordered) - 1)
        low = int(position)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (ordered[high] - ordered[low]) * (position - low)

    return {"min": ordered[0], "median": round(at(0.5), 3), "p75": round(at(0.75), 3), "max": ordered[-1]}


def _keys(node: str, simple: str) -> str | None:
    """The keys a join, aggregate, window or exchange works on, from its plan line, without attribute ids."""
    text = ATTRIBUTE_ID.sub("", simple)
    if node == "Window":
        pattern = r"\], \[([^\]]*)\], \[[^\]]*\]$"  # Window [functions], [partition keys], [order]
    elif node.endswith("Aggregate"):
        pattern = r"keys=\[([^\]]*)\]"  # HashAggregate(keys=[a, b], functions=[...])
    elif node == "Exchange":
        pattern = r"hashpartitioning\((.*), \d+\)"  # Exchange hashpartitioning(a, 4), ENSURE_REQUIREMENTS
    else:
        pattern = r"^\w+ \[([^\]]*)\]"  # SortMergeJoin [left keys], [right keys], LeftOuter
    match = re.search(pattern, text)
    return match.group(1).strip()[:MAX_TEXT] if match and match.group(1).strip() else None


class Summary:
    """Folds events into the case's metrics, one event at a time."""

    def __init__(self, inputs: set) -> None:
        self.inputs = inputs
        self.job_phase, self.stage_job, self.jobs = {}, {}, 0  # job id -> phase, stage id -> its job's phase
        self.stages, self.tasks = {}, {}
        self.nodes = {}  # accumulator id -> (node name, plan line)
        self.accumulated = {}  # accumulator id -> sum of task updates and driver updates

    def add(self, event: dict) -> None:
        kind = event.get("Event", "")
        if kind == "SparkListenerJobStart":
            self.jobs += 1
            phase = (event.get("Properties") or {}).get(PHASE_PROPERTY, "solve")
            self.job_phase[event.get("Job ID")] = phase
            for stage in event.get("Stage IDs", []):
                self.stage_job[stage] = phase
        elif kind == "SparkListenerTaskEnd":
            self._task(event)
        elif kind == "SparkListenerStageCompleted":
            info = event["Stage Info"]
            accumulators = {a["ID"] for a in info.get("Accumulables", [])}
            self.stages[(info["Stage ID"], info.get("Stage Attempt ID", 0))] = {
                "name": _stage_name(str(info.get("Stage Name", ""))),
                "durationMs": max(0, (info.get("Completion Time") or 0) - (info.get("Submission Time") or 0)),
                "failed": "Failure Reason" in info,
                "accumulators": accumulators,
            }
        elif kind.endswith("SQLExecutionStart") or kind.endswith("SQLAdaptiveExecutionUpdate"):
            self._plan(event.get("sparkPlanInfo") or {})
        elif kind.endswith("SparkListenerDriverAccumUpdates"):
            for accumulator, value in event.get("accumUpdates", []):
                self.accumulated[accumulator] = self.accumulated.get(accumulator, 0) + int(value)

    def _plan(self, node: dict) -> None:
        name = str(node.get("nodeName", "")).strip()
        simple = str(node.get("simpleString", ""))
        if name == "Scan ExistingRDD" and simple[len(name) + 1:].split(",")[0].rstrip("]") in self.inputs:
            name = "Scan input"
        for metric in node.get("metrics", []):
            self.nodes[metric["accumulatorId"]] = (name, simple, metric.get("name", ""))
        for child in node.get("children", []):
            self._plan(child)

    def _task(self, event: dict) -> None:
        info, metrics = event.get("Task Info") or {}, event.get("Task Metrics") or {}
        key = (event.get("Stage ID"), event.get("Stage Attempt ID", 0))
        ok = (event.get("Task End Reason") or {}).get("Reason") == "Success"
        shuffle_read = metrics.get("Shuffle Read Metrics") or {}
        shuffle_write = metrics.get("Shuffle Write Metrics") or {}
        task = {
            "ok": ok,
            "result": event.get("Task Type") == "ResultTask",
            "ms": max(0, (info.get("Finish Time") or 0) - (info.get("Launch Time") or 0)),
            "inputRows": (metrics.get("Input Metrics") or {}).get("Records Read", 0),
            "shuffleReadRows": shuffle_read.get("Total Records Read", 0),
            "shuffleReadBytes": shuffle_read.get("Remote Bytes Read", 0) + shuffle_read.get("Local Bytes Read", 0),
            "shuffleWriteRows": shuffle_write.get("Shuffle Records Written", 0),
            "shuffleWriteBytes": shuffle_write.get("Shuffle Bytes Written", 0),
            "spillMemoryBytes": metrics.get("Memory Bytes Spilled", 0),
            "spillDiskBytes": metrics.get("Disk Bytes Spilled", 0),
            "peakExecutionMemoryBytes": metrics.get("Peak Execution Memory", 0),
            "resultBytes": metrics.get("Result Size", 0),
        }
        self.tasks.setdefault(key, []).append(task)
        if ok:
            for accumulable in info.get("Accumulables", []):
                if accumulable.get("Metadata") == "sql":
                    update = accumulable.get("Update")
                    if isinstance(update, (int, str)) and str(update).lstrip("-").isdigit():
                        ident = accumulable["ID"]
                        self.accumulated[ident] = self.accumulated.get(ident, 0) + int(update)

    def _stage(self, key, tasks: list) -> dict:
        stage = self.stages.get(key, {"name": "", "durationMs": 0, "failed": False, "accumulators": set()})
        done = [t for t in tasks if t["ok"]] or tasks
        operators, keys = [], []
        for accumulator in sorted(stage["accumulators"]):
            node = self.nodes.get(accumulator)
            if node and node[0] not in operators and not node[0].startswith(WRAPPERS):
                operators.append(node[0])
                found = _keys(node[0], node[1]) if node[0] in KEYED_NODES else None
                if found and len(keys) < MAX_OPERATORS:
                    keys.append(f"{node[0]} on {found}"[:MAX_TEXT])
        return {
            "stageId": key[0],
            "attempt": key[1],
            "name": stage["name"],
            "tasks": len(tasks),
            "failedTasks": sum(1 for t in tasks if not t["ok"]),
            "durationMs": stage["durationMs"],
            "taskMs": _percentiles([t["ms"] for t in done]),
            "taskRows": _percentiles([t["inputRows"] + t["shuffleReadRows"] for t in done]),
            "inputRows": sum(t["inputRows"] for t in done),
            "shuffleReadBytes": sum(t["shuffleReadBytes"] for t in done),
            "shuffleWriteBytes": sum(t["shuffleWriteBytes"] for t in done),
            "spillBytes": sum(t["spillMemoryBytes"] + t["spillDiskBytes"] for t in done),
            "peakExecutionMemoryBytes": max(t["peakExecutionMemoryBytes"] for t in done),
            "operators": operators[:MAX_OPERATORS],
            "keys": keys,
        }

    def result(self, truncated: bool) -> dict:
        every = [t for tasks in self.tasks.values() for t in tasks if t["ok"]]
        stages = sorted((self._stage(key, tasks) for key, tasks in self.tasks.items()),
                        key=lambda s: (-s["durationMs"], s["stageId"]))

        def total(field: str) -> int:
            return sum(t[field] for t in every)

        def by_node(names, metric: str) -> list:
            return [self.accumulated.get(ident, 0) for ident, node in sorted(self.nodes.items())
                    if node[0] in names and node[2] == metric]

        collected = sum(t["resultBytes"] for key, tasks in self.tasks.items() if self.stage_job.get(key[0], "solve") == "solve"
                        for t in tasks if t["ok"] and t["result"])
        return {
            "jobs": self.jobs,
            "solutionJobs": sum(1 for phase in self.job_phase.values() if phase == "solve"),
            "stages": len(self.tasks),
            "tasks": sum(len(tasks) for tasks in self.tasks.values()),
            "failedTasks": sum(1 for tasks in self.tasks.values() for t in tasks if not t["ok"]),
            # Files read, and the inputs the harness built from rows (Spark counts no input records for those).
            "inputRows": total("inputRows") + sum(by_node({"Scan input"}, "number of output rows")),
            "shuffleReadRows": total("shuffleReadRows"),
            "shuffleReadBytes": total("shuffleReadBytes"),
            "shuffleWriteRows": total("shuffleWriteRows"),
            "shuffleWriteBytes": total("shuffleWriteBytes"),
            "spillMemoryBytes": total("spillMemoryBytes"),
            "spillDiskBytes": total("spillDiskBytes"),
            "peakExecutionMemoryBytes": max((t["peakExecutionMemoryBytes"] for t in every), default=0),
            "pythonRows": sum(by_node(PYTHON_NODES, "number of output rows")),
            "collectedBytes": collected,
            # A broadcast the adaptive plan replaced keeps its metric at 0: only those that ran.
            "broadcastBytes": [size for size in by_node({"BroadcastExchange"}, "data size") if size > 0][:MAX_BROADCASTS],
            "stageList": stages[:MAX_STAGES],
            "truncated": truncated or len(stages) > MAX_STAGES,
        }
