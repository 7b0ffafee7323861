// `npm run --silent grade -- <challenge-id> <solution.py> [--json] [--public]`: grades one file
// locally with the same sandbox and comparison as the worker, without Redis.
// The table escapes control characters in everything the candidate wrote; --json is unchanged.
// Exit codes: 0 accepted, 1 not accepted, 2 usage or grader error; on SIGINT/SIGTERM its sandbox
// is removed before it exits (130/143), and its guard removes it even after a SIGKILL.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { GradeResult } from '../../core/grade-result.js';
import { describePlanInsights } from '../../core/plan-insights.js';
import { formatMs } from '../../core/timing.js';
import { parseSandboxConfig } from '../config.js';
import { gradeSolution } from '../grade-solution.js';
import { createGraderDeps, requireChallenge } from '../grader.js';
import { removeOwnSandboxes } from '../sandbox/reaper.js';
import { printable } from './printable.js';

const USAGE = 'usage: npm run --silent grade -- <challenge-id> <solution.py> [--json] [--public]';

/** Lines of a failed case's stdout the table shows. */
const STDOUT_LINES = 20;

/** The first `lines` lines of `text`, indented under their case, and how many more there are. */
function indentedHead(text: string, lines: number): string {
  const all = text.replace(/\n$/, '').split('\n');
  const shown = all.slice(0, lines).map((l) => `    ${l}`);
  if (all.length > lines) shown.push(`    ... ${all.length - lines} more line(s) (--json has them all)`);
  return shown.join('\n');
}

function table(result: GradeResult): string {
  const plan = (c: GradeResult['cases'][number]): string => {
    if (!c.planInsights) return '-';
    const own = describePlanInsights(c.planInsights);
    return c.referencePlanInsights ? `${own} (reference: ${describePlanInsights(c.referencePlanInsights)})` : own;
  };
  const rows = result.cases.map((c) =>
    [
      c.name,
      c.hidden ? 'hidden' : 'public',
      c.verdict,
      c.timeMs === null ? '-' : formatMs(c.timeMs),
      c.referenceTimeMs === null ? '-' : formatMs(c.referenceTimeMs),
      plan(c),
    ].map(printable),
  );
  const header = ['case', 'kind', 'verdict', 'time', 'reference', 'plan'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const problems = result.cases.filter((c) => c.verdict !== 'accepted');
  if (problems.length > 0) {
    out.push('');
    // The message quotes the candidate's values, errors and output: escaped before it reaches a terminal.
    for (const c of problems) {
      out.push(`${c.name}: ${c.verdict}\n  ${printable(c.message).split('\n').join('\n  ')}`);
      if (c.stdout !== '') out.push(`  what it printed:\n${indentedHead(printable(c.stdout), STDOUT_LINES)}`);
    }
  }
  if (result.timing) {
    const t = result.timing;
    out.push('', `timing: ${formatMs(t.candidateMs)} vs reference ${formatMs(t.referenceMs)} = ${t.ratio}x (budget ${t.budgetRatio}x)`);
  }
  out.push('', `verdict: ${result.verdict}`);
  return out.join('\n');
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, public: { type: 'boolean', default: false } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [challengeId, solutionFile, ...extra] = parsed.positionals;
  if (!challengeId || !solutionFile || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  try {
    const config = parseSandboxConfig();
    const deps = await createGraderDeps(config, { poolSize: 0, ownerPrefix: 'cli' });
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      process.once(signal, () => {
        console.error(`grade: ${signal}: removing the sandbox`);
        removeOwnSandboxes(deps.docker, deps.owner).then(
          () => process.exit(code),
          (error: unknown) => {
            console.error(`grade: could not remove the sandbox (its guard will): ${(error as Error).message}`);
            process.exit(code);
          },
        );
      });
    }
    const challenge = await requireChallenge(deps.challenges, challengeId);
    const code = await readFile(solutionFile, 'utf8');
    console.error(`grading ${solutionFile} on ${challenge.id} in ${deps.image} ...`);
    const result = await gradeSolution(deps, { challenge, code, scope: parsed.values.public ? 'public' : 'all' });
    console.log(parsed.values.json ? JSON.stringify(result) : table(result));
    return result.verdict === 'accepted' ? 0 : 1;
  } catch (error) {
    console.error(`grader error: ${(error as Error).message}`);
    return 2;
  }
}

process.exitCode = await main();
