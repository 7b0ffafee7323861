// Attack: use up file descriptors, in Python and in the driver JVM (through py4j), and keep
// them open while Spark runs the answer.
// Must happen: RLIMIT_NOFILE (GRADER_SANDBOX_NOFILE) stops each process at its own ceiling inside
// the sandbox; the worker's own descriptors are untouched; the case ends with a candidate verdict
// (Spark may or may not still run), and the next grade in a new sandbox is accepted.
import { expect, it } from 'vitest';
import { useTestGrader } from '../../support/grader.js';
import { probeFindings, probeSolution } from './probe.js';

const grader = useTestGrader();

const exhaust = probeSolution(
  'import os',
  String.raw`    held = []
    try:
        while True:
            held.append(os.open("/dev/null", os.O_RDONLY))
    except OSError as e:
        python = {"opened": len(held), "error": type(e).__name__}
    globals()["held"] = held
    jvm = spark.sparkContext._jvm
    streams = []
    try:
        for _ in range(100_000):
            streams.append(jvm.java.io.FileInputStream("/dev/null"))
        java = "no limit"
    except Exception as e:
        java = type(e).__name__
    globals()["streams"] = streams
    return {"python": python, "java": java, "java_opened": len(streams)}`,
);

const plain = [
  'from pyspark.sql import functions as F',
  'def solve(spark, numbers):',
  '    return numbers.groupBy("grp").agg(F.sum("n").alias("total"))',
].join('\n');

it('stops descriptor exhaustion at each process limit and keeps the worker whole', async () => {
  const result = await grader().grade('group-sum', exhaust, 'public');
  expect(['accepted', 'runtime_error', 'time_limit_exceeded']).toContain(result.verdict);
  if (result.verdict === 'accepted') {
    const found = probeFindings<{ python: { opened: number; error: string }; java: string; java_opened: number }>(result);
    expect(found.python.error).toBe('OSError');
    expect(found.python.opened).toBeLessThan(4096);
    expect(found.java).not.toBe('no limit');
  }
  expect((await grader().grade('group-sum', plain, 'public')).verdict).toBe('accepted');
  expect(await grader().leftoverContainers()).toEqual([]);
});
