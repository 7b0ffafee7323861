// A challenge's committed mutant report (challenges/<id>/mutants.json, written by
// `npm run challenges:mutate`): its schema, the content hash that ties it to the reference and the
// hand-written cases it was graded on, reading, writing, merging the hand-made equivalence marks
// into a new run, and telling whether a committed report is still for the current files.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Challenge } from '../../core/load-challenge.js';
import { VerdictSchema } from '../../core/verdict.js';

/**
 * JSON, not YAML: the tool rewrites the file whole, and JSON has no comments that a rewrite would
 * silently drop; the one part a person edits (`equivalent`) carries its reason as data.
 */
export const MUTANT_REPORT_FILE = 'mutants.json';

export const MutantOutcomeSchema = z.enum(['killed', 'survivor']);
export type MutantOutcome = z.infer<typeof MutantOutcomeSchema>;

export const MutantResultSchema = z.object({
  /** The mutant's id from mutate.py: `<operator>@L<line>:<column>`. */
  id: z.string().min(1),
  operator: z.string().min(1),
  /** One line: where, and what changed. */
  description: z.string().min(1),
  /** 1-based line of the change in reference.py. */
  line: z.number().int().positive(),
  /** `killed`: some hidden hand-written case rejected it; `survivor`: every one accepted it. */
  outcome: MutantOutcomeSchema,
  /** The hidden hand-written cases that rejected it, each with its verdict (empty for a survivor). */
  killedBy: z.record(z.string(), VerdictSchema),
});
export type MutantResult = z.infer<typeof MutantResultSchema>;

export const EquivalenceMarkSchema = z.object({
  /** A survivor's id. */
  id: z.string().min(1),
  /** Why no input can tell it from the reference (written by the person who marks it). */
  reason: z.string().min(1),
});
export type EquivalenceMark = z.infer<typeof EquivalenceMarkSchema>;

export const MutantReportSchema = z.object({
  challenge: z.string().min(1),
  /** sha256 (hex) of reference.py and the hand-written case files (see `mutantReportHash`). */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** When the mutants were graded (ISO 8601, UTC). */
  generatedAt: z.iso.datetime(),
  /** The hidden hand-written cases every mutant was graded on. */
  cases: z.array(z.string()),
  /** Survivors a person judged equivalent to the reference; kept when the report is rewritten. */
  equivalent: z.array(EquivalenceMarkSchema),
  mutants: z.array(MutantResultSchema),
});
export type MutantReport = z.infer<typeof MutantReportSchema>;

/** A fresh run's report before the marks are merged into it. */
export type MutantRun = Omit<MutantReport, 'equivalent'>;

/** A mark the merge left out, and why. */
export interface DroppedMark {
  mark: EquivalenceMark;
  why: string;
}

/**
 * sha256 over reference.py and every file under cases/ outside a generated case's folder, each
 * as its path relative to the challenge folder (sorted) and its bytes: what the mutants were
 * graded with. Generated cases are left out, as mutants are never graded on them.
 */
export async function mutantReportHash(challenge: Pick<Challenge, 'dir' | 'cases'>): Promise<string> {
  const generated = new Set(challenge.cases.filter((c) => c.spec.generator).map((c) => path.resolve(c.dir)));
  const files = ['reference.py'];
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await readdir(path.join(challenge.dir, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.name === '__pycache__') continue;
      if (entry.isDirectory()) {
        if (!generated.has(path.resolve(challenge.dir, child))) await walk(child);
      } else if (entry.isFile()) files.push(child);
    }
  };
  await walk('cases');
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash
      .update(file)
      .update('\0')
      .update(await readFile(path.join(challenge.dir, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

/** The committed report of a challenge folder, or null when it has none; throws, naming the file, when it is not a valid report. */
export async function readMutantReport(dir: string): Promise<MutantReport | null> {
  const file = path.join(dir, MUTANT_REPORT_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = MutantReportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return parsed.data;
}

export async function writeMutantReport(dir: string, report: MutantReport): Promise<string> {
  const file = path.join(dir, MUTANT_REPORT_FILE);
  const ordered: MutantReport = {
    challenge: report.challenge,
    contentHash: report.contentHash,
    generatedAt: report.generatedAt,
    cases: report.cases,
    equivalent: report.equivalent,
    mutants: report.mutants,
  };
  await writeFile(file, `${JSON.stringify(ordered, null, 2)}\n`);
  return file;
}

/**
 * A new run's report with the previous report's marks: a mark is kept while its mutant is still
 * a survivor; one whose mutant is now killed (so it was not equivalent) or no longer generated
 * (the reference changed under it) is dropped and returned, for the person to look at again.
 */
export function mergeMutantReport(previous: MutantReport | null, run: MutantRun): { report: MutantReport; dropped: DroppedMark[] } {
  const byId = new Map(run.mutants.map((m) => [m.id, m]));
  const equivalent: EquivalenceMark[] = [];
  const dropped: DroppedMark[] = [];
  for (const mark of previous?.equivalent ?? []) {
    const mutant = byId.get(mark.id);
    if (!mutant) dropped.push({ mark, why: 'no such mutant any more (reference.py or mutate.py changed)' });
    else if (mutant.outcome === 'killed') dropped.push({ mark, why: `now killed by ${Object.keys(mutant.killedBy).join(', ')}` });
    else if (equivalent.some((m) => m.id === mark.id)) dropped.push({ mark, why: 'marked twice' });
    else equivalent.push(mark);
  }
  return { report: { ...run, equivalent }, dropped };
}

export interface MutantReportSummary {
  mutants: number;
  killed: number;
  survivors: number;
  markedEquivalent: number;
  /** Survivors no mark calls equivalent: each is a gap in the hidden cases, or an equivalent mutant to mark. */
  unmarked: MutantResult[];
}

export function summarizeMutantReport(report: MutantReport): MutantReportSummary {
  const marked = new Set(report.equivalent.map((m) => m.id));
  const survivors = report.mutants.filter((m) => m.outcome === 'survivor');
  return {
    mutants: report.mutants.length,
    killed: report.mutants.length - survivors.length,
    survivors: survivors.length,
    markedEquivalent: survivors.filter((m) => marked.has(m.id)).length,
    unmarked: survivors.filter((m) => !marked.has(m.id)),
  };
}

export type MutantReportStatus = { status: 'current' } | { status: 'missing' | 'stale'; message: string };

/** Whether a challenge's committed report was made from its current reference.py and hand-written cases. */
export async function mutantReportStatus(challenge: Pick<Challenge, 'id' | 'dir' | 'cases'>): Promise<MutantReportStatus> {
  const command = `\`npm run challenges:mutate -- ${challenge.id}\` and commit ${MUTANT_REPORT_FILE}`;
  const report = await readMutantReport(challenge.dir);
  if (!report) return { status: 'missing', message: `${challenge.id}: no ${MUTANT_REPORT_FILE}; run ${command}` };
  if (report.contentHash !== (await mutantReportHash(challenge))) {
    return {
      status: 'stale',
      message: `${challenge.id}: ${MUTANT_REPORT_FILE} is stale (made for another reference.py or other hand-written cases, ${report.generatedAt}); re-run ${command}`,
    };
  }
  return { status: 'current' };
}

/** The summary table `challenges:mutate` prints: one header row and one row of counts. */
export function formatMutantSummary(summary: MutantReportSummary): string {
  const columns: [string, number][] = [
    ['mutants', summary.mutants],
    ['killed', summary.killed],
    ['survivors', summary.survivors],
    ['marked equivalent', summary.markedEquivalent],
    ['unmarked survivors', summary.unmarked.length],
  ];
  return [columns.map(([name]) => name).join('  '), columns.map(([name, n]) => String(n).padStart(name.length)).join('  ')].join('\n');
}
