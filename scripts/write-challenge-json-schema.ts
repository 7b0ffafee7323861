// Writes the JSON Schemas editors use for challenge.yaml and case.yaml, generated from the zod
// schemas in core/challenge.ts (the only definition). `--check` fails when they are stale.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { challengeJsonSchemas } from '../core/challenge-json-schema.js';
import { REPO_ROOT } from '../core/repo-root.js';

const check = process.argv.includes('--check');
let stale = false;
for (const [file, schema] of Object.entries(challengeJsonSchemas())) {
  const target = path.join(REPO_ROOT, 'challenges', file);
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  // A schema file that does not exist yet is simply stale.
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current === text) continue;
  if (check) {
    console.error(`${path.relative(REPO_ROOT, target)} is stale: run npm run schema:json`);
    stale = true;
  } else {
    await writeFile(target, text);
    console.log(`wrote ${path.relative(REPO_ROOT, target)}`);
  }
}
process.exitCode = stale ? 1 : 0;
