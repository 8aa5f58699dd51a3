#!/usr/bin/env bash
# Writes the secrets deploy/compose.yaml mounts, once: a random database password and a random JWT signing key
# (48 bytes, base64), under deploy/compose/secrets/ (ignored by git). Existing files are kept.
set -euo pipefail
dir="$(dirname "$0")/secrets"
mkdir -p "$dir"
random() { head -c "$1" /dev/urandom | base64 | tr -d '\n/+=' ; }
[[ -s "$dir/db-password" ]] || random 24 > "$dir/db-password"
[[ -s "$dir/jwt-secret" ]] || random 48 > "$dir/jwt-secret"
# Compose mounts the files as they are: the containers' users (the application's is uid 10001) must read them.
chmod 0644 "$dir/db-password" "$dir/jwt-secret"
echo "secrets in $dir"
