#!/usr/bin/env bash
# One hot-deal measurement for tuning, with what explains it (see docs/benchmarks.md, "Tuning"):
#   benchmark/profile.sh                                   # 100 clients, 40 s after a 15 s warm-up at 10 clients
#   JFR=1 benchmark/profile.sh                             # plus a Flight Recorder profile of the measured run
#   ASPROF=1 benchmark/profile.sh                          # plus an async-profiler CPU profile of it (every thread,
#                                                          #   native and kernel frames too): profile.collapsed
#   JAVA_OPTS="-XX:+UseG1GC" APP_ENV="TIMEDEAL_DB_POOL_SIZE=20" benchmark/profile.sh   # compare a setting
#   SCENARIO=flash benchmark/profile.sh                    # flash sales instead: see below
#
# A fresh PostgreSQL 15 (port 55432, pg_stat_statements loaded), the application built from this checkout, the
# HotDealSimulation once. Prints the run's summary (orders/s, latencies, errors, CPU split) and writes to $OUT
# (default benchmark/target/profile): the summary JSON and the run's figures per order (per-order.json), the
# statements PostgreSQL ran during the measured run (pgss.txt: calls, total and mean ms; printed per order: statements
# and transactions), the application log and, with JFR=1, hot.jfr and its per-thread breakdown; with ASPROF=1,
# profile.collapsed (one line a stack, its samples last; ASPROF_EVENT, default cpu, ASPROF_INTERVAL, default 1ms) and
# its summary by library and by method (benchmark/profile_summary.py).
# Quicker and rougher than run.sh (one run, no yardstick): good for before/after of one change, not for the report.
# Overrides: CLIENTS=100, DURATION=40, WARMUP=15, JAVA_OPTS (default -XX:+UseParallelGC -Xms64m -Xmx512m -XX:MaxNewSize=96m, as run.sh), APP_ENV="NAME=value ...",
# SKIP_BUILD=1 (use the jar and harness already built), APP_JAR (another build of the application, for a before/after),
# BENCH_GENERATOR_JVM_ARGS (the hot deal's load generator, as run.sh starts it).
# Every scenario starts the application with the rate limits run.sh raises (benchmark/rate-limits.sh).
# SCENARIO=flash: the shoppers all come from this one address;
# after the warm-up, the shoppers signed in by a first sale (not measured), then SALES (4) rounds of
# each simulation in SIMULATIONS (default "FlashSaleSimulation RequestShellSimulation", alternated within a round) with
# SHOPPERS (1000) on STOCK (100), the load generator started as run.sh starts it for the flash sales
# (BENCH_FLASH_GENERATOR_JVM_ARGS) and warmed up as run.sh does (GENERATOR_WARMUPS=1000 requests to a stand-in of its
# own; a list such as "0 1000" alternates the settings within each round, the runs named <round>-w<requests>); prints
# each sale's p50, p99, first request to last answer and CPU split, and the medians of each simulation and warm-up;
# the summaries and answer timelines stay in $OUT/results, the statements PostgreSQL ran in the measured sales in
# $OUT/pgss.txt.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=55432
APP_PORT=8080
OUT=${OUT:-$ROOT/benchmark/target/profile}
CLIENTS=${CLIENTS:-100}
DURATION=${DURATION:-40}
WARMUP=${WARMUP:-15}
JAVA_OPTS=${JAVA_OPTS:--XX:+UseParallelGC -Xms64m -Xmx512m -XX:MaxNewSize=96m}
APP_JAR=${APP_JAR:-deploy/target/app/timedeal.jar}   # with its class-data archive (timedeal.jsa) when one is beside it

as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_pg() { psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U postgres "$@"; }

if curl -s -o /dev/null "http://localhost:$APP_PORT" 2>/dev/null; then echo "something answers on $APP_PORT" >&2; exit 1; fi
if (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then echo "port $PG_PORT is in use" >&2; exit 1; fi
rm -rf "$OUT" && mkdir -p "$OUT"

WORK=$(mktemp -d /tmp/timedeal-profile.XXXXXX)
if [[ $(id -u) -eq 0 ]]; then chown postgres: "$WORK"; fi
chmod 700 "$WORK"
APP_PID=""
cleanup() {
  if [[ -n "$APP_PID" ]]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# async-profiler, loaded into the running application through jcmd (its library is on Maven Central, not the JDK).
ASPROF_LIB="$WORK/linux-x64/libasyncProfiler.so"
# jcmd reads name=value pairs out of its arguments, so the profiler's options go in quotes of their own.
asprof() { jcmd "$APP_PID" JVMTI.agent_load "$ASPROF_LIB" "\"$1\"" | grep 'return code: 0' >/dev/null || { echo "async-profiler: $1 failed" >&2; exit 1; }; }
# The measured runs' profiles: Flight Recorder's (JFR=1) as <name>.jfr, async-profiler's (ASPROF=1), each summarised.
profiling() { # profiling start|stop <name>
  if [[ "${JFR:-0}" == "1" && "$1" == start ]]; then
    jcmd "$APP_PID" JFR.start name="$2" settings="${JFR_SETTINGS:-profile}" >/dev/null
  elif [[ "${JFR:-0}" == "1" ]]; then
    jcmd "$APP_PID" JFR.dump name="$2" filename="$OUT/$2.jfr" >/dev/null
    python3 benchmark/jfr_summary.py "$OUT/$2.jfr" >"$OUT/jfr-summary.txt"
  fi
  if [[ "${ASPROF:-0}" != "1" ]]; then return 0; fi
  if [[ ! -f "$ASPROF_LIB" ]]; then
    ./mvnw -q -N dependency:copy -Dartifact=tools.profiler:async-profiler:4.1 -DoutputDirectory="$WORK" >/dev/null
    (cd "$WORK" && python3 -m zipfile -e async-profiler-4.1.jar .)
  fi
  if [[ "$1" == start ]]; then
    asprof "start,event=${ASPROF_EVENT:-cpu},interval=${ASPROF_INTERVAL:-1ms},threads"
  else
    # an allocation or lock profile counts bytes or nanoseconds (total), a CPU profile samples
    asprof "stop,collapsed$([[ "${ASPROF_EVENT:-cpu}" =~ ^(alloc|lock)$ ]] && echo ,total),file=$OUT/profile.collapsed"
    python3 benchmark/profile_summary.py "$OUT/profile.collapsed" >"$OUT/profile-summary.txt"
  fi
}

as_pg "$PG_BIN/initdb" -D "$WORK/pgdata" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
cat >>"$WORK/pgdata/postgresql.conf" <<EOF
listen_addresses = 'localhost'
port = $PG_PORT
unix_socket_directories = '$WORK'
max_connections = 800
shared_buffers = 2GB
effective_cache_size = 8GB
max_wal_size = 8GB
checkpoint_timeout = 15min
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
EOF
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/postgres.log" -w start >/dev/null
psql_pg -d postgres -c "CREATE DATABASE timedeal"
psql_pg -d timedeal -c "CREATE EXTENSION pg_stat_statements"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  ./mvnw -q -DskipTests package >"$OUT/build.log" 2>&1
  ./mvnw -q -f benchmark/pom.xml test-compile >>"$OUT/build.log" 2>&1
fi
# The rate limits run.sh raises, as it raises them (benchmark/rate-limits.sh).
source "$ROOT/benchmark/rate-limits.sh"
LIMITS=""
for setting in "${RATE_LIMIT_SETTINGS[@]}"; do LIMITS+=" $setting=${!setting}"; done
# shellcheck disable=SC2086
env $LIMITS DATABASE_URL="postgres://postgres@localhost:${PG_PORT}/timedeal" \
    TIMEDEAL_SECURITY_JWT_SECRET="$(python3 -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(48)).decode())')" \
    TIMEDEAL_DEMO_DATA_ENABLED=true TIMEDEAL_ORDERS_RESERVATION_HOLD=2h PORT="$APP_PORT" MALLOC_ARENA_MAX=2 ${APP_ENV:-} \
    java $( [[ -f "${APP_JAR%.jar}.jsa" ]] && echo "-XX:SharedArchiveFile=${APP_JAR%.jar}.jsa" ) $JAVA_OPTS -jar "$APP_JAR" >"$OUT/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do curl -sf "http://localhost:$APP_PORT/api/v1/health" >/dev/null && break; sleep 1; done
sleep 3   # the demo admin is created right after the first healthy answer

# The load generators started as run.sh starts them (the same names and defaults).
GENERATOR_JVM_ARGS=${BENCH_GENERATOR_JVM_ARGS--XX:TieredStopAtLevel=1}
hot_deal() { # hot_deal <clients> <seconds> <run name>
  ./mvnw -o -q -f benchmark/pom.xml gatling:test \
    -Dgatling.simulationClass=com.bbossiregi.timedeal.benchmark.HotDealSimulation \
    -DbaseUrl="http://localhost:$APP_PORT" -Dclients="$1" -Dduration="$2" -Drun="$3" \
    -DresultsDir="$OUT/results" -DtokenCache="$OUT/shopper-tokens.json" \
    -DcpuSampler="$ROOT/benchmark/cpu_sample.py" -DappPid="$APP_PID" \
    ${GENERATOR_JVM_ARGS:+"-Dgatling.jvmArgs=$GENERATOR_JVM_ARGS"} >"$OUT/gatling-$3.log" 2>&1
}
# The statements PostgreSQL ran since the last reset, most called first.
statements_run() {
  psql_pg -d timedeal -c "SELECT calls, round(total_exec_time::numeric, 0) AS total_ms,
      round(mean_exec_time::numeric, 3) AS mean_ms, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 140) AS query
    FROM pg_stat_statements ORDER BY calls DESC LIMIT 40" >"$OUT/pgss.txt"
}
hot_deal 10 "$WARMUP" warmup
psql_pg -d timedeal -c "SELECT pg_stat_statements_reset()" >/dev/null
if [[ "${SCENARIO:-hot}" == "flash" ]]; then
  SHOPPERS=${SHOPPERS:-1000}
  FLASH_GENERATOR_JVM_ARGS=${BENCH_FLASH_GENERATOR_JVM_ARGS--Xms1g,-XX:TieredStopAtLevel=1}
  GENERATOR_WARMUPS=${GENERATOR_WARMUPS:-1000}
  sale() { # sale <simulation> <run name> <the generator's warm-up requests>
    ./mvnw -o -q -f benchmark/pom.xml gatling:test -Dgatling.simulationClass="com.bbossiregi.timedeal.benchmark.$1" \
      -DbaseUrl="http://localhost:$APP_PORT" -Dclients="$SHOPPERS" -Dduration=0 -Drun="$2" \
      -Dshoppers="$SHOPPERS" -Dstock="${STOCK:-100}" -DresultsDir="$OUT/results" -DtokenCache="$OUT/shopper-tokens.json" \
      -DcpuSampler="$ROOT/benchmark/cpu_sample.py" -DappPid="$APP_PID" \
      -DgeneratorWarmUp="$3" ${FLASH_GENERATOR_JVM_ARGS:+"-Dgatling.jvmArgs=$FLASH_GENERATOR_JVM_ARGS"} >"$OUT/gatling-$1-$2.log" 2>&1
  }
  sale FlashSaleSimulation signin "${GENERATOR_WARMUPS%% *}"   # signs the shoppers in (bcrypt), so the measured sales only order
  psql_pg -d timedeal -c "SELECT pg_stat_statements_reset()" >/dev/null
  profiling start flash
  for round in $(seq 1 "${SALES:-4}"); do
    for simulation in ${SIMULATIONS:-FlashSaleSimulation RequestShellSimulation}; do
      for warmup in $GENERATOR_WARMUPS; do
        if [[ "$GENERATOR_WARMUPS" == *" "* ]]; then sale "$simulation" "$round-w$warmup" "$warmup"; else sale "$simulation" "$round" "$warmup"; fi
      done
    done
  done
  profiling stop flash
  statements_run
  python3 - "$OUT/results" "$SHOPPERS" <<'PY'
import glob, json, os, statistics, sys
runs = {}
for path in sorted(glob.glob(os.path.join(sys.argv[1], f"*-{sys.argv[2]}-*.json"))):
    s = json.load(open(path))
    if s.get("run") == "signin":
        continue
    l, cpu = s["latency_ms"], s.get("cpu") or {}
    runs.setdefault(f"{s['simulation']} (generator warm-up {s.get('generator_warm_up_requests', 0)})", []).append(s)
    print(f"{s['simulation']} {s['run']}: exact {s.get('exact')}, p50 {l['p50']} ms, p99 {l['p99']} ms, first request to last "
          f"answer {s.get('time_to_last_answer_ms')} ms, cores: application {cpu.get('app_cores')}, PostgreSQL "
          f"{cpu.get('postgres_cores')}, the rest {cpu.get('other_cores')}")
for simulation, sales in runs.items():
    median = lambda f: statistics.median(f(s) for s in sales)
    print(f"{simulation}, medians of {len(sales)}: p50 {median(lambda s: s['latency_ms']['p50'])} ms, p99 "
          f"{median(lambda s: s['latency_ms']['p99'])} ms, last answer {median(lambda s: s['time_to_last_answer_ms'])} ms")
PY
  echo "details in $OUT"
  exit 0
fi
profiling start hot
hot_deal "$CLIENTS" "$DURATION" measured
profiling stop hot
statements_run
# Statements the server ran, and transactions (BEGIN: the application's run with auto-commit off), for the run.
psql_pg -d timedeal -At -F ' ' -c "SELECT sum(calls), coalesce(sum(calls) FILTER (WHERE query ILIKE 'BEGIN%'), 0)
  FROM pg_stat_statements" >"$OUT/db-work.txt"
python3 - "$OUT/results/HotDealSimulation-$CLIENTS-measured.json" "$OUT/db-work.txt" "$OUT/per-order.json" "$CLIENTS" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
statements, transactions = (int(n) for n in open(sys.argv[2]).read().split())
cpu = s.get("cpu") or {}
print(json.dumps({k: s.get(k) for k in ("orders_per_s", "orders", "errors", "latency_ms", "projection_lag_ms")} | {"cpu": cpu}))
# The run's figures per order (benchmark/compare.sh reads them).
per_order = {"orders_per_s": s.get("orders_per_s"), "p99_ms": s["latency_ms"]["p99"], "errors": s["errors"],
             "clients": int(sys.argv[4]), "busy_cores": cpu.get("machine_busy_cores"), "jit_cores": cpu.get("app_jit_cores")}
if cpu and s.get("orders_per_s"):
    ops = s["orders_per_s"]
    per_order |= {"app_cpu_ms": cpu["app_cores"] / ops * 1000, "postgres_cpu_ms": cpu["postgres_cores"] / ops * 1000}
    print(f"CPU per order: application {per_order['app_cpu_ms']:.2f} ms, PostgreSQL {per_order['postgres_cpu_ms']:.2f} ms")
if s.get("orders"):
    per_order |= {"statements": statements / s["orders"], "transactions": transactions / s["orders"]}
    print(f"Database work per order: {per_order['statements']:.1f} statements, {per_order['transactions']:.2f} transactions")
json.dump(per_order, open(sys.argv[3], "w"))
PY
echo "details in $OUT"
