"""Harness entry point: Spark up and warmed, `ready`, then one command at a time from stdin.

Order matters for the warm pool: the SparkSession is up and warm before any job exists, so a
container can be started ahead of time and wait on its stdin. `--build-cds <file>` instead
dumps the class-data archive the image starts Spark from.
"""
import os
import sys
import time
import traceback

from .cases import CandidateStopped, StreamCase, run_batch_case
from .generate import run_generate
from .metrics import EventLog
from .protocol import ControlStream, read_command
from .session import build_cds_archive, start_spark, warm_up
from .solutions import load_solution

SOLUTIONS_DIR = "/tmp/solutions"


class Harness:
    def __init__(self, spark, control) -> None:
        self.spark, self.control = spark, control
        self.events = EventLog(spark)
        self.solutions, self.stream = {}, None

    def handle(self, command: dict, payload: bytes) -> None:
        kind = command["type"]
        if self.stream is not None and kind not in ("micro_batch", "stream_end"):
            raise ValueError(f"{kind} while stream case {self.stream.case.id} is open")
        if kind == "solution":
            for previous in self.solutions.values():
                previous.release()
            self.solutions.clear()
            solution, frame = load_solution(self.spark, command, payload, SOLUTIONS_DIR)
            if frame["status"] == "ok":
                self.solutions[solution.id] = solution
            self.control.send(frame)
        elif kind == "case":
            solution = self.solutions[command["solution"]]
            if any(spec["kind"] == "stream" for spec in solution.command["inputs"]):
                stream = StreamCase(command, payload, solution, self.control, self.events)
                self.stream = stream if stream.open else None
            else:
                run_batch_case(command, payload, solution, self.control, self.events)
        elif kind == "micro_batch":
            self._stream(command).micro_batch(command, payload)
            if not self.stream.open:
                self.stream = None
        elif kind == "stream_end":
            self._stream(command).end()
            self.stream = None
        elif kind == "generate":
            run_generate(self.spark, command, payload, self.control)
        else:
            raise ValueError(f"unknown command {kind!r}")

    def _stream(self, command: dict) -> StreamCase:
        if self.stream is None or self.stream.case.id != command["id"]:
            raise ValueError(f"{command['type']} for {command['id']!r}, which is not the open stream case")
        return self.stream


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--build-cds":
        build_cds_archive(sys.argv[2])
        return
    control = ControlStream()
    try:
        os.makedirs(os.environ.get("HOME", "/tmp/home"), exist_ok=True)
        started = time.perf_counter()
        spark = start_spark()
        spark_ms = (time.perf_counter() - started) * 1000
        if os.environ.get("HARNESS_WARM_UP", "1") == "1":
            os.makedirs("/tmp/warm", exist_ok=True)
            warm_up(spark, "/tmp/warm")
        control.send({
            "type": "ready",
            "sparkVersion": spark.version,
            "pythonVersion": sys.version.split()[0],
            "sparkStartupMs": round(spark_ms, 3),
            "warmUpMs": round((time.perf_counter() - started) * 1000 - spark_ms, 3),
        })
        harness = Harness(spark, control)
        stdin = sys.stdin.buffer
        while True:
            command, payload = read_command(stdin)
            if command is None:
                break
            harness.handle(command, payload)
    except CandidateStopped:
        pass  # reported with the case that stopped it; nothing else can run
    except Exception:  # the harness itself failed; the worker decides whose fault that is
        control.send({"type": "harness_error", "message": traceback.format_exc()[-20000:]})
        os._exit(3)
    # Exit at once: stopping Spark cleanly costs seconds and the container is thrown away.
    os._exit(0)


if __name__ == "__main__":
    main()
