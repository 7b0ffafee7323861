// Whether a challenge's generated cases are reproducible: every generator runs twice with its
// seed in one sandbox (generators only ever run in the sandbox, where grading runs them), with a
// fingerprinting solution in place of the candidate's, and the two content fingerprints must match.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Challenge, ChallengeCase } from '../../core/load-challenge.js';
import type { Table } from '../../core/table.js';
import { buildBundle } from '../../worker/build-bundle.js';
import type { GraderDeps } from '../../worker/grade-solution.js';
import { runSandbox } from '../../worker/run-sandbox.js';
import { sandboxRequest } from '../../worker/sandbox-request.js';

const FINGERPRINT_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'generator-fingerprint.py');
const AGAIN = '-again';

export interface GeneratorCheck {
  case: string;
  reproducible: boolean;
  /** "orders: 300000 rows, customers: 20400 rows; content 3f9a1c2b7d10" or what differed. */
  detail: string;
}

/** One summary row per input, or per micro-batch of a stream input (`<input> micro-batch <n>`). */
function describe(table: Table): string {
  const rows = table.rows.map((row) => Object.fromEntries(table.columns.map((c, i) => [c.name, row[i]])))
    // A stream's rows arrive in no fixed order; the content is the same set of rows.
    .sort((a, b) => String(a.input).localeCompare(String(b.input), 'en', { numeric: true }));
  const digest = createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 12);
  const perInput = new Map<string, { rows: number; batches: number }>();
  for (const r of rows) {
    const [input, batch] = String(r.input).split(' micro-batch ');
    const sum = perInput.get(input!) ?? { rows: 0, batches: 0 };
    perInput.set(input!, { rows: sum.rows + Number(r.rows), batches: sum.batches + (batch === undefined ? 0 : 1) });
  }
  const parts = [...perInput].map(([input, s]) => `${input}: ${s.rows} rows${s.batches > 0 ? ` in ${s.batches} micro-batches` : ''}`);
  return `${parts.join(', ')}; content ${digest}`;
}

export async function checkGenerators(deps: GraderDeps, challenge: Challenge, labels: Record<string, string>): Promise<GeneratorCheck[]> {
  const generated = challenge.cases.filter((c) => c.spec.generator);
  if (generated.length === 0) return [];
  const twice: ChallengeCase[] = generated.flatMap((c) => [c, { ...c, name: `${c.name}${AGAIN}` }]);
  const code = `${await readFile(FINGERPRINT_SCRIPT, 'utf8')}\n\n${challenge.spec.entrypoint} = fingerprint\n`;
  const bundle = await buildBundle(challenge, twice, code, { maxStdoutBytes: deps.config.GRADER_MAX_STDOUT_BYTES });
  const run = await runSandbox(deps.docker, sandboxRequest(deps.config, deps.image, challenge, bundle, labels));
  const reports = new Map(run.caseReports.map((r) => [r.name, r]));
  return generated.map((c) => {
    const [first, second] = [reports.get(c.name), reports.get(`${c.name}${AGAIN}`)];
    if (!first?.output || !second?.output) {
      const failed = !first?.output ? first : second;
      const why = failed?.error?.message ?? run.stopDetail ?? failed?.status ?? 'no report';
      return { case: c.name, reproducible: false, detail: `the generator did not run to the end: ${why}` };
    }
    const [a, b] = [describe(first.output), describe(second.output)];
    return a === b
      ? { case: c.name, reproducible: true, detail: a }
      : { case: c.name, reproducible: false, detail: `two runs with seed ${c.spec.generator!.seed} differ: ${a} vs ${b}` };
  });
}
