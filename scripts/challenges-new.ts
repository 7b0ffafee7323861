// `npm run challenges:new <id>`: scaffolds challenges/<id>/ from a template that passes the schema
// step of `npm run challenges:check <id>`, for the author to rewrite. Never overwrites a folder.
// Exit codes: 0 created, 2 usage error, bad id or existing folder.
import path from 'node:path';
import { parseSandboxConfig } from '../worker/config.js';
import { scaffoldChallenge, ScaffoldError } from './challenges/scaffold-challenge.js';

const USAGE = 'usage: npm run challenges:new <challenge-id>';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    console.error(USAGE);
    return 2;
  }
  const id = args[0]!;
  try {
    const root = parseSandboxConfig().GRADER_CHALLENGES_DIR;
    const files = await scaffoldChallenge(root, id);
    console.log(`created ${path.join(root, id)}:\n${files.map((f) => `  ${path.relative(root, f)}`).join('\n')}`);
    console.log(`\nnext: rewrite every TODO and the template's sum-per-key rules, then run npm run challenges:check ${id}`);
    return 0;
  } catch (error) {
    if (!(error instanceof ScaffoldError)) throw error;
    console.error(`challenges:new: ${error.message}`);
    return 2;
  }
}

process.exitCode = await main();
