#!/usr/bin/env bash
# Fills npm-offline-cache/ with npm's cache of every package in package-lock.json, on the host:
# where HTTPS from inside containers fails (this machine), server/Dockerfile installs from it with
# `npm ci --offline` instead of the registry. The filled cache is kept outside the clone, keyed by
# the lock file's hash ($GRADER_CACHE_DIR/npm-offline-cache/<sha256>), so a new clone copies it
# instead of downloading; nothing is done when the folder already holds this lock's cache.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/npm-offline-cache"
want="$(sha256sum "$root/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$target/.lock-sha256" 2>/dev/null)" = "$want" ]; then
  echo "npm offline cache: up to date"
  exit 0
fi
store="${GRADER_CACHE_DIR:-$root/.cache}/npm-offline-cache/$want"
if [ ! -d "$store/_cacache" ]; then
  echo "npm offline cache: filling from package-lock.json"
  work="$(mktemp -d /var/tmp/grader-npm-cache.XXXXXX)"
  trap 'rm -rf "$work"' EXIT
  cp "$root/package.json" "$root/package-lock.json" "$root/.npmrc" "$work/"
  (cd "$work" && npm ci --cache "$work/cache" --ignore-scripts --no-audit --no-fund >/dev/null)
  mkdir -p "$(dirname "$store")"
  rm -rf "$store" && mv "$work/cache" "$store"
fi
find "$target" -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
cp -a "$store/." "$target/"
echo "$want" > "$target/.lock-sha256"
echo "npm offline cache: ready"
