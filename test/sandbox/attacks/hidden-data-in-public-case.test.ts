// Attack: in a Submit, read the hidden cases' inputs during a public case, whose stdout, error
// text and output rows the candidate is shown: walk every readable file, print what looks like
// input, raise it in an exception, return it as rows.
// Must happen: a Submit runs its public cases first and delivers each case's inputs only when
// that case starts, so while a public case runs no hidden input is in the sandbox: nothing of
// one reaches the public case's stdout, error or rows. (The same probe in a hidden case finds
// that case's own inputs, which shows the probe works.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testGrader, type TestGrader } from '../../support/grader.js';

let grader: TestGrader;
beforeAll(async () => {
  grader = await testGrader();
});
afterAll(async () => {
  await grader.close();
});

const probe = String.raw`
import os
from pyspark.sql import functions as F

def input_files():
    found = []
    for root in ("/tmp", "/opt/grader"):
        for folder, dirs, files in os.walk(root):
            for name in files:
                if name.endswith((".jsonl", ".parquet", ".csv")) and "site-packages" not in folder:
                    path = os.path.join(folder, name)
                    try:
                        found.append(path + ": " + open(path, errors="replace").read()[:2000])
                    except OSError:
                        pass
    return found

def solve(spark, numbers):
    found = input_files()
    print("\n".join(found))
    if numbers.where("grp = 'b'").count() == 1:  # the public case: leak it every way there is
        rows = [(f, 0) for f in found] or [("nothing found", 0)]
        leaked = spark.createDataFrame(rows, "grp string, total long")
        if any('"grp":"c"' in f for f in found):
            raise RuntimeError(" ".join(found))
        return numbers.groupBy("grp").agg(F.sum("n").alias("total")).unionByName(leaked)
    return numbers.groupBy("grp").agg(F.sum("n").alias("total"))
`;

it('lets nothing of a hidden input reach a public case in a Submit', async () => {
  const result = await grader.grade('group-sum', probe);
  const [basic, nulls] = [result.cases.find((c) => c.name === 'basic')!, result.cases.find((c) => c.name === 'nulls')!];
  // The hidden case's input holds group "c" with a null n: the probe finds it in that case.
  expect(nulls.stdout).toMatch(/numbers\.jsonl: .*"grp":"c"/s);
  const shown = JSON.stringify({ stdout: basic.stdout, message: basic.message, diff: basic.diff, error: basic.error });
  expect(shown).not.toMatch(/"grp\\?":\\?"c\\?"/);
  expect(shown).not.toMatch(/"n\\?":\\?4/);
  expect(basic.stdout).toMatch(/numbers\.jsonl: .*"grp":"b"/s); // only its own input
  expect(await grader.leftoverContainers()).toEqual([]);
});
