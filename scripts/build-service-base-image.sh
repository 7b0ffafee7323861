#!/usr/bin/env bash
# Builds the local Debian trixie base image of the service's own containers (debootstrap +
# docker import) for machines that cannot pull from a container registry: trixie's own Node.js 20
# and npm for the server and worker image, and its Redis for the Redis container, in one image
# (compose takes it as NODE_BASE_IMAGE and REDIS_IMAGE). Skips the work when the image exists.
set -euo pipefail
image="${GRADER_SERVICE_BASE_IMAGE:-grader-service-base:trixie}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
if docker image inspect "$image" >/dev/null 2>&1; then
  echo "service base image $image: present"
  exit 0
fi
command -v debootstrap >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap; }
rootfs="$(mktemp -d /var/tmp/grader-service-rootfs.XXXXXX)"
trap 'rm -rf "$rootfs"' EXIT
echo "service base image $image: debootstrap trixie from $mirror"
debootstrap --variant=minbase trixie "$rootfs" "$mirror" >/dev/null
# apt, not debootstrap's --include, resolves npm's many dependencies; the chroot uses the host's network.
cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
chroot "$rootfs" apt-get update -q >/dev/null
chroot "$rootfs" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm redis-server ca-certificates >/dev/null
chroot "$rootfs" apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/*
: > "$rootfs/etc/resolv.conf"
# The node image's user, which server/Dockerfile runs as.
chroot "$rootfs" useradd --create-home --uid 1000 --user-group --shell /bin/sh node
tar -C "$rootfs" -c . | docker import - "$image" >/dev/null
echo "service base image $image: built"
