#!/usr/bin/env bash
# Container health check without curl or wget (neither is in a JRE base image): one HTTP GET over bash's /dev/tcp,
# healthy when the status is 200.
#   timedeal-healthcheck [PORT [PATH]]   defaults: $PORT (8080) and /api/v1/health
set -u
port="${1:-${PORT:-8080}}"
path="${2:-/api/v1/health}"
exec 3<> "/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 3 status <&3 || exit 1
[[ "$status" == "HTTP/1."?" 200"* ]]
