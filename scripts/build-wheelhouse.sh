#!/usr/bin/env bash
# Fills the host-side wheelhouse with exactly the sandbox image's pinned Python packages.
# The image installs from it with --no-index: inside containers here, HTTPS to package indexes
# fails certificate checks, and an air-gapped operator needs the same path.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
requirements="$root/sandbox-images/pyspark/requirements.txt"
wheelhouse="${GRADER_WHEELHOUSE_DIR:-${GRADER_CACHE_DIR:-$root/.cache}/wheelhouse}"
mkdir -p "$wheelhouse"
stamp="$wheelhouse/.requirements.sha256"
want="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "wheelhouse: up to date ($wheelhouse)"
  exit 0
fi
echo "wheelhouse: building into $wheelhouse"
# pyspark ships only as a source distribution: pip builds its wheel here, on the host.
python3 -m pip wheel --quiet --no-deps --wheel-dir "$wheelhouse" -r "$requirements"
echo "$want" > "$stamp"
echo "wheelhouse: ready"
