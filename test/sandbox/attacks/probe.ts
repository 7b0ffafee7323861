// Python and parsing for attacks that look around from inside a sandbox: the probe prints one
// line `PROBE <json>` of what it found and then answers group-sum correctly, so the verdict says
// the sandbox let a correct solution through and the findings say what the inside looked like.
import type { GradeResult } from '../../../core/grade-result.js';

/** Wraps the body of `probe()` (Python, 4-space indent, returns a dict) into a group-sum solution. */
export function probeSolution(imports: string, body: string): string {
  return [
    `import json\n${imports}`,
    'from pyspark.sql import functions as F',
    '',
    'def probe():',
    body,
    '',
    'def solve(spark, numbers):',
    '    globals()["spark"] = spark',
    '    print("PROBE " + json.dumps(probe(), default=repr))',
    '    return numbers.groupBy("grp").agg(F.sum("n").alias("total"))',
  ].join('\n');
}

/** The findings the probe printed in the result's first case. */
export function probeFindings<T = Record<string, unknown>>(result: GradeResult): T {
  const line = result.cases[0]?.stdout.split('\n').find((l) => l.startsWith('PROBE '));
  if (!line) throw new Error(`the probe printed nothing (verdict ${result.verdict}: ${result.cases[0]?.message ?? 'no case'})`);
  return JSON.parse(line.slice('PROBE '.length)) as T;
}
