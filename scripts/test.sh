#!/usr/bin/env bash
# The whole test suite, as CI runs it, in phases: set up what is missing; type-check (root and
# web) and lint (ESLint, Prettier, Ruff); unit tests; the sandbox, CLI and check tests; each challenge's
# proof; the service tests; the browser tests; the compose deployment; last, a check that nothing of a sandbox or a test's
# Redis is left on the host. Ends with a table of each phase's wall time and
# the line `N passed, N failed`. With arguments, runs just `vitest run <arguments>` after setup
# (e.g. `npm test -- test/sandbox/pool.test.ts`).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
results="$root/test-results"
mkdir -p "$results"
rm -f "$results"/*.json "$results/phases.tsv"

status=0
# Runs one phase, recording its wall time; a failing phase fails the run but the others still run.
phase() {
  local name="$1"; shift
  local started=$SECONDS
  echo "== $name"
  "$@" || status=1
  printf '%s\t%s\n' "$name" "$((SECONDS - started))" >> "$results/phases.tsv"
}
# A vitest run whose results go to test-results/<file>.json for the final count.
vitest() {
  local file="$1"; shift
  npx vitest run --reporter=default --reporter=json --outputFile.json="$results/$file.json" "$@"
}
lint() {
  local failed=0
  echo "-- typecheck"; npx tsc --noEmit -p . || failed=1
  echo "-- typecheck web"; npm run --silent typecheck:web || failed=1
  echo "-- eslint"; npx eslint . || failed=1
  echo "-- prettier"; npx prettier --check --log-level warn "**/*.{ts,js,css,html}" || failed=1
  echo "-- ruff"; bash scripts/ruff.sh check || failed=1
  return $failed
}

phase setup bash scripts/setup.sh
if [ "$status" -ne 0 ]; then echo "0 passed, 1 failed"; exit 1; fi

if [ $# -gt 0 ]; then
  phase vitest vitest vitest "$@"
else
  phase "typecheck and lint" lint
  phase "unit tests" vitest unit --project unit
  # Files that grade one sandbox at a time run two at once; the checks grade two at once themselves.
  GRADER_TEST_FILES_AT_ONCE=2 phase "sandbox and CLI tests" vitest sandbox --project integration test/sandbox test/cli
  phase "challenge proofs and check tests" vitest proofs --project integration test/challenges
  GRADER_TEST_FILES_AT_ONCE=2 phase "service tests" vitest service --project integration test/service
  phase "browser tests" vitest browser --project integration test/web
  # Alone: its two composed workers grade two sandboxes at once.
  phase "compose deployment" vitest compose --project integration test/compose
  phase "host clean after the suite" vitest after-suite --project integration test/after-suite
fi

node -e '
  const fs = require("fs");
  const dir = process.argv[1];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json"));
  let passed = 0, failed = 0, skipped = 0;
  const proofs = [];
  for (const f of files) {
    const r = JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8"));
    passed += r.numPassedTests;
    skipped += r.numPendingTests + r.numTodoTests;
    // A file that fails before any test runs (an import error) counts as one failure.
    failed += r.numFailedTests + r.testResults.filter((t) => t.status === "failed" && !t.assertionResults.some((a) => a.status === "failed")).length;
    for (const t of r.testResults) for (const a of t.assertionResults) {
      const m = /^proves (\S+) with challenges:check$/.exec(a.title);
      if (m) proofs.push([`  proof of ${m[1]}`, Math.round((a.duration ?? 0) / 1000)]);
      else if (t.name.endsWith("challenges-check.test.ts") && !proofs.some(([n]) => n === "  check on its fixtures")) {
        proofs.push(["  check on its fixtures", Math.round((t.endTime - t.startTime) / 1000)]);
      }
    }
  }
  const phases = fs.readFileSync(`${dir}/phases.tsv`, "utf8").trim().split("\n").map((l) => l.split("\t"));
  const rows = phases.flatMap(([name, s]) => [[name, Number(s)], ...(name.startsWith("challenge proofs") ? proofs : [])]);
  const total = phases.reduce((sum, [, s]) => sum + Number(s), 0);
  const width = Math.max(...rows.map(([n]) => n.length), 5);
  console.log("\nphase".padEnd(width + 3) + "wall time");
  for (const [name, s] of rows) console.log(`${name.padEnd(width + 2)}${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`);
  console.log(`${"total".padEnd(width + 2)}${Math.floor(total / 60)}m${String(total % 60).padStart(2, "0")}s\n`);
  if (files.length === 0) failed += 1;
  console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$results" || status=1
exit $status
