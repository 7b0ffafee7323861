#!/usr/bin/env bash
# Builds the local Debian bookworm base image (debootstrap + docker import) for machines that
# cannot pull from a container registry. Skips the work when the image already exists.
set -euo pipefail
image="${GRADER_BASE_IMAGE:-grader-base:bookworm}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
if docker image inspect "$image" >/dev/null 2>&1; then
  echo "base image $image: present"
  exit 0
fi
command -v debootstrap >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap; }
rootfs="$(mktemp -d /var/tmp/grader-rootfs.XXXXXX)"
trap 'rm -rf "$rootfs"' EXIT
echo "base image $image: debootstrap bookworm from $mirror"
debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/dev/null
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
tar -C "$rootfs" -c . | docker import - "$image" >/dev/null
echo "base image $image: built"
