#!/usr/bin/env bash
# The whole test suite, as CI runs it: set up what is missing, type-check (root and web), lint
# (ESLint over the tree, Ruff over the Python), then every vitest project (unit, integration with
# real Docker/Spark/Redis, browser). Ends with the line `N passed, N failed`.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }

status=0
echo "== typecheck"; npx tsc --noEmit -p . || status=1
echo "== typecheck web"; npm run --silent typecheck:web || status=1
echo "== lint"; npx eslint . || status=1
echo "== ruff"; bash scripts/ruff.sh check || status=1

mkdir -p test-results
rm -f test-results/vitest.json
echo "== vitest"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@" || status=1

if [ -f test-results/vitest.json ]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync("test-results/vitest.json", "utf8"));
    const skipped = r.numPendingTests + r.numTodoTests;
    // A file that fails before any test runs (an import error) counts as one failure.
    const broken = r.testResults.filter((f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed")).length;
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests + broken} failed` + (skipped ? `, ${skipped} skipped` : ""));
  '
else
  echo "0 passed, 1 failed"
  status=1
fi
exit $status
