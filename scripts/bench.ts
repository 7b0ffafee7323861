// `npm run bench:grade [-- --tries 10 --challenge session-analysis]`: figures of the sandbox
// itself, on an idle machine, one sandbox at a time.
// - a member's start: wall time and CPU seconds until it is ready (Spark up, warm-up run), with
//   the image's class-data archive (AppCDS) and without it;
// - a ready member's idle memory;
// - warm-up: the first case's time over the same case's time when it runs again last, in one
//   sandbox, as a Run plays it (the untimed priming run included).
// Each figure over --tries sandboxes: p50 and p95.
import { parseArgs } from 'node:util';
import type Docker from 'dockerode';
import { formatMs } from '../core/timing.js';
import { parseSandboxConfig } from '../worker/config.js';
import { planGrade } from '../worker/grade-plan.js';
import { createGraderDeps, requireChallenge, sandboxSpec } from '../worker/grader.js';
import { OWNER_LABEL, ROLE_LABEL } from '../worker/sandbox/container-options.js';
import { runSolution } from '../worker/sandbox/run-solution.js';
import { Sandbox } from '../worker/sandbox/sandbox.js';

const { values } = parseArgs({
  options: {
    tries: { type: 'string', default: '10' },
    challenge: { type: 'string', default: 'session-analysis' },
  },
});
const tries = Number(values.tries);

export function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

async function stats(container: Docker.Container): Promise<{ cpuSeconds: number; memoryBytes: number }> {
  const s = (await container.stats({ stream: false })) as unknown as {
    cpu_stats: { cpu_usage: { total_usage: number } };
    memory_stats: { usage?: number };
  };
  return { cpuSeconds: s.cpu_stats.cpu_usage.total_usage / 1e9, memoryBytes: s.memory_stats.usage ?? 0 };
}

const config = parseSandboxConfig();
const deps = await createGraderDeps(config, { poolSize: 0, ownerPrefix: 'bench', role: 'bench' });
const challenge = await requireChallenge(deps.challenges, values.challenge);
const row = (label: string, xs: number[], unit: (x: number) => string): void => {
  console.log(`${label.padEnd(52)} p50 ${unit(percentile(xs, 50)).padEnd(10)} p95 ${unit(percentile(xs, 95)).padEnd(10)} (n=${xs.length})`);
};
const seconds = (x: number): string => `${x.toFixed(1)} s`;
const mib = (x: number): string => `${Math.round(x / 1024 / 1024)} MiB`;

console.log(`sandbox image ${deps.image}; ${tries} tries each, one sandbox at a time\n`);
for (const cds of [true, false]) {
  const wall: number[] = [];
  const cpu: number[] = [];
  const idle: number[] = [];
  for (let i = 0; i < tries; i++) {
    const started = performance.now();
    const sandbox = await Sandbox.start(
      deps.docker,
      sandboxSpec(config, deps.image, { [OWNER_LABEL]: deps.owner, [ROLE_LABEL]: 'bench' }, Date.now() + 15 * 60_000, {
        cds,
        warmUp: true,
      }),
    );
    try {
      wall.push((performance.now() - started) / 1000);
      cpu.push((await stats(sandbox.container)).cpuSeconds);
      if (cds) {
        await new Promise((r) => setTimeout(r, 10_000));
        idle.push((await stats(sandbox.container)).memoryBytes);
      }
    } finally {
      await sandbox.destroy();
    }
  }
  const label = cds ? 'with AppCDS' : 'without AppCDS';
  row(`member start to ready, wall (${label})`, wall, seconds);
  row(`member start to ready, CPU seconds (${label})`, cpu, seconds);
  if (cds) row('ready member, idle memory (10 s after ready)', idle, mib);
}

// The first case against the same case run again at the end, in one sandbox, as a Run plays it.
const plan = planGrade(challenge, { scope: 'public', smallCaseLimitMs: config.GRADER_SMALL_CASE_TIME_LIMIT_MS });
const first = plan.cases[0]!;
plan.cases.push({ ...first, id: 'again', name: `${first.name}--again` });
const ratios: number[] = [];
const firstMs: number[] = [];
for (let i = 0; i < tries; i++) {
  const sandbox = await deps.pool.acquire({ priority: 1, budgetMs: plan.budgetMs });
  try {
    const run = await runSolution(sandbox, {
      challenge,
      plan,
      code: challenge.reference,
      inputs: deps.inputs,
      limits: { maxStdoutBytes: config.GRADER_MAX_STDOUT_BYTES, maxOutputBytes: config.GRADER_MAX_OUTPUT_BYTES },
    });
    const [a, b] = [run.caseReports[0]!, run.caseReports.at(-1)!];
    ratios.push(a.timeMs / b.timeMs);
    firstMs.push(a.timeMs);
  } finally {
    await sandbox.destroy();
  }
}
row(`${challenge.id} ${first.name}: first case, time`, firstMs, (x) => formatMs(x));
row(`${challenge.id} ${first.name}: first case / same case run last`, ratios, (x) => x.toFixed(2));
await deps.pool.close();
