// The reference solution's run per challenge, image and sandbox size: its time on every case on
// the worker's clock (the timing budget's denominator, and the base of small cases' limits) and
// its output on generated cases (their expected output). Computed once in a fresh sandbox with
// the same plan a Submit runs, checked against the hand-written cases, cached on disk by a hash
// of everything that could change it. Near a budget the reference is re-timed beside the run.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { gradeRun } from '../core/grade-run.js';
import { readJsonlTable, type Challenge } from '../core/load-challenge.js';
import { planInsights, PlanInsightsSchema } from '../core/plan-insights.js';
import { SparkMetricsSchema } from '../core/spark-metrics.js';
import { TableSchema, type Table } from '../core/table.js';
import type { SandboxConfig } from './config.js';
import { GraderFault } from './errors.js';
import { planGrade } from './grade-plan.js';
import type { CaseInputs } from './sandbox/case-inputs.js';
import type { SandboxPool } from './sandbox/pool.js';
import { runSolution, toSandboxRun, type SolutionRun } from './sandbox/run-solution.js';

/** Bumped when the way the reference is timed changes, so old calibrations are not used. */
const CALIBRATION_VERSION = 3;

export const ReferenceRecordSchema = z.object({
  key: z.string(),
  challengeId: z.string(),
  image: z.string(),
  createdAt: z.string(),
  cases: z.record(
    z.string(),
    z.object({
      /** The reference's time for the case, in milliseconds (the worker's clock). */
      timeMs: z.number().nonnegative(),
      /** The reference's output, kept for generated cases only (their expected output). */
      output: TableSchema.optional(),
      /** Shuffles, joins and UDF nodes of the reference's plan, shown beside the candidate's. */
      planInsights: PlanInsightsSchema.optional(),
      /** Spark's accounting of the reference's run of the case, shown beside the candidate's. */
      metrics: SparkMetricsSchema.optional(),
    }),
  ),
});
export type ReferenceRecord = z.infer<typeof ReferenceRecordSchema>;

/** Expected output of a hand-written case, typed by the challenge's declared output columns. */
export function readExpectedTable(challenge: Challenge, file: string): Promise<Table> {
  return readJsonlTable(
    file,
    challenge.spec.output.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable })),
  );
}

/** The reference's output reordered to the declared columns (types as declared). */
export function asExpected(challenge: Challenge, output: Table, caseName: string): Table {
  const declared = challenge.spec.output.columns;
  const indexes = declared.map((c) => output.columns.findIndex((o) => o.name === c.name));
  if (indexes.some((i) => i < 0) || output.columns.length !== declared.length) {
    throw new GraderFault(`reference solution of ${challenge.id} does not return the declared columns on case ${caseName}`, {
      retryable: false,
    });
  }
  return {
    columns: declared.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable })),
    rows: output.rows.map((row) => indexes.map((i) => row[i]!)),
  };
}

export interface ReferenceStoreDeps {
  config: SandboxConfig;
  image: string;
  imageId: () => Promise<string>;
  pool: SandboxPool;
  inputs: CaseInputs;
  /** Whether the pool's sandboxes run the warm-up (part of the key: the times differ without it). */
  warmUp: boolean;
}

/** Priority of the reference's runs in the pool: after Runs, before Submits (a Submit waits on it). */
const REFERENCE_PRIORITY = 5;

export class ReferenceStore {
  private inFlight = new Map<string, Promise<ReferenceRecord>>();
  private known = new Map<string, ReferenceRecord>();

  constructor(private readonly deps: ReferenceStoreDeps) {}

  /** The reference record for this challenge on this image and sandbox size, computing it once. */
  async get(challenge: Challenge): Promise<ReferenceRecord> {
    const key = await this.keyFor(challenge);
    const known = this.known.get(key);
    if (known) return known;
    const existing = this.inFlight.get(key);
    if (existing) return existing;
    const pending = this.loadOrCompute(challenge, key)
      .then((record) => {
        this.known.set(key, record);
        return record;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, pending);
    return pending;
  }

  /** The record if it is already calibrated (memory or disk), without computing it. */
  async peek(challenge: Challenge): Promise<ReferenceRecord | null> {
    const key = await this.keyFor(challenge);
    return this.known.get(key) ?? (await this.load(challenge, key));
  }

  /** Expected table of every case: hand-written ones from expected.jsonl, generated ones from the reference. */
  async expectedTables(challenge: Challenge, reference: ReferenceRecord | null, caseNames: string[]): Promise<Map<string, Table>> {
    const tables = new Map<string, Table>();
    for (const c of challenge.cases.filter((x) => caseNames.includes(x.name))) {
      if (c.expectedFile) {
        tables.set(c.name, await readExpectedTable(challenge, c.expectedFile));
        continue;
      }
      const output = reference?.cases[c.name]?.output;
      if (!output) throw new GraderFault(`no reference output for generated case ${c.name} of ${challenge.id}`, { retryable: false });
      tables.set(c.name, asExpected(challenge, output, c.name));
    }
    return tables;
  }

  /**
   * The reference's times on the timed cases, measured now in a fresh sandbox (beside a run near
   * its budget): the priming run, then only the timed cases (the small ones change nothing a
   * timed case's time depends on once the solution's plans are compiled).
   */
  async retime(challenge: Challenge): Promise<Record<string, number>> {
    const run = await this.runReference(challenge, 'reference-retime', true);
    const times: Record<string, number> = {};
    for (const report of run.caseReports) {
      if (challenge.cases.find((c) => c.name === report.name)?.spec.timed) times[report.name] = report.timeMs;
    }
    return times;
  }

  private async keyFor(challenge: Challenge): Promise<string> {
    const limits = {
      memory: challenge.spec.limits,
      cpus: this.deps.config.GRADER_SANDBOX_CPUS,
      tmpfs: this.deps.config.GRADER_SANDBOX_TMPFS_BYTES,
    };
    return createHash('sha256')
      .update(
        JSON.stringify({
          version: CALIBRATION_VERSION,
          challenge: challenge.contentHash,
          imageId: await this.deps.imageId(),
          limits,
          ...(this.deps.warmUp ? {} : { warmUp: false }),
        }),
      )
      .digest('hex')
      .slice(0, 24);
  }

  private fileFor(challenge: Challenge, key: string): string {
    return path.join(this.deps.config.GRADER_CACHE_DIR, 'references', challenge.id, `${key}.json`);
  }

  private async load(challenge: Challenge, key: string): Promise<ReferenceRecord | null> {
    try {
      return ReferenceRecordSchema.parse(JSON.parse(await readFile(this.fileFor(challenge, key), 'utf8')));
    } catch {
      return null; // absent or unreadable: not calibrated
    }
  }

  private async loadOrCompute(challenge: Challenge, key: string): Promise<ReferenceRecord> {
    const loaded = await this.load(challenge, key);
    if (loaded) return loaded;
    const record = await this.compute(challenge, key);
    const file = this.fileFor(challenge, key);
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, JSON.stringify(record));
    await rename(temporary, file); // atomic: concurrent workers never read half a record
    return record;
  }

  /** The reference through the plan of a Submit (without the shuffled re-runs) in a fresh sandbox. */
  private async runReference(challenge: Challenge, role: string, timedOnly = false): Promise<SolutionRun> {
    const plan = planGrade(challenge, {
      scope: 'all',
      smallCaseLimitMs: this.deps.config.GRADER_SMALL_CASE_TIME_LIMIT_MS,
      withoutVariants: true,
      timedOnly,
    });
    const sandbox = await this.deps.pool.acquire({ priority: REFERENCE_PRIORITY, budgetMs: plan.budgetMs });
    try {
      await sandbox.limitMemory(challenge.spec.limits.memoryLimitBytes);
      const run = await runSolution(sandbox, {
        challenge,
        plan,
        code: challenge.reference,
        inputs: this.deps.inputs,
        limits: { maxStdoutBytes: this.deps.config.GRADER_MAX_STDOUT_BYTES, maxOutputBytes: this.deps.config.GRADER_MAX_OUTPUT_BYTES },
      });
      const failed =
        run.moduleStatus !== 'ok'
          ? `importing it failed: ${run.moduleError?.message ?? run.moduleStatus}`
          : run.stop
            ? run.stop.detail
            : null;
      if (failed) throw new GraderFault(`reference solution of ${challenge.id} failed (${role}): ${failed}`, { retryable: false });
      return run;
    } finally {
      await sandbox
        .destroy()
        .catch((error: unknown) =>
          console.error(
            `reference sandbox ${sandbox.id.slice(0, 12)}: removal failed (the reaper will retry): ${(error as Error).message}`,
          ),
        );
    }
  }

  private async compute(challenge: Challenge, key: string): Promise<ReferenceRecord> {
    const solution = await this.runReference(challenge, 'calibration');
    const reports = new Map(solution.caseReports.map((r) => [r.name, r]));
    const cases: ReferenceRecord['cases'] = {};
    for (const c of challenge.cases) {
      const report = reports.get(c.name);
      if (!report || report.status !== 'ok' || !report.output) {
        throw new GraderFault(
          `reference solution of ${challenge.id} failed on case ${c.name}: ${report?.error?.message ?? report?.status ?? 'no report'}`,
          { retryable: false },
        );
      }
      cases[c.name] = {
        timeMs: report.timeMs,
        ...(report.planText ? { planInsights: planInsights(report.planText) } : {}),
        ...(report.metrics ? { metrics: report.metrics } : {}),
        ...(c.expectedFile ? {} : { output: report.output }),
      };
    }
    // The reference must pass every hand-written case, or its generated expectations mean nothing.
    const handWritten = challenge.cases.filter((c) => c.expectedFile);
    const expected = await this.expectedTables(
      challenge,
      null,
      handWritten.map((c) => c.name),
    );
    const check = gradeRun({
      challengeId: challenge.id,
      spec: challenge.spec,
      scope: 'all',
      run: toSandboxRun(this.deps.image, solution, null, { oomKilled: false, exitCode: null }),
      cases: handWritten.map((c) => ({
        name: c.name,
        hidden: c.hidden,
        description: c.spec.description,
        timed: false,
        expected: expected.get(c.name)!,
        referenceTimeMs: null,
      })),
    });
    const failed = check.cases.find((c) => c.verdict !== 'accepted');
    if (failed)
      throw new GraderFault(`reference solution of ${challenge.id} is not accepted on case ${failed.name}: ${failed.message}`, {
        retryable: false,
      });
    return { key, challengeId: challenge.id, image: this.deps.image, createdAt: new Date().toISOString(), cases };
  }
}
