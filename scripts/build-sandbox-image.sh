#!/usr/bin/env bash
# Builds the sandbox image, tagged by a hash of its inputs; does nothing when that tag exists.
# Needs: a Docker engine, the base image (GRADER_BASE_IMAGE) and the wheelhouse.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export GRADER_BASE_IMAGE="${GRADER_BASE_IMAGE:-grader-base:bookworm}"
tag="$(cd "$root" && npx --no-install tsx worker/cli/image-tag.ts)"
if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "sandbox image $tag: present"
  exit 0
fi
wheelhouse="${GRADER_WHEELHOUSE_DIR:-${GRADER_CACHE_DIR:-$root/.cache}/wheelhouse}"
context="$(mktemp -d /var/tmp/grader-image.XXXXXX)"
trap 'rm -rf "$context"' EXIT
cp -r "$root/sandbox-images/pyspark/." "$context/"
find "$context" -name '__pycache__' -prune -exec rm -rf {} +
mkdir -p "$context/wheelhouse"
cp "$wheelhouse"/*.whl "$context/wheelhouse/"
echo "sandbox image $tag: building on $GRADER_BASE_IMAGE"
started=$(date +%s)
DOCKER_BUILDKIT=0 docker build --quiet --build-arg "BASE_IMAGE=$GRADER_BASE_IMAGE" \
  ${DEBIAN_MIRROR:+--build-arg "DEBIAN_MIRROR=$DEBIAN_MIRROR"} \
  --label org.pyspark-grader.image=sandbox -t "$tag" "$context" >/dev/null
echo "sandbox image $tag: built in $(( $(date +%s) - started )) s"
