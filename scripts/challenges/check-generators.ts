// Whether a challenge's generated cases are reproducible: the trusted side's generation (cached)
// and a second one with the same seed in a sandbox of its own must have equal content
// fingerprints (row counts and order-independent hash sums per input, per micro-batch for a stream).
import { createHash } from 'node:crypto';
import type { Challenge } from '../../core/load-challenge.js';
import type { FingerprintEntry } from '../../core/run-report.js';
import type { GraderDeps } from '../../worker/grade-solution.js';

export interface GeneratorCheck {
  case: string;
  reproducible: boolean;
  /** "orders: 300000 rows, customers: 20400 rows; content 3f9a1c2b7d10" or what differed. */
  detail: string;
}

/** One summary per input; a stream's micro-batches are summed into their input. */
export function describeFingerprint(entries: FingerprintEntry[]): string {
  const perInput = new Map<string, { rows: number; batches: number }>();
  for (const e of entries) {
    const [input, batch] = e.input.split(' micro-batch ');
    const sum = perInput.get(input!) ?? { rows: 0, batches: 0 };
    perInput.set(input!, { rows: sum.rows + e.rows, batches: sum.batches + (batch === undefined ? 0 : 1) });
  }
  const digest = createHash('sha256')
    .update(entries.map((e) => `${e.input}=${e.rows}:${e.digest}`).join('\n'))
    .digest('hex')
    .slice(0, 12);
  const parts = [...perInput].map(([input, s]) => `${input}: ${s.rows} rows${s.batches > 0 ? ` in ${s.batches} micro-batches` : ''}`);
  return `${parts.join(', ')}; content ${digest}`;
}

/** Generates every generated case (once: the cache) and then again, comparing the fingerprints. */
export async function checkGenerators(deps: GraderDeps, challenge: Challenge, generatedOnce: Promise<unknown>): Promise<GeneratorCheck[]> {
  const checks: GeneratorCheck[] = [];
  await generatedOnce.catch(() => undefined); // its error is reported per case below
  for (const c of challenge.cases.filter((x) => x.spec.generator)) {
    try {
      const first = (await deps.generated.get(challenge, c)).manifest.fingerprint;
      const again = await deps.generated.fingerprintAgain(challenge, c);
      const [a, b] = [describeFingerprint(first), describeFingerprint(again)];
      const same = JSON.stringify(first) === JSON.stringify(again);
      checks.push(
        same
          ? { case: c.name, reproducible: true, detail: a }
          : { case: c.name, reproducible: false, detail: `two runs with seed ${c.spec.generator!.seed} differ: ${a} vs ${b}` },
      );
    } catch (error) {
      checks.push({ case: c.name, reproducible: false, detail: `the generator did not run to the end: ${(error as Error).message}` });
    }
  }
  return checks;
}
