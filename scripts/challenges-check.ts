// `npm run challenges:check [id...]`: proves every challenge (or the named ones) in the configured
// challenges folder with the worker's own grader, and ends with a summary.
// Exit codes: 0 every challenge passes, 1 a check failed, 2 usage or grader error.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { formatMs } from '../core/timing.js';
import { parseSandboxConfig } from '../worker/config.js';
import { createGraderDeps } from '../worker/grader.js';
import { CHECK_CONCURRENCY, checkChallenge, type ChallengeCheck } from './challenges/check-challenge.js';

const USAGE = 'usage: npm run challenges:check -- [--fresh] [challenge-id...]   (--fresh: every solution in a sandbox of its own)';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const fresh = args.includes('--fresh');
  const ids = args.filter((a) => a !== '--fresh');
  if (ids.some((id) => id.startsWith('-'))) {
    console.error(USAGE);
    return 2;
  }
  try {
    const config = parseSandboxConfig();
    const root = config.GRADER_CHALLENGES_DIR;
    const present = (await readdir(root, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    const unknown = ids.filter((id) => !present.includes(id));
    if (unknown.length > 0) {
      console.error(`unknown challenge ${unknown.join(', ')} (not a folder of ${root})\n${USAGE}`);
      return 2;
    }
    // A batch: the next grade is always waiting, so members are started as soon as one is taken.
    const deps = await createGraderDeps(config, {
      poolSize: CHECK_CONCURRENCY,
      deferRefill: false,
      ownerPrefix: 'check',
      role: 'challenges-check',
    });
    const checks: ChallengeCheck[] = [];
    for (const id of ids.length > 0 ? ids : present) {
      const started = Date.now();
      console.log(`\n== ${id}`);
      const check = await checkChallenge(deps, path.join(root, id), (line) => console.log(line), { fresh });
      console.log(
        `-- ${id}: ${check.failures.length === 0 ? 'passed' : `${check.failures.length} failure(s)`} in ${formatMs(Date.now() - started)}`,
      );
      checks.push({ ...check, id });
    }
    const failed = checks.filter((c) => c.failures.length > 0);
    await deps.pool.close();
    console.log(`\nchallenges:check: ${checks.length - failed.length} passed, ${failed.length} failed (image ${deps.image})`);
    for (const c of failed) console.log(`${c.id}:\n${c.failures.map((f) => `  - ${f.split('\n').join('\n    ')}`).join('\n')}`);
    return failed.length === 0 ? 0 : 1;
  } catch (error) {
    console.error(`grader error: ${(error as Error).message}`);
    return 2;
  }
}

process.exitCode = await main();
