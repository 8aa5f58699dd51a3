#!/usr/bin/env bash
# The flash-sale benchmark, end to end, in one command (see docs/benchmarks.md):
#   benchmark/run.sh                 # the full run: 10/100/500 clients, 3 repetitions, 60 s each, the growth check (about 35 minutes)
#   BENCH_QUICK=1 benchmark/run.sh   # smoke test of the harness: 10 s, 1 repetition, 10/100 clients, 300-shopper sale
#
# It starts a throw-away PostgreSQL 15 on port 55432, builds and starts the application against it, runs the
# Gatling scenarios and the original design's pgbench transaction (the yardstick) on that same server, then writes
# docs/benchmark-results/<UTC date>/report.md with Gatling's HTML reports. Load only ever targets localhost.
#
# Overrides: BENCH_CLIENTS="10 100", BENCH_REPEAT=3, BENCH_DURATION=60 (hot deal and mixed, seconds),
# BENCH_YARDSTICK_DURATION=30, BENCH_MIXED_CLIENTS=100, BENCH_SHOPPERS=1000, BENCH_STOCK=100,
# BENCH_WARMUP=120 (at least; then BENCH_WARMUP_SLICE=30 seconds more at a time while the application's compilers
# take over BENCH_WARMUP_JIT_CORES=0.05 of a core, three times BENCH_WARMUP at most), BENCH_WARMUP_LARGER=60 (then
# so many seconds at each client count above 10 in BENCH_CLIENTS, not reported; 0 skips them),
# BENCH_PG_PORT=55432, BENCH_APP_PORT=8080, BENCH_MANAGEMENT_PORT=8081, BENCH_PG_SHARED_BUFFERS=2GB, TIMEDEAL_DB_POOL_SIZE=10, JAVA_OPTS='-XX:+UseParallelGC -Xms64m -Xmx512m -XX:MaxNewSize=96m', BENCH_MALLOC_ARENA_MAX=2,
# BENCH_OUT=<results folder>, BENCH_KEEP_PGDATA=1 (keep the database files), BENCH_SKIP_BUILD=1,
# BENCH_RESERVATION_HOLD=2h (the application's reservation hold during the run),
# BENCH_GROWTH_EVENTS=100000 (the growth check's deal size; 0 skips the check), BENCH_GROWTH_CLIENTS=100,
# BENCH_GROWTH_WARMUP=150 (seconds of load on a throw-away deal after the growth check's restart, at its client count),
# BENCH_GROWTH_TIMEOUT=1800 (the most growing the deal may take, seconds),
# BENCH_LIVE_SUBSCRIBERS=1000 (live streams during the extra hot-deal run "live"; 0 skips it),
# BENCH_BIG_SHOPPERS=10000 / BENCH_BIG_STOCK=1000 (the big flash sale; 0 shoppers skips it),
# BENCH_FLASH_GENERATOR_JVM_ARGS=-Xms1g,-XX:TieredStopAtLevel=1 (the flash sales' load generator: extra JVM options,
# comma-separated; empty for Gatling's defaults), BENCH_FLASH_GENERATOR_WARMUP=1000 (requests the flash sales' load
# generator sends to a stand-in of its own inside its JVM before each burst, never to the application; 0: none),
# BENCH_FLASH_WARMUP_SALES=1 (sales of BENCH_SHOPPERS before the measured ones, after the growth check's restart, not
# reported; 0: none), BENCH_BIG_WARMUP_SALES=1 (the same for the big flash sale: sales of BENCH_BIG_SHOPPERS before its
# measured ones, not reported, the first of them signing its shoppers in; 0: none),
# BENCH_GENERATOR_JVM_ARGS=-XX:TieredStopAtLevel=1 (extra JVM options for the load generator of every other Gatling
# run: the hot deal, the growth check, mixed shopping, the cluster),
# BENCH_CLUSTER=1 (0 skips the local cluster's hot deal), BENCH_CLUSTER_WARMUP=300 (at least so many seconds of the
# hot deal at 100 clients through the balancer, a new deal a minute, before the cluster's runs; not reported),
# BENCH_STARTUP=1 (0 skips the start-up timing),
# BENCH_STARTUP_RESTARTS=3 (warm restarts timed after the first start), BENCH_PLOTS=1 (0: no PNG plots).
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
COMMAND_LINE="$( (env | grep -E '^(BENCH_[A-Z_]+|TIMEDEAL_[A-Z_]+|SERVER_TOMCAT_[A-Z_]+|JAVA_OPTS)=' || true) | sort | sed "s/=\(.*\)/='\1'/" | tr '\n' ' ')benchmark/run.sh $*"

QUICK=${BENCH_QUICK:-0}
if [[ "$QUICK" == "1" ]]; then
  DEFAULT_CLIENTS="10 100"; DEFAULT_REPEAT=1; DEFAULT_DURATION=10; DEFAULT_YARD=10
  DEFAULT_SHOPPERS=300; DEFAULT_STOCK=30; DEFAULT_WARMUP=5; DEFAULT_GROWTH_EVENTS=5000; DEFAULT_GROWTH_WARMUP=10
  DEFAULT_WARMUP_LARGER=5
  DEFAULT_CLUSTER_WARMUP=5
  DEFAULT_BIG_SHOPPERS=2000; DEFAULT_BIG_STOCK=200
else
  DEFAULT_CLIENTS="10 100 500"; DEFAULT_REPEAT=3; DEFAULT_DURATION=60; DEFAULT_YARD=30
  DEFAULT_SHOPPERS=1000; DEFAULT_STOCK=100; DEFAULT_WARMUP=120; DEFAULT_GROWTH_EVENTS=100000; DEFAULT_GROWTH_WARMUP=150
  DEFAULT_WARMUP_LARGER=60
  DEFAULT_CLUSTER_WARMUP=300
  DEFAULT_BIG_SHOPPERS=10000; DEFAULT_BIG_STOCK=1000
fi
CLIENTS=${BENCH_CLIENTS:-$DEFAULT_CLIENTS}
REPEAT=${BENCH_REPEAT:-$DEFAULT_REPEAT}
DURATION=${BENCH_DURATION:-$DEFAULT_DURATION}
YARD_DURATION=${BENCH_YARDSTICK_DURATION:-$DEFAULT_YARD}
MIXED_CLIENTS=${BENCH_MIXED_CLIENTS:-100}
SHOPPERS=${BENCH_SHOPPERS:-$DEFAULT_SHOPPERS}
STOCK=${BENCH_STOCK:-$DEFAULT_STOCK}
WARMUP=${BENCH_WARMUP:-$DEFAULT_WARMUP}
GROWTH_EVENTS=${BENCH_GROWTH_EVENTS:-$DEFAULT_GROWTH_EVENTS}
GROWTH_CLIENTS=${BENCH_GROWTH_CLIENTS:-100}
GROWTH_WARMUP=${BENCH_GROWTH_WARMUP:-$DEFAULT_GROWTH_WARMUP}
GROWTH_TIMEOUT=${BENCH_GROWTH_TIMEOUT:-1800}
BIG_SHOPPERS=${BENCH_BIG_SHOPPERS:-$DEFAULT_BIG_SHOPPERS}
BIG_STOCK=${BENCH_BIG_STOCK:-$DEFAULT_BIG_STOCK}
# A flash sale is a burst of a few seconds from a Gatling JVM started for it: with both JIT compilers the generator
# spent more of the two cores than the application and sent the burst's requests over two seconds instead of one
# (docs/benchmarks.md, round 20). The client compiler alone (and a heap that need not grow) makes it cheaper.
FLASH_GENERATOR_JVM_ARGS=${BENCH_FLASH_GENERATOR_JVM_ARGS--Xms1g,-XX:TieredStopAtLevel=1}
# Even so, its code ran cold in each burst: the 1000-shopper sales' first answers came 300 to 500 ms after the first
# request, also for requests the application refuses at the edge, and the requests went out over 1.4 to 1.8 s. So the
# generator first sends this many requests of the same shape to a stand-in inside its own JVM, never to the
# application, and the burst starts a second after them (docs/benchmarks.md, round 42).
FLASH_GENERATOR_WARMUP=${BENCH_FLASH_GENERATOR_WARMUP:-1000}
FLASH_WARMUP_SALES=${BENCH_FLASH_WARMUP_SALES:-1}
BIG_WARMUP_SALES=${BENCH_BIG_WARMUP_SALES:-1}
# The other runs' generator is a Gatling JVM started for each minute-long run: with both compilers its optimizing
# compiler's work fell in the run's first 10 to 20 s, on the cores the application needs, and the hot deal's answers
# there took twice as long as later in the same run (docs/benchmarks.md, round 33). The client compiler alone.
GENERATOR_JVM_ARGS=${BENCH_GENERATOR_JVM_ARGS--XX:TieredStopAtLevel=1}
CLUSTER=${BENCH_CLUSTER:-1}
CLUSTER_WARMUP=${BENCH_CLUSTER_WARMUP:-$DEFAULT_CLUSTER_WARMUP}
STARTUP_RESTARTS=${BENCH_STARTUP_RESTARTS:-3}
PLOTS=${BENCH_PLOTS:-1}
PG_PORT=${BENCH_PG_PORT:-55432}
APP_PORT=${BENCH_APP_PORT:-8080}
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-8081}
PG_SHARED_BUFFERS=${BENCH_PG_SHARED_BUFFERS:-2GB}
POOL_SIZE=${TIMEDEAL_DB_POOL_SIZE:-10}
# The parallel collector: on two cores G1's concurrent work cost the application about a tenth of its CPU per order
# (docs/benchmarks.md, tuning). JAVA_OPTS replaces this default.
# A bounded heap (the JVM's own default, a quarter of this machine's 24 GB, let the application grow past 1 GB without
# being any faster). 240 MB holds the hot deal alone (about 110 MB of live data; near 510 MB resident) but not the
# live-stock step's 1000 open streams (about 200 MB live: it collected without end), so the run keeps 512 MB; two
# malloc arenas (BENCH_MALLOC_ARENA_MAX) as the image sets them. docs/benchmarks.md, round 5. The young generation at
# most 96 MB: the parallel collector grows it to a third of the heap and cycles through all of it, so every page of it
# stays resident; capped, the hot deal's resident memory fell from 538 to 486 MB at no cost in orders (round 11). A
# small initial heap: the collector starts the old generation at two thirds of the initial heap (which is 1/64 of the
# machine's memory: 384 MB here, so about 256 MB) and the hot deal's promotions touch all of it before the first full
# collection; from 64 MB the old generation grows only as far as the live data needs (measured in round 15, kept in
# round 16: about 150 MB less resident under the hot deal). profile.sh keeps the same default.
JAVA_OPTS=${JAVA_OPTS:--XX:+UseParallelGC -Xms64m -Xmx512m -XX:MaxNewSize=96m}
MALLOC_ARENAS=${BENCH_MALLOC_ARENA_MAX:-2}
# The hot deal reserves tens of thousands of orders a minute that nobody pays. With the shop's 10-minute hold they would
# all expire in the middle of later scenarios and be measured there; the run's reservations outlive the run instead.
RESERVATION_HOLD=${BENCH_RESERVATION_HOLD:-2h}
# ---- benchmark-only application settings (environment, passed on to the application and the cluster's nodes) ----
# The rate limits raised for the run (benchmark/rate-limits.sh says which and why).
source "$ROOT/benchmark/rate-limits.sh"
# shellcheck disable=SC2163
export "${RATE_LIMIT_SETTINGS[@]}"
APP_SETTINGS=""
for setting in "${RATE_LIMIT_SETTINGS[@]}"; do APP_SETTINGS+="${APP_SETTINGS:+ }$setting=${!setting}"; done
BASE_URL="http://localhost:${APP_PORT}"
METRICS_URL="http://localhost:${MANAGEMENT_PORT}"
PG_BIN=/usr/lib/postgresql/15/bin

DATE=$(date -u +%Y-%m-%d)
if [[ -n "${BENCH_OUT:-}" ]]; then
  OUT=$BENCH_OUT
elif [[ "$QUICK" == "1" ]]; then
  OUT="docs/benchmark-results/${DATE}-quick"
else
  OUT="docs/benchmark-results/${DATE}"
fi

TARGET="$ROOT/benchmark/target"
RESULTS="$TARGET/results"
YARD_OUT="$TARGET/yardstick"
LOGS="$TARGET/logs"
STARTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# PostgreSQL refuses to run as root: run its tools as the `postgres` user when we are root.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
psql_pg() { psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U postgres "$@"; }

[[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] || die "PostgreSQL 15 server binaries not found in $PG_BIN (apt-get install postgresql-15)"
command -v pgbench >/dev/null || die "pgbench not found"
command -v python3 >/dev/null || die "python3 not found"
command -v curl >/dev/null || die "curl not found"
# The plots need matplotlib (Debian's python3-matplotlib, for the system's /usr/bin/python3; a python3 of its own
# earlier in PATH may not see it, so the first interpreter that has it draws them).
plot_python() {
  local py
  for py in python3 /usr/bin/python3; do
    if command -v "$py" >/dev/null && "$py" -c 'import matplotlib' 2>/dev/null; then echo "$py"; return 0; fi
  done
  return 1
}
PLOT_PYTHON=""
if [[ "$PLOTS" == "1" ]]; then
  if ! PLOT_PYTHON=$(plot_python); then
    if [[ $(id -u) -eq 0 ]]; then
      log "installing python3-matplotlib (the report's plots)"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-matplotlib >&2 \
        || die "python3-matplotlib could not be installed (BENCH_PLOTS=0 runs without plots)"
      PLOT_PYTHON=$(plot_python) || die "matplotlib is installed but no python3 finds it (BENCH_PLOTS=0 runs without plots)"
    else
      die "python3-matplotlib is missing: apt-get install python3-matplotlib (or BENCH_PLOTS=0 for no plots)"
    fi
  fi
fi
if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then die "running as root needs the 'postgres' user"; fi
if curl -s -o /dev/null "$BASE_URL" 2>/dev/null; then die "something already answers on $BASE_URL"; fi
if (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then die "port $PG_PORT is already in use"; fi

# Fresh results for this run (only the benchmark module's own target folder is touched).
rm -rf "$RESULTS" "$YARD_OUT" "$LOGS" "$TARGET/gatling" "$TARGET/shopper-tokens.json" "$TARGET/run-info" \
  "$TARGET/growth-deal.json" "$TARGET/shopper-tokens-cluster.json" "$TARGET/plots"
mkdir -p "$RESULTS" "$YARD_OUT" "$LOGS" "$TARGET/run-info"

WORK=$(mktemp -d /tmp/timedeal-bench.XXXXXX)
PGDATA="$WORK/pgdata"
APP_PID=""
PG_STARTED=0
CLUSTER_STARTED=0
CLUSTER_DIR="$WORK/cluster"
STARTUP_PID=""
STARTUP_DIR=""

# Stops the application: TERM (Spring's graceful shutdown), up to 40 s, then KILL.
stop_app() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    log "stopping the application (pid $APP_PID)"
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    if kill -0 "$APP_PID" 2>/dev/null; then kill -KILL "$APP_PID" 2>/dev/null || true; fi
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_app
  if [[ -n "$STARTUP_PID" ]] && kill -0 "$STARTUP_PID" 2>/dev/null; then
    kill -TERM "$STARTUP_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$STARTUP_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$STARTUP_PID" 2>/dev/null || true
  fi
  if [[ "$CLUSTER_STARTED" == "1" ]]; then
    log "stopping the local cluster"
    TIMEDEAL_CLUSTER_DIR="$CLUSTER_DIR" deploy/local-cluster.sh down >>"$LOGS/cluster.log" 2>&1 || true
    cp -r "$CLUSTER_DIR/logs" "$LOGS/cluster-nodes" 2>/dev/null || true
  fi
  if [[ "$PG_STARTED" == "1" ]]; then
    log "stopping PostgreSQL"
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
  [[ -f "$WORK/postgres.log" ]] && cp "$WORK/postgres.log" "$LOGS/postgres.log" 2>/dev/null || true
  [[ -n "$STARTUP_DIR" ]] && rm -rf "$STARTUP_DIR"
  if [[ "${BENCH_KEEP_PGDATA:-0}" == "1" ]]; then
    log "database files kept in $PGDATA"
  else
    rm -rf "$WORK"
  fi
  if [[ $status -ne 0 ]]; then log "exit status $status; logs in $LOGS"; fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------------------------
# 1. PostgreSQL 15 from the Debian package, in a fresh directory
# ---------------------------------------------------------------------------------------------------------------
log "starting PostgreSQL 15 on port $PG_PORT (data in $PGDATA)"
if [[ $(id -u) -eq 0 ]]; then chown postgres: "$WORK"; fi
chmod 700 "$WORK"
as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C >"$LOGS/initdb.log" 2>&1 \
  || { cat "$LOGS/initdb.log" >&2; die "initdb"; }
cat >>"$PGDATA/postgresql.conf" <<EOF

# --- timedeal benchmark (benchmark/run.sh) ---
listen_addresses = 'localhost'
port = $PG_PORT
unix_socket_directories = '$WORK'
max_connections = 800
shared_buffers = $PG_SHARED_BUFFERS
effective_cache_size = 8GB
work_mem = 4MB
maintenance_work_mem = 256MB
max_wal_size = 8GB
min_wal_size = 1GB
checkpoint_timeout = 15min
checkpoint_completion_target = 0.9
log_min_messages = warning
log_checkpoints = on
log_lock_waits = off
EOF
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$WORK/postgres.log" -w -t 60 start >/dev/null \
  || { cat "$WORK/postgres.log" >&2 2>/dev/null; die "pg_ctl start"; }
PG_STARTED=1
psql_pg -d postgres -c "CREATE DATABASE timedeal" -c "CREATE DATABASE yardstick"
psql_pg -d yardstick -f benchmark/yardstick/schema.sql >"$LOGS/yardstick-schema.log" 2>&1 \
  || { cat "$LOGS/yardstick-schema.log" >&2; die "yardstick schema"; }
PG_VERSION=$(psql_pg -d postgres -At -c "SELECT version()")
psql_pg -d postgres -At -c "SELECT name || ' = ' || current_setting(name) FROM pg_settings
  WHERE name IN ('max_connections','shared_buffers','effective_cache_size','work_mem','max_wal_size',
                 'checkpoint_timeout','synchronous_commit','fsync','wal_level','default_transaction_isolation')
  ORDER BY name" >"$TARGET/run-info/pg-settings.txt"

# ---------------------------------------------------------------------------------------------------------------
# 2. Build and start the application
# ---------------------------------------------------------------------------------------------------------------
if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  log "building the application (./mvnw -q -DskipTests package)"
  ./mvnw -q -DskipTests package >"$LOGS/build-app.log" 2>&1 || { tail -50 "$LOGS/build-app.log" >&2; die "application build"; }
fi
# The README's first command starts the build's extracted layout (a launcher jar with lib/ beside it) with the class-data
# archive the build's training run wrote beside it.
APP_JAR=deploy/target/app/timedeal.jar
APP_CLASSES=deploy/target/app/timedeal.jsa
[[ -f "$APP_JAR" ]] || die "$APP_JAR is missing"
[[ -f "$APP_CLASSES" ]] || die "$APP_CLASSES is missing"
# The harness is its own Maven project (no parent): -f benchmark/pom.xml is the same as -Pbenchmark -pl benchmark
# without Maven's warning that the selected project has no such profile. Later runs are offline (-o).
log "building the load harness (-f benchmark/pom.xml)"
./mvnw -q -f benchmark/pom.xml test-compile dependency:resolve-plugins >"$LOGS/build-benchmark.log" 2>&1 \
  || { tail -50 "$LOGS/build-benchmark.log" >&2; die "benchmark build"; }

# ---------------------------------------------------------------------------------------------------------------
# Step: start-up time (before any load; the run's PostgreSQL is up but idle). The README's first command, the
# packaged application on its embedded PostgreSQL, in a fresh data folder of the run's temporary directory, on free ports:
# the time from `java -jar` to the first 200 of /api/v1/health, first on the empty folder (initdb, migrations, demo
# data), then STARTUP_RESTARTS times on the same folder (the warm figure), each stopped with TERM before the next.
# Writes $RESULTS/startup.json.
# ---------------------------------------------------------------------------------------------------------------
startup_check() {
  local port mport kind run start_ns end_ns code ms runs=()
  # Its own folder, not inside $WORK (which, as root, belongs to the postgres user with mode 700): as root the
  # embedded PostgreSQL runs initdb in a user namespace (unshare -U), which must be able to reach the folder.
  STARTUP_DIR=$(mktemp -d /tmp/timedeal-startup.XXXXXX)
  chmod 755 "$STARTUP_DIR"
  local dir="$STARTUP_DIR"
  for run in $(seq 0 "$STARTUP_RESTARTS"); do
    kind=warm; [[ $run -eq 0 ]] && kind=first
    read -r port mport <<<"$("$ROOT/deploy/free-ports" 2)"
    log "start-up $kind (run $run): java -XX:SharedArchiveFile=$APP_CLASSES -jar $APP_JAR, embedded PostgreSQL in $dir/data, port $port"
    echo "=== start-up $kind run $run at $(date -u +%Y-%m-%dT%H:%M:%SZ) ===" >>"$LOGS/startup.log"
    start_ns=$(date +%s%N)
    env -u DATABASE_URL "${RATE_LIMIT_SETTINGS[@]/#/-u}" \
      TIMEDEAL_DATA_DIR="$dir/data" PORT="$port" MANAGEMENT_SERVER_PORT="$mport" \
      java -XX:SharedArchiveFile="$ROOT/$APP_CLASSES" -jar "$ROOT/$APP_JAR" >>"$LOGS/startup.log" 2>&1 &
    STARTUP_PID=$!
    code=""
    while [[ "$code" != "200" ]]; do
      if ! kill -0 "$STARTUP_PID" 2>/dev/null; then code=exited; break; fi
      if (( ($(date +%s%N) - start_ns) / 1000000 > 120000 )); then code=timeout; break; fi
      code=$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$port/api/v1/health" 2>/dev/null || true)
      [[ "$code" == "200" ]] || sleep 0.1
    done
    end_ns=$(date +%s%N)
    ms=$(( (end_ns - start_ns) / 1000000 ))
    if [[ "$code" == "200" ]]; then
      log "  -> healthy after ${ms} ms"
      runs+=("{\"run\": $run, \"kind\": \"$kind\", \"ms\": $ms}")
    else
      log "  -> FAILED ($code after ${ms} ms; see benchmark/target/logs/startup.log)"
      runs+=("{\"run\": $run, \"kind\": \"$kind\", \"ms\": null, \"failure\": \"$code\"}")
      FAILURES+=("start-up $kind run $run: $code after ${ms} ms (see benchmark/target/logs/startup.log)")
    fi
    if kill -0 "$STARTUP_PID" 2>/dev/null; then
      kill -TERM "$STARTUP_PID" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$STARTUP_PID" 2>/dev/null || break; sleep 0.5; done
      kill -KILL "$STARTUP_PID" 2>/dev/null || true
    fi
    wait "$STARTUP_PID" 2>/dev/null || true
    STARTUP_PID=""
    [[ "$code" == "200" ]] || break
  done
  local IFS=,
  echo "{\"command\": \"java -XX:SharedArchiveFile=$APP_CLASSES -jar $APP_JAR\", \"runs\": [${runs[*]}]}" >"$RESULTS/startup.json"
}
FAILURES=()
if [[ "${BENCH_STARTUP:-1}" != "0" ]]; then
  startup_check
fi
# ---- end of step: start-up time ----

# The same secret for every start of the run, so that the shoppers' tokens outlive a restart.
JWT_SECRET=$(python3 -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(48)).decode())')

# Starts the application on the run's database (appending to app.log) and waits until it is healthy and the demo
# admin can log in; used for the first start and for the growth check's restart.
start_app() {
  log "starting the application on $BASE_URL (pool $POOL_SIZE, JAVA_OPTS='${JAVA_OPTS:-}')"
  echo "=== benchmark/run.sh: application start at $(date -u +%Y-%m-%dT%H:%M:%SZ) ===" >>"$LOGS/app.log"
  # shellcheck disable=SC2086
  env DATABASE_URL="postgres://postgres@localhost:${PG_PORT}/timedeal" \
      TIMEDEAL_SECURITY_JWT_SECRET="$JWT_SECRET" \
      TIMEDEAL_DEMO_DATA_ENABLED=true \
      TIMEDEAL_DB_POOL_SIZE="$POOL_SIZE" \
      TIMEDEAL_ORDERS_RESERVATION_HOLD="$RESERVATION_HOLD" \
      PORT="$APP_PORT" \
      MANAGEMENT_SERVER_PORT="$MANAGEMENT_PORT" \
      MALLOC_ARENA_MAX="$MALLOC_ARENAS" \
      java -XX:SharedArchiveFile="$APP_CLASSES" ${JAVA_OPTS:-} -jar "$APP_JAR" >>"$LOGS/app.log" 2>&1 &
  APP_PID=$!
  local i code
  for i in $(seq 1 180); do
    kill -0 "$APP_PID" 2>/dev/null || { tail -50 "$LOGS/app.log" >&2; die "the application exited during start-up"; }
    if curl -sf "$BASE_URL/api/v1/health" >/dev/null 2>&1; then break; fi
    [[ $i -eq 180 ]] && die "the application did not become healthy within 180 s"
    sleep 1
  done
  # The demo data (the admin) is created through commands on start: wait until the admin can log in.
  for i in $(seq 1 60); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
      -d '{"email":"admin@bbossiregi.com","password":"admin1234!"}' "$BASE_URL/api/v1/auth/login" || true)
    [[ "$code" == "200" ]] && break
    [[ $i -eq 60 ]] && die "the demo admin cannot log in (last answer $code)"
    sleep 1
  done
  log "application healthy (pid $APP_PID)"
}
start_app

# ---------------------------------------------------------------------------------------------------------------
# 3-4. The scenarios and the yardstick
# ---------------------------------------------------------------------------------------------------------------

gatling() { # [GENERATOR=<its JVM options>] gatling <SimulationClass> <clients> <run> <duration> [extra -D...]
  local sim=$1 clients=$2 run=$3 duration=$4; shift 4
  local generator=() jvm_args=${GENERATOR-$GENERATOR_JVM_ARGS}
  [[ -n "$jvm_args" ]] && generator=(-Dgatling.jvmArgs="$jvm_args")
  local logfile="$LOGS/gatling-${sim}-${clients}-${run}.log"
  log "Gatling $sim clients=$clients run=$run duration=${duration}s"
  if ! ./mvnw -o -f benchmark/pom.xml gatling:test \
      -Dgatling.simulationClass="com.bbossiregi.timedeal.benchmark.$sim" \
      -Dgatling.runDescription="$sim clients=$clients run=$run" \
      -DbaseUrl="${LOAD_BASE_URL:-$BASE_URL}" -DmetricsUrl="${LOAD_METRICS_URL:-$METRICS_URL}" \
      -Dclients="$clients" -Dduration="$duration" -Drun="$run" \
      -DresultsDir="$RESULTS" -DtokenCache="${LOAD_TOKEN_CACHE:-$TARGET/shopper-tokens.json}" \
      -DcpuSampler="$ROOT/benchmark/cpu_sample.py" -DappPid="${LOAD_PIDS:-$APP_PID}" "${generator[@]}" "$@" >"$logfile" 2>&1; then
    log "  Gatling $sim clients=$clients run=$run FAILED (see $logfile)"
    FAILURES+=("$sim clients=$clients run=$run: see benchmark/target/logs/$(basename "$logfile")")
    if [[ -z "${LOAD_PIDS:-}" ]]; then kill -0 "$APP_PID" 2>/dev/null || die "the application died"; fi
    return 0
  fi
  python3 - "$RESULTS/${sim}-${clients}-${run}.json" <<'PY' >&2 || true
import json, sys
s = json.load(open(sys.argv[1]))
lat = s["latency_ms"]
extra = ""
if "orders_per_s" in s: extra += f" orders/s={s['orders_per_s']}"
if "first_order" in s: extra += f" first_order={s['first_order']['ms']}ms({s['first_order']['status']})"
if "events_after" in s: extra += f" deal={s['deal']['id']} events={s['events_before']}->{s['events_after']}"
if "held_201" in s: extra += f" 201={s['held_201']} 409={s['insufficient_stock_409']} exact={s['exact']} last_answer={s['time_to_last_answer_ms']}ms"
if "no_response" in s: extra += f" unanswered={s['no_response']}"
if s.get("memory"): extra += f" max_rss={s['memory']['max_rss_mb']}MB"
print(f"  -> requests={s['requests']} errors={s['errors']}{extra} p50={lat['p50']} p95={lat['p95']} p99={lat['p99']} ms")
PY
}

yardstick() { # yardstick <rc|serializable> <clients> <run>
  local iso=$1 clients=$2 run=$3
  local name="yardstick-${iso}-${clients}-${run}"
  local pgoptions="" tries=()
  if [[ "$iso" == "serializable" ]]; then
    pgoptions="-c default_transaction_isolation=serializable"
    tries=(--max-tries=0)   # retry serialization failures for as long as the run lasts
  fi
  log "yardstick $iso clients=$clients run=$run (${YARD_DURATION}s)"
  psql_pg -d yardstick -f benchmark/yardstick/reset.sql >/dev/null 2>>"$LOGS/yardstick-reset.log"
  mkdir -p "$YARD_OUT/$name"
  local jobs=2
  if [[ $clients -lt 2 ]]; then jobs=1; fi
  python3 benchmark/cpu_sample.py snapshot "$APP_PID" >"$YARD_OUT/$name.cpu-before.json" || true
  if ! (cd "$YARD_OUT/$name" && PGOPTIONS="$pgoptions" pgbench -h localhost -p "$PG_PORT" -U postgres -n -M prepared \
        -c "$clients" -j "$jobs" -T "$YARD_DURATION" "${tries[@]}" -l --log-prefix=tx \
        -f "$ROOT/benchmark/yardstick/place_order.sql" yardstick >"$YARD_OUT/$name.out" 2>"$YARD_OUT/$name.err"); then
    log "  yardstick $iso clients=$clients run=$run FAILED (see $YARD_OUT/$name.err)"
    FAILURES+=("yardstick $iso clients=$clients run=$run: $(tail -3 "$YARD_OUT/$name.err" | tr '\n' ' ')")
    return 0
  fi
  python3 benchmark/cpu_sample.py diff "$YARD_OUT/$name.cpu-before.json" "$APP_PID" >"$YARD_OUT/$name.cpu.json" || true
  psql_pg -d yardstick -At -c "SELECT json_build_object('orders', (SELECT count(*) FROM orders WHERE status = 'reserved'),
      'events', (SELECT count(*) FROM order_events), 'reserved_quantity', reserved_quantity) FROM time_deals WHERE id = 1" \
      >"$YARD_OUT/$name.check.json"
  log "  -> $(grep -E '^tps' "$YARD_OUT/$name.out" | head -1) $(grep -E 'failed transactions' "$YARD_OUT/$name.out" || true)"
}

# The warm-up lasts until the JIT is done: after 20 s the first 10-client run placed 20 to 45 % fewer orders than the
# second in every full run from round 4 to round 14 (docs/benchmarks.md, round 15), so the median mixed a cold run in;
# after 120 s the compilers still took 0.22 of a core in round 27's first 10-client run (round 29). So WARMUP seconds
# first, then slices of WARMUP_SLICE seconds while the last one's compilers took more than WARMUP_JIT_CORES of a core,
# at most three times WARMUP in all. WARMUP_SPENT and WARMUP_JIT go to the report.
WARMUP_SLICE=${BENCH_WARMUP_SLICE:-30}
WARMUP_JIT_CORES=${BENCH_WARMUP_JIT_CORES:-0.05}
WARMUP_SPENT=0 WARMUP_JIT=""
WARMUP_LARGER=${BENCH_WARMUP_LARGER:-$DEFAULT_WARMUP_LARGER} WARMUP_LARGER_JIT=""
warmup_jit() { # warmup_jit <run> [clients]: the application's compiler cores in a warm-up run's summary, or empty
  python3 -c 'import json,sys; c=json.load(open(sys.argv[1])).get("cpu") or {}; j=c.get("app_jit_cores"); print("" if j is None else j)' \
    "$RESULTS/HotDealSimulation-${2:-10}-$1.json" 2>/dev/null || true
}
if [[ "$WARMUP" -gt 0 ]]; then
  log "warm-up (not reported): hot deal, 10 clients, ${WARMUP}s, then ${WARMUP_SLICE}s more at a time while the compilers take over ${WARMUP_JIT_CORES} of a core"
  gatling HotDealSimulation 10 warmup "$WARMUP"
  WARMUP_SPENT=$WARMUP WARMUP_JIT=$(warmup_jit warmup) n=1
  while [[ -n "$WARMUP_JIT" ]] && awk -v jit="$WARMUP_JIT" -v bound="$WARMUP_JIT_CORES" 'BEGIN { exit !(jit > bound) }' \
        && (( WARMUP_SPENT + WARMUP_SLICE <= 3 * WARMUP )); do
    n=$((n + 1))
    log "  the compilers took $WARMUP_JIT of a core: ${WARMUP_SLICE}s more"
    gatling HotDealSimulation 10 "$n-warmup" "$WARMUP_SLICE"
    WARMUP_SPENT=$((WARMUP_SPENT + WARMUP_SLICE)) WARMUP_JIT=$(warmup_jit "$n-warmup")
  done
  log "  warm-up done after ${WARMUP_SPENT}s, the compilers at ${WARMUP_JIT:-?} of a core in its last run"
  # Ten clients leave the shape of a larger load uncompiled (the deal's batches of many orders, the waits of many
  # answers): in rounds 35 to 40 the first measured 100-client run had the compilers at 0.03 to 0.05 of a core, the
  # second at 0.00 to 0.01 (docs/benchmarks.md, round 41). So WARMUP_LARGER seconds at each larger client count
  # measured, not reported either; the compilers' share in each goes to the report.
  for clients in $CLIENTS; do
    if (( clients > 10 && WARMUP_LARGER > 0 )); then
      log "  warm-up at $clients clients (not reported): ${WARMUP_LARGER}s"
      gatling HotDealSimulation "$clients" warmup "$WARMUP_LARGER"
      WARMUP_LARGER_JIT+="${WARMUP_LARGER_JIT:+, }$clients clients $(warmup_jit warmup "$clients")"
    fi
  done
fi

for clients in $CLIENTS; do
  for run in $(seq 1 "$REPEAT"); do
    gatling HotDealSimulation "$clients" "$run" "$DURATION"
    yardstick rc "$clients" "$run"
    yardstick serializable "$clients" "$run"
  done
done
# --- live-stock delay (docs/benchmarks.md, "Live-stock delay"): one more hot-deal run, 100 clients, with
# BENCH_LIVE_SUBSCRIBERS server-sent event streams on the deal (0 skips it); writes HotDealSimulation-100-live.json.
LIVE_SUBSCRIBERS=${BENCH_LIVE_SUBSCRIBERS:-1000}
if [[ "$LIVE_SUBSCRIBERS" -gt 0 ]]; then
  gatling HotDealSimulation 100 live "$DURATION" -DliveSubscribers="$LIVE_SUBSCRIBERS"
  python3 -c 'import json,sys; print("  -> live_stock", json.dumps(json.load(open(sys.argv[1])).get("live_stock")))' \
    "$RESULTS/HotDealSimulation-100-live.json" >&2 || true
fi
# --- end of the live-stock delay
# The growth check: does a deal with GROWTH_EVENTS events behind it answer orders as fast as a new one, once it is
# no longer in memory? Grow deal G through the API, restart the application on the same database (G is then cold:
# its next order loads it from its latest snapshot and the events after it), warm the JIT up on a throw-away deal,
# then measure the same load on G and on a fresh deal, alternately. G's first order is timed alone (first_order).
growth_check() {
  local grown="$RESULTS/GrowthSimulation-${GROWTH_CLIENTS}-grow.json" deal
  log "growth check: growing a deal to $GROWTH_EVENTS events with $GROWTH_CLIENTS clients (at most ${GROWTH_TIMEOUT}s)"
  gatling GrowthSimulation "$GROWTH_CLIENTS" grow "$GROWTH_TIMEOUT" -DtargetEvents="$GROWTH_EVENTS"
  deal=$(python3 -c 'import json, sys; s = json.load(open(sys.argv[1])); print(s["deal"]["id"] if s.get("target_reached") else "")' \
    "$grown" 2>/dev/null || true)
  if [[ -z "$deal" ]]; then
    log "  the deal did not reach $GROWTH_EVENTS events: growth check skipped"
    FAILURES+=("growth check: the deal did not reach $GROWTH_EVENTS events (see benchmark/target/logs/gatling-GrowthSimulation-${GROWTH_CLIENTS}-grow.log)")
    return 0
  fi
  log "restarting the application on the same database, so that deal $deal is no longer in memory"
  stop_app
  start_app
  # What the cold load will read: G's latest snapshot (Axon keeps only the latest) and the events after it.
  psql_pg -d timedeal -At -c "SELECT json_build_object(
      'id', $deal,
      'last_sequence', (SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = 'timedeal-$deal'),
      'snapshot_sequence', (SELECT max(sequence_number) FROM snapshot_event_entry WHERE aggregate_identifier = 'timedeal-$deal'),
      'snapshot_bytes', (SELECT length(payload) FROM snapshot_event_entry WHERE aggregate_identifier = 'timedeal-$deal'
                         ORDER BY sequence_number DESC LIMIT 1))" \
    >"$TARGET/growth-deal.json" 2>>"$LOGS/growth-deal.log" || echo "{\"id\": $deal}" >"$TARGET/growth-deal.json"
  log "  deal $deal: $(cat "$TARGET/growth-deal.json")"
  # The restart threw the JIT's work away with the deal. Warm-up at the measured load, long enough for the compilers to
  # settle: after 20 s at 10 clients the grown deal's first run shared the two cores with 47 s of JIT compilations
  # (those over 100 ms) within its 65 s and placed 0.61 to 0.74x the fresh deal's orders, while every later run of the
  # same grown deal placed 0.98 to 1.21x (docs/benchmarks.md, round 12). The grown deal stays cold: the warm-up orders
  # on a deal of its own.
  if [[ "$GROWTH_WARMUP" -gt 0 ]]; then
    log "warm-up after the restart (not reported): a throw-away deal, $GROWTH_CLIENTS clients, ${GROWTH_WARMUP}s"
    gatling GrowthSimulation "$GROWTH_CLIENTS" warmup "$GROWTH_WARMUP"
  fi
  # The grown deal first: its first run is the cold one, and whatever warming-up is left counts against it.
  for run in $(seq 1 "$REPEAT"); do
    gatling GrowthSimulation "$GROWTH_CLIENTS" "grown-$run" "$DURATION" -DtimeDealId="$deal"
    gatling GrowthSimulation "$GROWTH_CLIENTS" "fresh-$run" "$DURATION"
  done
}
if [[ "$GROWTH_EVENTS" -gt 0 ]]; then
  growth_check
fi

# The flash sales follow the growth check's restart: the sale's own paths (a new connection and a new shopper's token
# for every request, the refusals and their failed orders) are cold there, and the first sale after it answered at
# p99 1.24 s against 0.63 s for the second (docs/benchmarks.md, round 42). Every other figure of the run is taken after
# a warm-up at its own load; so is this one: FLASH_WARMUP_SALES sales first, on deals of their own, not reported (the
# first of them also signs the shoppers in).
flash_sale() { # flash_sale <shoppers> <stock> <run>: one burst, its generator started and warmed up as above
  GENERATOR=$FLASH_GENERATOR_JVM_ARGS gatling FlashSaleSimulation "$1" "$3" 0 -Dshoppers="$1" -Dstock="$2" \
    -DgeneratorWarmUp="$FLASH_GENERATOR_WARMUP"
}
flash_sales() { # flash_sales <shoppers> <stock> <warm-up sales>: the warm-up sales (warmup-<n>), then REPEAT measured
  local run
  for run in $(seq 1 "$3"); do
    flash_sale "$1" "$2" "warmup-$run"
  done
  for run in $(seq 1 "$REPEAT"); do
    flash_sale "$1" "$2" "$run"
  done
}
flash_sales "$SHOPPERS" "$STOCK" "$FLASH_WARMUP_SALES"
for run in $(seq 1 "$REPEAT"); do
  gatling MixedShoppingSimulation "$MIXED_CLIENTS" "$run" "$DURATION"
done

# ---------------------------------------------------------------------------------------------------------------
# Step: the big flash sale. BIG_SHOPPERS shoppers within one second on a stock of BIG_STOCK, REPEAT times
# (FlashSaleSimulation-<BIG_SHOPPERS>-<run>.json and its -answers.csv). Signing the shoppers in goes through bcrypt
# (two calls for each new one); the token cache keeps them for the later runs. The register/login/order limits per
# address and Tomcat's connection limits are raised for the run (see the application settings above). Like the
# smaller sale, after BIG_WARMUP_SALES sales of its size, not reported: the smaller sales refuse a tenth as many orders
# on a tenth as many connections, and the compilers still took a fifth of the application's CPU in a first big sale
# (docs/benchmarks.md, round 52).
# ---------------------------------------------------------------------------------------------------------------
if [[ "$BIG_SHOPPERS" -gt 0 ]]; then
  flash_sales "$BIG_SHOPPERS" "$BIG_STOCK" "$BIG_WARMUP_SALES"
fi
# ---- end of step: the big flash sale ----

# ---------------------------------------------------------------------------------------------------------------
# Step: the local cluster (deploy/local-cluster.sh: 2 command and 2 query nodes, haproxy, its own PostgreSQL) with
# the hot deal at 100 clients through the balancer, REPEAT times (HotDealSimulation-100-cluster-<run>.json), to be
# compared with the single node's 100-client median of this run. The single application is stopped first; the
# cluster's nodes get the run's settings through the environment and TIMEDEAL_NODE_JAVA_OPTS (the hold); projection
# lag is scraped from query-1's management port; CPU and memory are summed / taken over the four nodes.
# ---------------------------------------------------------------------------------------------------------------
cluster_check() {
  local url
  log "local cluster: stopping the single application and starting deploy/local-cluster.sh up in $CLUSTER_DIR"
  stop_app
  CLUSTER_STARTED=1
  if ! url=$(TIMEDEAL_CLUSTER_DIR="$CLUSTER_DIR" TIMEDEAL_FRESH=1 \
      TIMEDEAL_NODE_JAVA_OPTS="-Dtimedeal.orders.reservation-hold=$RESERVATION_HOLD ${BENCH_CLUSTER_JAVA_OPTS:-}" \
      deploy/local-cluster.sh up 2>>"$LOGS/cluster.log" | tail -1) || [[ "$url" != http* ]]; then
    log "  the local cluster did not come up (see benchmark/target/logs/cluster.log)"
    FAILURES+=("local cluster: did not come up (see benchmark/target/logs/cluster.log)")
    return 0
  fi
  # shellcheck disable=SC1091
  local pids
  pids=$(cd "$CLUSTER_DIR" && cat command-1.pid command-2.pid query-1.pid query-2.pid 2>/dev/null | paste -sd, -)
  LOAD_BASE_URL="$url" \
    LOAD_METRICS_URL="http://127.0.0.1:$(. "$CLUSTER_DIR/ports.env"; echo "$QUERY_1_MANAGEMENT_PORT")" \
    LOAD_PIDS="$pids" LOAD_TOKEN_CACHE="$TARGET/shopper-tokens-cluster.json" cluster_runs
  log "stopping the local cluster"
  TIMEDEAL_CLUSTER_DIR="$CLUSTER_DIR" deploy/local-cluster.sh down >>"$LOGS/cluster.log" 2>&1 || true
  cp -r "$CLUSTER_DIR/logs" "$LOGS/cluster-nodes" 2>/dev/null || true
  CLUSTER_STARTED=0
}
# Orders a command node appended (timedeal_orders_total counts them in the process that appended them: the node that
# hosts the deal).
node_orders() {
  curl -s "http://127.0.0.1:$1/actuator/prometheus" | awk '/^timedeal_orders_total/ {n += $2} END {print int(n)}'
}
all_hosted() { # all_hosted <management port>...: every one of these command nodes has appended orders
  local p
  for p in "$@"; do [[ $(node_orders "$p") -gt 0 ]] || return 1; done
}
# Four fresh JVMs that share two cores with PostgreSQL, haproxy and the generator compile for minutes, while the single
# node they are compared with has run every step before: after 120 s at 10 clients their JIT compilers still took 0.24
# to 0.34 of a core in the measured runs (docs/benchmarks.md, round 25). And a deal lives on one command node, so a
# warm-up on one deal leaves the other node's aggregate code cold, to be compiled in the measured run whose deal it
# gets. So the warm-up runs at the measured load, one deal a minute, for CLUSTER_WARMUP seconds and then until both
# command nodes have hosted a deal (at most three times as long).
cluster_warmup() {
  local spent=0 slice=$(( CLUSTER_WARMUP < 60 ? CLUSTER_WARMUP : 60 )) n=0 ports
  ports=$(. "$CLUSTER_DIR/ports.env"; echo "$COMMAND_1_MANAGEMENT_PORT $COMMAND_2_MANAGEMENT_PORT")
  log "  warm-up (not reported): hot deal, 100 clients, a new deal every ${slice}s, at least ${CLUSTER_WARMUP}s"
  while (( spent < 3 * CLUSTER_WARMUP )); do
    # shellcheck disable=SC2086
    if (( spent >= CLUSTER_WARMUP )) && all_hosted $ports; then return 0; fi
    n=$((n + 1))
    gatling HotDealSimulation 100 "cluster-$n-warmup" "$slice"
    spent=$((spent + slice))
  done
  # shellcheck disable=SC2086
  all_hosted $ports || log "  after ${spent}s of warm-up one command node has hosted no deal (its code may still be cold)"
}
cluster_runs() {
  log "  cluster at $LOAD_BASE_URL (node pids $LOAD_PIDS)"
  if [[ "$CLUSTER_WARMUP" -gt 0 ]]; then cluster_warmup; fi
  for run in $(seq 1 "$REPEAT"); do
    gatling HotDealSimulation 100 "cluster-$run" "$DURATION"
  done
}
if [[ "$CLUSTER" == "1" ]]; then
  cluster_check
fi
# ---- end of step: the local cluster ----

# ---------------------------------------------------------------------------------------------------------------
# 5. The report
# ---------------------------------------------------------------------------------------------------------------
FINISHED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
{
  echo "## nproc"; nproc
  echo; echo "## free -g"; free -g
  echo; echo "## lscpu | head"; lscpu | head
  echo; echo "## java -version"; java -version 2>&1
  echo; echo "## PostgreSQL"; echo "$PG_VERSION"
  echo; echo "## PostgreSQL settings"; cat "$TARGET/run-info/pg-settings.txt"
  echo; echo "## uname -a"; uname -a
} >"$TARGET/run-info/machine.txt" 2>&1
printf '%s\n' "${FAILURES[@]+"${FAILURES[@]}"}" >"$TARGET/run-info/failures.txt"
grep -cE '(^|[ \[])ERROR' "$LOGS/app.log" >"$TARGET/run-info/app-errors.txt" 2>/dev/null || echo 0 >"$TARGET/run-info/app-errors.txt"
grep -E '(^|[ \[])(ERROR|WARN)' "$LOGS/app.log" | sed -E 's/^[0-9TZ:.+ -]+//' | cut -c1-220 | sort | uniq -c | sort -rn | head -15 \
  >"$TARGET/run-info/app-log-top.txt" 2>/dev/null || true

mkdir -p "$OUT"
# ---- step: plots (PNG, next to report.md; report.py links those that exist) ----
rm -rf "$OUT/plots"
if [[ "$PLOTS" == "1" ]]; then
  "$PLOT_PYTHON" benchmark/plots.py --results "$RESULTS" --yardstick "$YARD_OUT" --out "$OUT/plots" --clients "$CLIENTS" \
    --repeat "$REPEAT" --flash "$SHOPPERS" --flash "$BIG_SHOPPERS" >>"$LOGS/plots.log" 2>&1 \
    || { log "plots FAILED (see benchmark/target/logs/plots.log)"; FAILURES+=("plots: see benchmark/target/logs/plots.log"); \
         printf '%s\n' "${FAILURES[@]}" >"$TARGET/run-info/failures.txt"; }
fi
# ---- end of step: plots ----
python3 benchmark/report.py \
  --results "$RESULTS" --yardstick "$YARD_OUT" --info "$TARGET/run-info" --out "$OUT/report.md" \
  --clients "$CLIENTS" --repeat "$REPEAT" --duration "$DURATION" --yardstick-duration "$YARD_DURATION" \
  --shoppers "$SHOPPERS" --stock "$STOCK" --mixed-clients "$MIXED_CLIENTS" --warmup "$WARMUP" \
  --warmup-spent "$WARMUP_SPENT" --warmup-jit="$WARMUP_JIT" --warmup-jit-cores "$WARMUP_JIT_CORES" \
  --warmup-larger "$WARMUP_LARGER" --warmup-larger-jit="$WARMUP_LARGER_JIT" \
  --quick "$QUICK" --pool "$POOL_SIZE" --hold "$RESERVATION_HOLD" --java-opts="${JAVA_OPTS:-}" --malloc-arenas="$MALLOC_ARENAS" --command="$COMMAND_LINE" \
  --started "$STARTED_AT" --finished "$FINISHED_AT" \
  --growth-events "$GROWTH_EVENTS" --growth-clients "$GROWTH_CLIENTS" --growth-warmup "$GROWTH_WARMUP" --cluster-warmup "$CLUSTER_WARMUP" \
  --growth-deal "$TARGET/growth-deal.json" \
  --big-shoppers "$BIG_SHOPPERS" --big-stock "$BIG_STOCK" --cluster "$CLUSTER" --app-settings="$APP_SETTINGS" \
  --flash-generator-jvm-args="$FLASH_GENERATOR_JVM_ARGS" --flash-generator-warmup="$FLASH_GENERATOR_WARMUP" \
  --flash-warmup-sales="$FLASH_WARMUP_SALES" --big-warmup-sales="$BIG_WARMUP_SALES" \
  --generator-jvm-args="$GENERATOR_JVM_ARGS"

# Gatling's HTML reports stay in benchmark/target/gatling (not copied: the results folder keeps the report, its raw
# figures and the plots). Raw figures: every summary, the flash sales' answer timelines, pgbench's output.
rm -rf "$OUT/gatling" "$OUT/raw" && mkdir -p "$OUT/raw"
for f in "$RESULTS"/*.json "$RESULTS"/*.csv "$YARD_OUT"/*.out "$YARD_OUT"/*.cpu.json "$TARGET/growth-deal.json"; do
  if [[ -f "$f" && "$f" != *-warmup.json ]]; then cp "$f" "$OUT/raw/"; fi
done
gzip -9 -f "$OUT"/raw/*.csv 2>/dev/null || true

log "report: $OUT/report.md"
if [[ ${#FAILURES[@]} -gt 0 ]]; then
  log "${#FAILURES[@]} step(s) failed:"; printf '  %s\n' "${FAILURES[@]}" >&2
  exit 2
fi
