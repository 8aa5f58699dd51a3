#!/usr/bin/env bash
# Builds the application image with podman on a machine that has no Docker engine and reaches no container
# registry (only Debian's package mirror): first a Java 17 base image made from Debian's packages with debootstrap
# (skipped when it is already there), then deploy/Dockerfile on top of it. Where the public base image can be pulled,
# `docker build -f deploy/Dockerfile deploy` (or `podman build ...`) is all it takes instead.
#
#   deploy/container/build-image.sh [IMAGE]     IMAGE defaults to $TIMEDEAL_IMAGE, else timedeal:latest
#
# Settings (environment): TIMEDEAL_BASE_IMAGE (localhost/jre17-base:local), TIMEDEAL_SKIP_JAR=true to use the jar
# already in deploy/target, DEBIAN_SUITE (the machine's own, bookworm if unknown), TIMEDEAL_IMAGE_REBUILD_BASE=true to
# make the base again.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/container/podman-env.sh

image="${1:-${TIMEDEAL_IMAGE:-timedeal:latest}}"
base="${TIMEDEAL_BASE_IMAGE:-localhost/jre17-base:local}"

build_base() {
    # The mirror apt already uses on this machine, read at run time: no registry address lives in the repository.
    local mirror suite rootfs
    mirror="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
    if [[ -z "$mirror" ]]; then
        mirror="$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
    fi
    [[ -n "$mirror" ]] || { echo "no Debian mirror found in /etc/apt/sources.list.d/debian.sources" >&2; exit 1; }
    suite="${DEBIAN_SUITE:-$(. /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-bookworm}")}"
    rootfs="$(mktemp -d /var/tmp/jre17-rootfs.XXXXXX)"
    trap 'rm -rf "$rootfs"' RETURN
    echo "building $base from Debian $suite (debootstrap, about two minutes)" >&2
    # ca-certificates: the JRE's trust store; tzdata: zone rules for the operating system.
    debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates,tzdata \
        "$suite" "$rootfs" "$mirror" > /var/tmp/jre17-debootstrap.log 2>&1 \
        || { tail -20 /var/tmp/jre17-debootstrap.log >&2; exit 1; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    local previous
    previous="$(podman image inspect --format '{{.Id}}' "$base" 2> /dev/null || true)"
    tar -C "$rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$base" > /dev/null
    if [[ -n "$previous" ]]; then
        podman rmi "$previous" > /dev/null 2>&1 || true
    fi
}

if [[ "${TIMEDEAL_IMAGE_REBUILD_BASE:-false}" == true ]] || ! podman image exists "$base"; then
    build_base
fi

if [[ "${TIMEDEAL_SKIP_JAR:-false}" != true ]]; then
    ./mvnw -B -ntp -q -DskipTests package
fi
[[ -f deploy/target/timedeal.jar ]] || { echo "deploy/target/timedeal.jar is missing" >&2; exit 1; }

# The image this tag named before, removed once replaced, so that repeated builds do not pile up on the disk.
previous="$(podman image inspect --format '{{.Id}}' "$image" 2> /dev/null || true)"
# Docker format keeps the HEALTHCHECK instruction (the OCI format has no place for it); no cached intermediate
# layers (the extraction stage would stay behind as an unnamed image of 700 MB).
podman build "${PODMAN_RUN_OPTS[@]}" --format docker --layers=false --build-arg BASE_IMAGE="$base" -f deploy/Dockerfile -t "$image" deploy
current="$(podman image inspect --format '{{.Id}}' "$image")"
if [[ -n "$previous" && "$previous" != "$current" ]]; then
    podman rmi "$previous" > /dev/null 2>&1 || true
fi
echo "$image"
