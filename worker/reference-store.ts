// The reference solution's run per challenge, image and sandbox size: its time on every case
// (the timing budget's denominator) and its output on generated cases (their expected output).
// Computed once in the sandbox, checked against the hand-written cases, cached on disk by a
// hash of everything that could change it.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import { z } from 'zod';
import { gradeRun } from '../core/grade-run.js';
import { readJsonlTable, type Challenge } from '../core/load-challenge.js';
import { planInsights, PlanInsightsSchema } from '../core/plan-insights.js';
import { TableSchema, type Table } from '../core/table.js';
import { buildBundle } from './build-bundle.js';
import type { SandboxConfig } from './config.js';
import { GraderFault } from './errors.js';
import { runSandbox } from './run-sandbox.js';
import { sandboxRequest } from './sandbox-request.js';

export const ReferenceRecordSchema = z.object({
  key: z.string(),
  challengeId: z.string(),
  image: z.string(),
  createdAt: z.string(),
  cases: z.record(z.string(), z.object({
    /** The reference's time for the case, in milliseconds. */
    timeMs: z.number().nonnegative(),
    /** The reference's output, kept for generated cases only (their expected output). */
    output: TableSchema.optional(),
    /** Shuffles, joins and UDF nodes of the reference's plan, shown beside the candidate's. */
    planInsights: PlanInsightsSchema.optional(),
  })),
});
export type ReferenceRecord = z.infer<typeof ReferenceRecordSchema>;

/** Expected output of a hand-written case, typed by the challenge's declared output columns. */
export function readExpectedTable(challenge: Challenge, file: string): Promise<Table> {
  return readJsonlTable(file, challenge.spec.output.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable })));
}

/** The reference's output reordered to the declared columns (types as declared). */
function asExpected(challenge: Challenge, output: Table, caseName: string): Table {
  const declared = challenge.spec.output.columns;
  const indexes = declared.map((c) => output.columns.findIndex((o) => o.name === c.name));
  if (indexes.some((i) => i < 0) || output.columns.length !== declared.length) {
    throw new GraderFault(`reference solution of ${challenge.id} does not return the declared columns on case ${caseName}`, { retryable: false });
  }
  return {
    columns: declared.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable })),
    rows: output.rows.map((row) => indexes.map((i) => row[i]!)),
  };
}

export class ReferenceStore {
  private inFlight = new Map<string, Promise<ReferenceRecord>>();

  constructor(private readonly docker: Docker, private readonly config: SandboxConfig, private readonly image: string) {}

  /** The reference record for this challenge on this image and sandbox size, computing it once. */
  async get(challenge: Challenge): Promise<ReferenceRecord> {
    const key = await this.keyFor(challenge);
    const existing = this.inFlight.get(key);
    if (existing) return existing;
    const pending = this.loadOrCompute(challenge, key).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, pending);
    return pending;
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

  private async keyFor(challenge: Challenge): Promise<string> {
    let imageId: string;
    try {
      imageId = (await this.docker.getImage(this.image).inspect()).Id;
    } catch (error) {
      throw new GraderFault(`sandbox image ${this.image} is not available: run scripts/setup.sh (${(error as Error).message})`, { cause: error, retryable: false });
    }
    const limits = sandboxRequest(this.config, this.image, challenge, Buffer.alloc(0), {}).limits;
    return createHash('sha256').update(JSON.stringify({ challenge: challenge.contentHash, imageId, limits })).digest('hex').slice(0, 24);
  }

  private fileFor(challenge: Challenge, key: string): string {
    return path.join(this.config.GRADER_CACHE_DIR, 'references', challenge.id, `${key}.json`);
  }

  private async loadOrCompute(challenge: Challenge, key: string): Promise<ReferenceRecord> {
    const file = this.fileFor(challenge, key);
    try {
      return ReferenceRecordSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    } catch {
      // absent or unreadable: compute it afresh
    }
    const record = await this.compute(challenge, key);
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, JSON.stringify(record));
    await rename(temporary, file); // atomic: concurrent workers never read half a record
    return record;
  }

  private async compute(challenge: Challenge, key: string): Promise<ReferenceRecord> {
    const bundle = await buildBundle(challenge, challenge.cases, challenge.reference, { maxStdoutBytes: this.config.GRADER_MAX_STDOUT_BYTES });
    const run = await runSandbox(this.docker, sandboxRequest(this.config, this.image, challenge, bundle, { 'org.pyspark-grader.role': 'reference' }));
    const reports = new Map(run.caseReports.map((r) => [r.name, r]));
    const cases: ReferenceRecord['cases'] = {};
    for (const c of challenge.cases) {
      const report = reports.get(c.name);
      if (!report || report.status !== 'ok' || !report.output) {
        throw new GraderFault(`reference solution of ${challenge.id} failed on case ${c.name}: ${report?.error?.message ?? run.stopDetail ?? report?.status ?? 'no report'}`, { retryable: false });
      }
      cases[c.name] = {
        timeMs: report.timeMs,
        ...(report.planText ? { planInsights: planInsights(report.planText) } : {}),
        ...(c.expectedFile ? {} : { output: report.output }),
      };
    }
    // The reference must pass every hand-written case, or its generated expectations mean nothing.
    const handWritten = challenge.cases.filter((c) => c.expectedFile);
    const expected = await this.expectedTables(challenge, null, handWritten.map((c) => c.name));
    const check = gradeRun({
      challengeId: challenge.id, spec: challenge.spec, scope: 'all', run,
      cases: handWritten.map((c) => ({ name: c.name, hidden: c.hidden, description: c.spec.description, timed: false, expected: expected.get(c.name)!, referenceTimeMs: null })),
    });
    const failed = check.cases.find((c) => c.verdict !== 'accepted');
    if (failed) throw new GraderFault(`reference solution of ${challenge.id} is not accepted on case ${failed.name}: ${failed.message}`, { retryable: false });
    return { key, challengeId: challenge.id, image: this.image, createdAt: new Date().toISOString(), cases };
  }
}
