#!/usr/bin/env bash
# Two builds of the application, alternated: the before/after of one change on a machine whose speed moves by half
# within minutes (docs/benchmarks.md, round 22):
#   cp -r deploy/target/app /tmp/app-before        # before the change; then change, build, and:
#   A=/tmp/app-before/timedeal.jar B=deploy/target/app/timedeal.jar benchmark/compare.sh
# Runs benchmark/profile.sh (the hot deal, each run on a fresh database and a fresh JVM) PAIRS times for each build, in
# the order A B, B A, A B, ... so that the builds take turns at running first and a drift of the machine falls on
# both; then prints every run and, for each build, the median and range of orders/s, p99 and CPU an order, and B's
# medians against A's. A and B the same build (an A/A run) shows what the machine alone moves.
# Overrides: PAIRS=3, OUT (default benchmark/target/compare), SKIP_BUILD (default 1: the harness must be built,
# ./mvnw -q -f benchmark/pom.xml test-compile), and profile.sh's CLIENTS, WARMUP, DURATION, JAVA_OPTS, APP_ENV.
# A_ENV and B_ENV add settings for one build only ("NAME=value ..." after APP_ENV): A and B the same jar with
# B_ENV="TIMEDEAL_PROCESSORS_BATCH_SIZE=100" compares a setting.
# Each run's line and the medians also show the statements and transactions an order, how busy the machine was and
# how much of it the application's compilers took: fewer statements with fewer orders a second and an idle machine
# is a wait (a lock, say), not a cost (docs/benchmarks.md, round 30). SUMMARY_ONLY=1 prints the summary of the
# comparison already in OUT again, without running anything.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PAIRS=${PAIRS:-3}
OUT=${OUT:-$ROOT/benchmark/target/compare}

run() { # run <A|B> <pair>
  local jar=$A dir="$OUT/$1-$2" env="${APP_ENV:-} ${A_ENV:-}"
  [[ $1 == B ]] && jar=$B env="${APP_ENV:-} ${B_ENV:-}"
  echo "$(date -u +%H:%M:%S) build $1, pair $2" >&2
  SKIP_BUILD=${SKIP_BUILD:-1} APP_JAR="$jar" APP_ENV="$env" OUT="$dir" benchmark/profile.sh >"$dir.log" 2>&1 ||
    { echo "profile.sh failed for build $1, pair $2: see $dir.log" >&2; exit 1; }
}
if [[ -n "${SUMMARY_ONLY:-}" ]]; then
  compgen -G "$OUT/A-*/per-order.json" >/dev/null && compgen -G "$OUT/B-*/per-order.json" >/dev/null ||
    { echo "SUMMARY_ONLY=1 needs OUT, the folder of an earlier comparison with runs of A and B ($OUT)" >&2; exit 1; }
else
  : "${A:?A=<the application jar before the change>}" "${B:?B=<the application jar after it>}"
  [[ -f "$A" && -f "$B" ]] || { echo "A and B must be application jars ($A, $B)" >&2; exit 1; }
  rm -rf "$OUT" && mkdir -p "$OUT"
  for pair in $(seq 1 "$PAIRS"); do
    if ((pair % 2)); then run A "$pair"; run B "$pair"; else run B "$pair"; run A "$pair"; fi
  done
fi

python3 - "$OUT" "${CLIENTS:-100}" "${A:-}" "${B:-}" <<'PY'
import glob, json, os, statistics, sys
out, clients, jars = sys.argv[1], sys.argv[2], {"A": sys.argv[3], "B": sys.argv[4]}
shown = {"orders_per_s": "orders/s", "p99_ms": "p99 ms", "app_cpu_ms": "application CPU ms an order",
         "postgres_cpu_ms": "PostgreSQL CPU ms an order", "statements": "statements an order",
         "transactions": "transactions an order", "busy_cores": "machine busy cores", "jit_cores": "compilers' cores"}
runs = {"A": [], "B": []}
lines = []
for build in runs:
    directories = [d for d in glob.glob(os.path.join(out, f"{build}-*")) if os.path.isdir(d)]
    for directory in sorted(directories, key=lambda d: int(d.rsplit("-", 1)[1])):
        run = json.load(open(os.path.join(directory, "per-order.json")))
        clients = run.get("clients", clients)
        runs[build].append(run)
        lines.append((build, os.path.basename(directory), run))
# A figure an older run did not record is left out rather than guessed.
shown = {key: label for key, label in shown.items()
         if all(run.get(key) is not None for rows in runs.values() for run in rows)}
for build, name, run in lines:
    print(f"{build} {name}: " + ", ".join(
        f"{label} {run[key]:.2f}" for key, label in shown.items()) + f", errors {run['errors']}")
described = {build: " ".join(filter(None, [jars[build], os.environ.get(f"{build}_ENV", "").strip()])) or build
             for build in jars}
print(f"{clients} clients; A = {described['A']}, B = {described['B']}")
medians = {build: {key: statistics.median(run[key] for run in rows) for key in shown} for build, rows in runs.items()}
for build, rows in runs.items():
    print(f"{build}, medians of {len(rows)}: " + ", ".join(
        f"{label} {medians[build][key]:.2f} ({min(r[key] for r in rows):.2f} to {max(r[key] for r in rows):.2f})"
        for key, label in shown.items()) + f", errors {sum(r['errors'] for r in rows)}")
print("B / A on the medians: " + ", ".join(
    f"{label} {medians['B'][key] / medians['A'][key]:.2f}x" if medians['A'][key] else f"{label} (A's median 0)"
    for key, label in shown.items()))
PY
echo "details in $OUT"
