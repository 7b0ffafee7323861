// Spark's own accounting of one case, as the harness summarised it from the event log inside the
// sandbox (sandbox-images/pyspark/harness/grader_harness/metrics.py): jobs, stages and tasks,
// shuffle, spill, rows read, rows through Python, bytes collected to the driver, broadcasts.
// Code in the sandbox can write any of it, so it is schema-checked under these bounds and shown
// as measured inside the sandbox: an insight, never part of a verdict.
import { z } from 'zod';

const Count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const Ms = z.number().nonnegative().max(1e12);
const Spread = z.strictObject({ min: Ms, median: Ms, p75: Ms, max: Ms });

export const StageMetricsSchema = z.strictObject({
  stageId: Count,
  attempt: Count,
  /** Spark's stage name: the action and the line that ran it (`collect at solution.py:12`). */
  name: z.string().max(200),
  tasks: Count,
  failedTasks: Count,
  /** Submission to completion, in milliseconds. */
  durationMs: Ms,
  /** Spread of the stage's successful task durations, in milliseconds (linear interpolation). */
  taskMs: Spread,
  /** Spread of the rows each task read (input records plus shuffle records). */
  taskRows: Spread,
  inputRows: Count,
  shuffleReadBytes: Count,
  shuffleWriteBytes: Count,
  /** Memory and disk spill together, in bytes. */
  spillBytes: Count,
  /** The largest task's peak execution memory, in bytes. */
  peakExecutionMemoryBytes: Count,
  /** Plan operators that ran in the stage (`SortMergeJoin`, `HashAggregate`). */
  operators: z.array(z.string().max(200)).max(8),
  /** What the stage's keyed operators partition by, from the plan (`SortMergeJoin on customer_id`). */
  keys: z.array(z.string().max(200)).max(8),
});
export type StageMetrics = z.infer<typeof StageMetricsSchema>;

export const SparkMetricsSchema = z.strictObject({
  jobs: Count,
  /** Jobs the solution's own code started (collect, count, toPandas inside solve). */
  solutionJobs: Count,
  stages: Count,
  tasks: Count,
  failedTasks: Count,
  inputRows: Count,
  shuffleReadRows: Count,
  shuffleReadBytes: Count,
  shuffleWriteRows: Count,
  shuffleWriteBytes: Count,
  spillMemoryBytes: Count,
  spillDiskBytes: Count,
  /** The largest task's peak execution memory, in bytes. */
  peakExecutionMemoryBytes: Count,
  /** Rows returned by Python workers: Python and pandas UDFs, and RDDs built in Python. */
  pythonRows: Count,
  /** Task results of the solution's own jobs, in bytes: what its collects brought to the driver. */
  collectedBytes: Count,
  /** Size of each broadcast that ran, in bytes. */
  broadcastBytes: z.array(Count).max(10),
  /** The longest stages, longest first. */
  stageList: z.array(StageMetricsSchema).max(20),
  /** The event log was longer than the harness reads, or there were more stages than listed. */
  truncated: z.boolean(),
});
export type SparkMetrics = z.infer<typeof SparkMetricsSchema>;

/** "1.2 MB", "410 kB", "12 B" (decimal units, as Spark's UI shows them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

/** "1.05M", "12.3k", "950". */
export function formatCount(n: number): string {
  if (n >= 1e6) return `${Math.round(n / 1e4) / 100}M`;
  if (n >= 1e4) return `${Math.round(n / 100) / 10}k`;
  return n.toLocaleString('en-US');
}
