#!/usr/bin/env bash
# Starts the application image with podman on the embedded database and checks that it answers
# GET /api/v1/health 200 within 60 s, that it runs as its non-root user, that the image's own health check
# passes and that it starts its PostgreSQL again after a kill -9; then stops and removes the container, whatever
# happened.
#
#   deploy/container/smoke-test.sh [IMAGE]    IMAGE defaults to $TIMEDEAL_IMAGE, else timedeal:latest
#
# PORT and MANAGEMENT_SERVER_PORT (environment) choose the ports; unset, free ones are picked (the container shares
# the host's network, so the defaults 8080/8081 could be taken). TIMEDEAL_SMOKE_TIMEOUT (60) bounds the wait.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/container/podman-env.sh

image="${1:-${TIMEDEAL_IMAGE:-timedeal:latest}}"
timeout="${TIMEDEAL_SMOKE_TIMEOUT:-60}"

read -r picked_port picked_management_port <<< "$(deploy/free-ports 2)"
port="${PORT:-$picked_port}"
management_port="${MANAGEMENT_SERVER_PORT:-$picked_management_port}"
name="timedeal-smoke-$$"

podman image exists "$image" || { echo "no image $image: run deploy/container/build-image.sh first" >&2; exit 1; }

cleanup() {
    podman rm -f -t 10 "$name" > /dev/null 2>&1 || true
}
trap cleanup EXIT

echo "starting $image as $name on port $port (management $management_port)"
# No scheduled health check: podman runs those from systemd timers, which this machine has not; the check is run
# once below instead.
podman run "${PODMAN_RUN_OPTS[@]}" -d --name "$name" --no-healthcheck \
    -e PORT="$port" -e MANAGEMENT_SERVER_PORT="$management_port" \
    "$image" > /dev/null

# Waits up to $timeout s for GET /api/v1/health 200 while the container runs, asking only once the command given (if
# any) succeeds; sets status and started. Fails the test, with the container's log, when the container stops or the
# wait runs out (the message says what was awaited).
await_health() {
    local awaited=$1
    shift
    started=$SECONDS
    status=000
    while (( SECONDS - started < timeout )); do
        if [[ "$(podman inspect -f '{{.State.Running}}' "$name" 2> /dev/null)" != true ]]; then
            echo "FAIL: the container stopped; its log:" >&2
            podman logs --tail 60 "$name" >&2 || true
            exit 1
        fi
        if (( $# == 0 )) || "$@"; then
            status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$port/api/v1/health" || true)"
            [[ "$status" == 200 ]] && return
        fi
        sleep 1
    done
    echo "FAIL: ${awaited}GET /api/v1/health answered ${status} within ${timeout} s; the container's log:" >&2
    podman logs --tail 60 "$name" >&2 || true
    exit 1
}

await_health ""
echo "GET /api/v1/health 200 after $(( SECONDS - started )) s"

uid="$(podman exec "$name" id -u)"
[[ "$uid" != 0 ]] || { echo "FAIL: the application runs as root" >&2; exit 1; }
echo "runs as uid $uid"

podman exec "$name" timedeal-healthcheck || { echo "FAIL: the image's health check does not pass" >&2; exit 1; }
echo "the image's health check passes"

# The embedded PostgreSQL killed inside the container, where the JVM is the first process and so inherits the ended
# server as a zombie it never reaps: the application starts the server again and is healthy again.
pid_file=/app/data/postgres/postmaster.pid
killed="$(podman exec "$name" head -1 "$pid_file")"
podman exec "$name" bash -c "kill -9 $killed"
pid_changed() {
    current="$(podman exec "$name" head -1 "$pid_file" 2> /dev/null || true)"
    [[ -n "$current" && "$current" != "$killed" ]]
}
await_health "after its PostgreSQL (pid $killed) was killed, " pid_changed
echo "its PostgreSQL killed (pid $killed), started again (pid $current): healthy after $(( SECONDS - started )) s"
echo "smoke test passed"
