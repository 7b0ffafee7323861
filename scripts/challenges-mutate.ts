// `npm run challenges:mutate -- <id> [--list]`: generates single-point mutants of a challenge's
// reference.py (scripts/mutate/mutate.py), grades each on the hidden hand-written cases with the
// check's grading, and writes challenges/<id>/mutants.json, keeping the equivalence marks in it.
// `--list` prints the mutants without grading (no Docker). Not run in CI: it costs one grade per
// mutant; CI only checks that a committed report is for the current files (mutant-report.ts).
// Exit codes: 0 no unmarked survivor (or --list), 1 unmarked survivors, 2 usage or grader error.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ChallengeError, loadChallenge } from '../core/load-challenge.js';
import { formatMs } from '../core/timing.js';
import { parseSandboxConfig } from '../worker/config.js';
import { createGraderDeps } from '../worker/grader.js';
import { CHECK_CONCURRENCY } from './challenges/check-challenge.js';
import { gradeMutants, mutantCases } from './challenges/grade-mutants.js';
import {
  formatMutantSummary,
  mergeMutantReport,
  MUTANT_REPORT_FILE,
  mutantReportHash,
  mutantReportStatus,
  readMutantReport,
  summarizeMutantReport,
  writeMutantReport,
} from './challenges/mutant-report.js';
import { listMutants } from './mutate/list-mutants.js';

const USAGE = 'usage: npm run challenges:mutate -- <challenge-id> [--list]   (--list: print the mutants, grade nothing)';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const list = args.includes('--list');
  const ids = args.filter((a) => a !== '--list');
  if (ids.length !== 1 || ids[0]!.startsWith('-')) {
    console.error(USAGE);
    return 2;
  }
  const id = ids[0]!;
  const config = parseSandboxConfig();
  const root = config.GRADER_CHALLENGES_DIR;
  const present = (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  if (!present.includes(id)) {
    console.error(`unknown challenge ${id} (not a folder of ${root})\n${USAGE}`);
    return 2;
  }
  const dir = path.join(root, id);
  let challenge;
  try {
    challenge = await loadChallenge(dir);
  } catch (error) {
    if (!(error instanceof ChallengeError)) throw error;
    console.error(`spec: ${error.message}`);
    return 2;
  }
  const mutants = listMutants(path.join(dir, 'reference.py'));
  const cases = mutantCases(challenge);

  if (list) {
    const width = Math.max(0, ...mutants.map((m) => m.id.length));
    for (const m of mutants) console.log(`${m.id.padEnd(width)}  ${m.description}`);
    const status = await mutantReportStatus(challenge);
    console.log(`\n${mutants.length} mutants of ${id}/reference.py, to be graded on ${cases.length} hidden hand-written cases`);
    console.log(status.status === 'current' ? `${MUTANT_REPORT_FILE}: current` : status.message);
    return 0;
  }

  // Read before any grade: a hand-edited report that does not parse must not cost a whole run.
  const previous = await readMutantReport(dir);
  const contentHash = await mutantReportHash(challenge);
  console.log(`${id}: grading ${mutants.length} mutants on ${cases.length} hidden hand-written cases, ${CHECK_CONCURRENCY} at a time`);
  const started = Date.now();
  const deps = await createGraderDeps(config, {
    poolSize: CHECK_CONCURRENCY,
    deferRefill: false,
    ownerPrefix: 'mutate',
    role: 'challenges-mutate',
  });
  let graded;
  try {
    graded = await gradeMutants(deps, challenge, mutants, contentHash, (line) => console.log(line));
  } finally {
    await deps.pool.close();
  }
  if (graded.errors.length > 0) {
    console.error(`\n${graded.errors.length} mutant(s) could not be graded, so ${MUTANT_REPORT_FILE} is left as it was:`);
    for (const e of graded.errors) console.error(`  - ${e.split('\n')[0]}`);
    return 2;
  }

  const { report, dropped } = mergeMutantReport(previous, graded.run);
  const file = await writeMutantReport(dir, report);
  const summary = summarizeMutantReport(report);
  console.log(`\nwrote ${path.relative(process.cwd(), file)} in ${formatMs(Date.now() - started)} (image ${deps.image})`);
  for (const { mark, why } of dropped) console.log(`equivalence mark dropped: ${mark.id} (${why}); its reason was: ${mark.reason}`);
  console.log(`\n${formatMutantSummary(summary)}`);
  if (summary.unmarked.length === 0) return 0;
  console.log('\nunmarked survivors (add a hidden case that rejects each, or mark it in "equivalent" with {"id", "reason"}):');
  for (const m of summary.unmarked) console.log(`  ${m.id}  ${m.description}`);
  return 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`challenges:mutate: ${(error as Error).message}`);
  process.exitCode = 2;
}
