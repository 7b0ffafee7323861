// `npm run bench [-- --challenge <id>] [--runs N] [--cold]`: grades a challenge's reference in
// the real sandbox and prints where the time goes: image build (cached; cold with --cold),
// container create + start, Spark start-up, each case's compute, comparison, total, peak memory.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gradeRun } from '../core/grade-run.js';
import { formatMs } from '../core/timing.js';
import { buildBundle } from '../worker/build-bundle.js';
import { parseSandboxConfig } from '../worker/config.js';
import { createGraderDeps, requireChallenge } from '../worker/grader.js';
import { runSandbox } from '../worker/run-sandbox.js';
import { REPO_ROOT } from '../core/repo-root.js';
import { sandboxRequest } from '../worker/sandbox-request.js';

const { values } = parseArgs({ options: {
  challenge: { type: 'string', default: 'session-analysis' },
  runs: { type: 'string', default: '3' },
  cold: { type: 'boolean', default: false },
} });

function timeCommand(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const started = performance.now();
  execFileSync(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'], env });
  console.log(`${label.padEnd(34)} ${formatMs(performance.now() - started)}`);
}

const config = parseSandboxConfig();
timeCommand('image build (cached)', 'bash', [path.join('scripts', 'build-sandbox-image.sh')]);
if (values.cold) {
  const context = path.join(REPO_ROOT, 'sandbox-images', 'pyspark');
  const started = performance.now();
  execFileSync('bash', ['-c', `set -e; ctx=$(mktemp -d); cp -r "${context}/." "$ctx/"; mkdir -p "$ctx/wheelhouse"; cp "${config.GRADER_CACHE_DIR}"/wheelhouse/*.whl "$ctx/wheelhouse/"; DOCKER_BUILDKIT=0 docker build -q --no-cache --build-arg BASE_IMAGE=${config.GRADER_BASE_IMAGE} -t grader-pyspark:bench-cold "$ctx" >/dev/null; rm -rf "$ctx"; docker rmi grader-pyspark:bench-cold >/dev/null`], { stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`${'image build (cold, --no-cache)'.padEnd(34)} ${formatMs(performance.now() - started)}`);
}

const deps = await createGraderDeps(config);
const challenge = await requireChallenge(deps.challenges, values.challenge);
const reference = await deps.references.get(challenge);
const runs = Number(values.runs);
console.log(`\n${challenge.id}: reference solution, all ${challenge.cases.length} cases, ${runs} cold runs (a new container each)\n`);
for (let i = 1; i <= runs; i++) {
  const started = performance.now();
  const bundle = await buildBundle(challenge, challenge.cases, challenge.reference, { maxStdoutBytes: config.GRADER_MAX_STDOUT_BYTES });
  const run = await runSandbox(deps.docker, sandboxRequest(config, deps.image, challenge, bundle, { 'org.pyspark-grader.role': 'bench' }));
  const compareStarted = performance.now();
  const expected = await deps.references.expectedTables(challenge, reference, challenge.cases.map((c) => c.name));
  const result = gradeRun({
    challengeId: challenge.id, spec: challenge.spec, scope: 'all', run,
    cases: challenge.cases.map((c) => ({ name: c.name, hidden: c.hidden, description: c.spec.description, timed: c.spec.timed, expected: expected.get(c.name)!, referenceTimeMs: reference.cases[c.name]?.timeMs ?? null })),
  });
  const compareMs = performance.now() - compareStarted;
  const total = performance.now() - started;
  console.log(`run ${i}: verdict ${result.verdict}`);
  console.log(`  container create + start + Spark ready   ${formatMs(run.startupMs)} (Spark session start ${formatMs(run.sparkStartupMs ?? 0)})`);
  const small = run.caseReports.filter((r) => !challenge.cases.find((c) => c.name === r.name)?.spec.generator);
  console.log(`  ${small.length} small cases, compute                 ${formatMs(small.reduce((s, r) => s + r.timeMs, 0))} (slowest ${formatMs(Math.max(...small.map((r) => r.timeMs)))})`);
  for (const r of run.caseReports.filter((x) => !small.includes(x))) {
    console.log(`  case ${r.name}: generate ${formatMs(r.prepareMs)}, compute ${formatMs(r.timeMs)}, ${r.rowCount} rows`);
  }
  console.log(`  job sent -> container exit               ${formatMs(run.computeMs)}`);
  console.log(`  comparison (all cases)                   ${formatMs(compareMs)}`);
  console.log(`  total                                    ${formatMs(total)}`);
  console.log(`  peak container memory                    ${run.peakMemoryBytes === null ? 'n/a' : `${(run.peakMemoryBytes / 1024 ** 3).toFixed(2)} GiB`} (limit ${(challenge.spec.limits.memoryLimitBytes / 1024 ** 3).toFixed(2)} GiB)`);
}
