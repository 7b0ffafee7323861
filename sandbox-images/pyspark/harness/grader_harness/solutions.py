"""A candidate's solution in the sandbox: its module imported from the delivered source, its
entry point, and a SparkSession of its own (a new session on the sandbox's one SparkContext:
own SQL settings, temporary views and functions), dropped again before the next solution with
what sessions on one context share (global temporary views, saved tables, databases, cached data)."""
import gc
import importlib.util
import os
import shutil
import sys

from pyspark import cloudpickle
from pyspark.sql import DataFrame

from .capture import captured_stdout
from .errors import candidate_error

DEFAULT_ENTRYPOINT = "solve"


class Solution:
    def __init__(self, command: dict, module, session, path: str) -> None:
        self.id, self.command, self.module, self.spark, self.path = command["id"], command, module, session, path
        self.entrypoint = command["entrypoint"]
        self.entry = None

    def release(self) -> None:
        """Forgets the solution: its streams stopped, what it left in the shared catalog and cached
        data dropped, its module unloaded."""
        for query in list(self.spark.streams.active):
            try:
                query.stop()
            except Exception:  # a failed query is stopped already
                pass
        try:
            forget_shared_catalog(self.spark)
            self.spark.catalog.clearCache()
            for rdd in list(self.spark.sparkContext._jsc.getPersistentRDDs().values()):
                rdd.unpersist()
            # Shuffle files sit in the tmpfs (memory) until Spark's cleaner sees their RDDs
            # collected: collect now, so the next solution in a shared sandbox starts clean.
            gc.collect()
            self.spark.sparkContext._jvm.System.gc()
        except Exception:  # a stopped context holds nothing any more
            pass
        if self.module is not None:
            cloudpickle.unregister_pickle_by_value(self.module)
        sys.modules.pop("solution", None)
        shutil.rmtree(os.path.dirname(self.path), ignore_errors=True)


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def forget_shared_catalog(spark) -> None:
    """Drops what every session on the SparkContext would see: global temporary views, databases
    other than `default`, and the tables saved in `default` (their files in the warehouse too)."""
    catalog = spark.catalog
    for view in catalog.listTables("global_temp"):
        if view.database == "global_temp":
            catalog.dropGlobalTempView(view.name)
    for database in catalog.listDatabases():
        if database.name != "default":
            spark.sql(f"DROP DATABASE IF EXISTS {_quoted(database.name)} CASCADE")
    for table in catalog.listTables("default"):
        if not table.isTemporary:
            spark.sql(f"DROP TABLE IF EXISTS default.{_quoted(table.name)}")


def spark_stopped(spark) -> bool:
    return spark.sparkContext._jsc is None


STOPPED_MESSAGE = ("the solution stopped the SparkSession (spark.stop() or SparkContext.stop()): the grader "
                   "owns the session and runs every case in it, so remove the call")


def load_solution(spark, command: dict, source: bytes, root: str) -> tuple:
    """Imports the solution; returns (Solution or None, the `module` frame)."""
    folder = os.path.join(root, command["id"])
    os.makedirs(folder)
    path = os.path.join(folder, "solution.py")
    with open(path, "wb") as f:
        f.write(source)
    session = spark.newSession()
    solution = Solution(command, None, session, path)
    frame = {"type": "module", "id": command["id"]}
    with captured_stdout(command["maxStdoutBytes"]) as out:
        try:
            spec = importlib.util.spec_from_file_location("solution", path)
            module = importlib.util.module_from_spec(spec)
            sys.modules["solution"] = module
            # The candidate's UDFs, RDD lambdas and pandas functions go to Spark's Python workers by
            # value, as they would from a script run as __main__; by reference the workers would
            # have to import a module named solution, which they cannot.
            cloudpickle.register_pickle_by_value(module)
            solution.module = module
            spec.loader.exec_module(module)
        except SyntaxError as exc:
            frame.update(status="invalid_submission", error=candidate_error(exc, path))
        except BaseException as exc:  # SystemExit too: the candidate's exit() is its own error
            if isinstance(exc, KeyboardInterrupt):
                raise
            frame.update(status="runtime_error", error=candidate_error(exc, path))
    frame.update(stdout=out.value(), stdoutDroppedBytes=out.dropped)
    if "status" not in frame and spark_stopped(spark):
        frame.update(status="runtime_error", error={"type": "SparkStopped", "message": STOPPED_MESSAGE, "traceback": ""})
    if "status" in frame:
        return solution, frame
    # `solve` is every solution's entry point; a challenge may name its own (fraud-velocity-stream:
    # `build`), which then comes first and `solve` still works.
    names = list(dict.fromkeys([command["entrypoint"], DEFAULT_ENTRYPOINT]))
    found = next((n for n in names if callable(getattr(module, n, None))), None)
    if found is None:
        frame.update(status="invalid_submission", error={
            "type": "MissingEntrypoint",
            "message": f"solution.py must define a function {' or '.join(names)}(spark, ...)",
            "traceback": "",
        })
        return solution, frame
    solution.entrypoint, solution.entry = found, getattr(module, found)
    frame["status"] = "ok"
    return solution, frame


def return_problem(entrypoint: str, result, streaming: bool):
    """Why the entry point's return value cannot be graded, or None."""
    if not isinstance(result, DataFrame):
        kind = "a streaming pyspark.sql.DataFrame" if streaming else "a pyspark.sql.DataFrame"
        return f"{entrypoint} must return {kind}, got {type(result).__name__}"
    if streaming and not result.isStreaming:
        return f"{entrypoint} must return a streaming DataFrame built from its stream input (the harness starts the query); got a batch DataFrame"
    if not streaming and result.isStreaming:
        return f"{entrypoint} must return a batch DataFrame, got a streaming one"
    return None
