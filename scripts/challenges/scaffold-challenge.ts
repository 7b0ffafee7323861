// Writes a new challenge folder from a template that passes the schema, statement and rule steps of
// `challenges:check`: a one-input "sum per key" challenge with every part an author then rewrites
// (statement, spec, starter, reference, public, hidden and generated cases, a wrong solution).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ChallengeSpecSchema } from '../../core/challenge.js';

export class ScaffoldError extends Error {}

function templateFiles(id: string): Record<string, string> {
  return {
    'challenge.yaml': `id: ${id}
title: TODO title of ${id}
difficulty: easy
summary: TODO one line for lists.
entrypoint: solve
inputs:
  - name: rows
    kind: dataframe
    description: TODO what one input row is.
    columns:
      - { name: key, type: string, nullable: false, description: TODO }
      - { name: value, type: long, nullable: true, description: TODO }
output:
  columns:
    - { name: key, type: string, nullable: false, description: TODO }
    - { name: total, type: long, nullable: true, description: TODO }
  ordered: false
  key: [key]
limits:
  caseTimeLimitMs: 60000
  memoryLimitBytes: 2147483648
  maxOutputRows: 200000
timing:
  budgetRatio: 4
`,
    'statement.md': `# TODO title

TODO the story: who needs this and why.

Write \`solve(spark, rows)\` returning a Spark DataFrame with one row per key.

## Input: \`rows\`

| column | type | meaning |
|---|---|---|
| \`key\` | string | TODO |
| \`value\` | long, nullable | TODO |

## Output

| column | type | meaning |
|---|---|---|
| \`key\` | string | a key of \`rows\` |
| \`total\` | long, nullable | the sum of its values (rule 1) |

## Rules

1. **Total.** \`total\` is the sum of the key's non-null values; null when all are null.
2. **Rows.** One row per key; row order does not matter.
`,
    'starter.py': `from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def solve(spark: SparkSession, rows: DataFrame) -> DataFrame:
    """Return a DataFrame with columns key (string) and total (long)."""
    # Your code here.
    return spark.createDataFrame([], 'key STRING, total BIGINT')
`,
    'reference.py': `# Reference solution for ${id}: TODO what it does and why it is right.
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def solve(spark: SparkSession, rows: DataFrame) -> DataFrame:
    return rows.groupBy('key').agg(F.sum('value').alias('total'))
`,
    'generators/scale.py': `# Scale-case generator for ${id}: TODO what the rows mix. Every value is a hash of (row id,
# seed, salt), never rand(), so the same seed gives the same rows however Spark splits the work.
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def generate(spark: SparkSession, seed: int, rows: int = 100_000, keys: int = 1_000) -> dict[str, DataFrame]:
    rid = F.col('id')
    value = F.when(F.pmod(F.hash(rid, F.lit(seed), F.lit(2)), F.lit(100)) < 5, F.lit(None)) \\
        .otherwise(F.pmod(F.hash(rid, F.lit(seed), F.lit(3)), F.lit(1000)))
    frame = spark.range(0, rows, 1, numPartitions=4).select(
        F.format_string('k%d', F.pmod(F.hash(rid, F.lit(seed), F.lit(1)), F.lit(keys))).alias('key'),
        value.cast('long').alias('value'),
    )
    return {'rows': frame}
`,
    'cases/public/example/case.yaml': 'description: "Values are summed per key."\nrules: [1, 2]\n',
    'cases/public/example/rows.jsonl': '{"key":"a","value":1}\n{"key":"a","value":2}\n{"key":"b","value":5}\n',
    'cases/public/example/expected.jsonl': '{"key":"a","total":3}\n{"key":"b","total":5}\n',
    'cases/hidden/all-null/case.yaml': 'description: "A key whose values are all null has a null total."\nrules: [1, 2]\n',
    'cases/hidden/all-null/rows.jsonl': '{"key":"a","value":4}\n{"key":"c","value":null}\n',
    'cases/hidden/all-null/expected.jsonl': '{"key":"a","total":4}\n{"key":"c","total":null}\n',
    'cases/hidden/scale/case.yaml': `description: "About 100,000 rows over 1,000 keys; timed against the reference."
timed: true
generator:
  script: generators/scale.py
  seed: 1
  params:
    rows: 100000
`,
    'wrong/null-total-as-zero.py': `# expect: wrong_answer
# breaks: a key whose values are all null has a null total (this gives 0)
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def solve(spark: SparkSession, rows: DataFrame) -> DataFrame:
    return rows.groupBy('key').agg(F.coalesce(F.sum('value'), F.lit(0)).alias('total'))
`,
  };
}

/** Creates `<root>/<id>/` from the template; refuses an id that is not kebab-case or a folder that exists. */
export async function scaffoldChallenge(root: string, id: string): Promise<string[]> {
  const check = ChallengeSpecSchema.shape.id.safeParse(id);
  if (!check.success)
    throw new ScaffoldError(
      `challenge id ${JSON.stringify(id)} ${check.error.issues[0]!.message} (lower-case letters and digits, words joined by -)`,
    );
  const dir = path.join(root, id);
  try {
    await mkdir(dir); // not recursive: fails when the folder exists, so nothing is overwritten
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new ScaffoldError(`${dir} already exists; not overwriting it`, { cause: error });
    throw error;
  }
  const files = templateFiles(id);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content, { flag: 'wx' });
  }
  return Object.keys(files).map((name) => path.join(dir, name));
}
