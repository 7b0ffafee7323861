#!/usr/bin/env bash
# Ruff, the Python linter (rules in ruff.toml), at a pinned version: installed from PyPI into
# $GRADER_CACHE_DIR/tools (default .cache/tools) on first use (scripts/setup.sh does that once), then run with the arguments
# given, e.g. `bash scripts/ruff.sh check`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version=0.17.5
dir="${GRADER_CACHE_DIR:-$root/.cache}/tools/ruff-$version"
if [ ! -x "$dir/bin/ruff" ]; then
  echo "ruff: installing $version into $dir" >&2
  rm -rf "$dir.partial"
  python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location --target "$dir.partial" "ruff==$version"
  rm -rf "$dir"
  mv "$dir.partial" "$dir"
fi
cd "$root"
exec "$dir/bin/ruff" "$@"
