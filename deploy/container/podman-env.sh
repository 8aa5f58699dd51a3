# Sourced by the container scripts: makes podman usable on these machines (no Docker engine, no systemd, cgroups
# that crun cannot manage) and installs it from Debian's packages when it is missing. Only what is missing is done.
# shellcheck shell=bash

need_packages=()
command -v podman > /dev/null || need_packages+=(podman)
[[ -x /usr/sbin/runc ]] || need_packages+=(runc)
command -v debootstrap > /dev/null || need_packages+=(debootstrap)
if (( ${#need_packages[@]} )); then
    [[ $(id -u) -eq 0 ]] || { echo "missing ${need_packages[*]}: install them (as root) or run this as root" >&2; exit 1; }
    echo "installing ${need_packages[*]} from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq > /dev/null && apt-get install -y -qq "${need_packages[@]}" > /dev/null
fi

# crun fails here on cgroups and ulimits; runc with cgroupfs and no default ulimits works.
if [[ $(id -u) -eq 0 && ! -s /etc/containers/containers.conf ]]; then
    mkdir -p /etc/containers
    printf '[containers]\ndefault_ulimits = []\n[engine]\ncgroup_manager = "cgroupfs"\n' > /etc/containers/containers.conf
fi

# Host networking: no bridge or slirp set-up is needed, and the container's ports are the host's.
PODMAN_RUN_OPTS=(--runtime /usr/sbin/runc --network host)
