// Attack: a thread bomb inside the JVM, through py4j (no Python thread or fork involved): the
// solution asks the driver JVM for java.util.Timer objects, each of which starts a thread that
// lives until the JVM ends.
// Must happen: the container's pids limit stops the JVM at its ceiling (it cannot create native
// threads any more); the case fails with a candidate verdict (a runtime error, or the time limit
// if the starved JVM stops answering), never a grader fault, and the container is removed.
import { expect, it } from 'vitest';
import { useTestGrader } from '../../support/grader.js';

const grader = useTestGrader(undefined, { env: { GRADER_SMALL_CASE_TIME_LIMIT_MS: '15000' } });

const code = [
  'def solve(spark, numbers):',
  '    jvm = spark.sparkContext._jvm',
  '    timers = []',
  '    while True:',
  '        timers.append(jvm.java.util.Timer(True))',
].join('\n');

it('stops a JVM thread bomb started through py4j at the pids limit', async () => {
  const result = await grader().grade('group-sum', code, 'public');
  expect(['runtime_error', 'time_limit_exceeded']).toContain(result.verdict);
  if (result.verdict === 'runtime_error') expect(result.cases[0]!.message).toMatch(/thread|Py4J|Java|connect/i);
  expect(await grader().leftoverContainers()).toEqual([]);
});
