#!/usr/bin/env bash
# Makes this machine ready to grade, as a fresh Debian machine needs it, and does nothing twice:
# system packages (Docker engine, docker-compose, debootstrap, Redis, Chromium), a running dockerd, npm
# dependencies, Ruff (pinned, in .cache/tools), the local base image, the host-side wheelhouse,
# the sandbox image, and for compose the service's base image and an offline npm cache.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

need=()
command -v dockerd >/dev/null || need+=(docker.io)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v redis-server >/dev/null || need+=(redis-server)
command -v chromium >/dev/null || need+=(chromium)
command -v docker-compose >/dev/null || need+=(docker-compose)
# pip builds the wheelhouse and installs Ruff (Debian's python3 comes without it).
python3 -m pip --version >/dev/null 2>&1 || need+=(python3-pip)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  echo "setup: starting dockerd"
  mkdir -p /var/log
  nohup dockerd >/var/log/dockerd.log 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { echo "setup: dockerd did not start; see /var/log/dockerd.log" >&2; tail -20 /var/log/dockerd.log >&2; exit 1; }
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund >/dev/null
fi
bash scripts/ruff.sh --version >/dev/null

export GRADER_BASE_IMAGE="${GRADER_BASE_IMAGE:-grader-base:bookworm}"
if [ "$GRADER_BASE_IMAGE" = "grader-base:bookworm" ]; then
  bash scripts/build-base-image.sh
fi
bash scripts/build-wheelhouse.sh
bash scripts/build-sandbox-image.sh
# The service's own images (compose): trixie's Node.js 20 and Redis, and the npm packages for a build that cannot reach the registry.
bash scripts/build-service-base-image.sh
bash scripts/build-npm-offline-cache.sh
