#!/usr/bin/env bash
# A local cluster on loopback, from plain processes: one PostgreSQL, 2 command nodes and 2 query nodes (the same jar,
# TIMEDEAL_ROLE=command|query, TIMEDEAL_CLUSTER_ENABLED=true) and haproxy in front as the one entry point.
#
#   deploy/local-cluster.sh up            start everything (builds nothing: needs deploy/target/timedeal.jar);
#                                         the last line printed is the balancer's base URL
#   deploy/local-cluster.sh down          stop everything and keep the state directory
#   deploy/local-cluster.sh kill NODE     kill -9 one node (command-1, command-2, query-1, query-2)
#   deploy/local-cluster.sh start NODE    start a node again and wait until it is ready
#   deploy/local-cluster.sh status        what runs, and the base URL
#
# Settings (environment): TIMEDEAL_CLUSTER_DIR (state, default ./data/local-cluster), TIMEDEAL_JAR,
# TIMEDEAL_PG_BIN (PostgreSQL binaries, default /usr/lib/postgresql/15/bin), TIMEDEAL_NODE_JAVA_OPTS (extra JVM or
# --spring options for every node, e.g. -Dtimedeal.orders.reservation-hold=20s), TIMEDEAL_FRESH=1 (up: delete the
# previous state first). Ports are free ones picked at `up` and kept in $TIMEDEAL_CLUSTER_DIR/ports.env.
# What it lacks (postgresql-15, haproxy) it installs from Debian's packages when run as root.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${TIMEDEAL_CLUSTER_DIR:-$ROOT/data/local-cluster}
JAR=${TIMEDEAL_JAR:-$ROOT/deploy/target/timedeal.jar}
PG_BIN=${TIMEDEAL_PG_BIN:-/usr/lib/postgresql/15/bin}
NODES=(command-1 command-2 query-1 query-2)
READY_TIMEOUT=${TIMEDEAL_READY_TIMEOUT:-240}

log() { echo "local-cluster: $*" >&2; }
die() { log "$*"; exit 1; }

ensure_packages() {
    local missing=()
    [[ -x "$PG_BIN/postgres" ]] || missing+=(postgresql-15)
    command -v haproxy >/dev/null || missing+=(haproxy)
    command -v python3 >/dev/null || missing+=(python3)
    command -v curl >/dev/null || missing+=(curl)
    if ((${#missing[@]})); then
        [[ $(id -u) -eq 0 ]] || die "missing ${missing[*]}: install them (apt-get install ${missing[*]})"
        log "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
    fi
    [[ -f "$JAR" ]] || die "$JAR is missing: build it with ./mvnw -q -DskipTests package"
}

# PostgreSQL refuses to run as root: as root it runs as the postgres user (created by Debian's package).
as_pg() {
    if [[ $(id -u) -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

allocate_ports() {
    [[ -f "$DIR/ports.env" ]] && return
    local ports
    read -ra ports <<<"$("$ROOT/deploy/free-ports" $((2 + 3 * ${#NODES[@]})))"
    {
        echo "PG_PORT=${ports[0]}"
        echo "LB_PORT=${ports[1]}"
        local i=2
        for node in "${NODES[@]}"; do
            local key=${node//-/_}
            echo "${key^^}_PORT=${ports[i]}"
            echo "${key^^}_MANAGEMENT_PORT=${ports[i + 1]}"
            echo "${key^^}_CLUSTER_PORT=${ports[i + 2]}"
            i=$((i + 3))
        done
        echo "JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
    } >"$DIR/ports.env"
}

load_ports() {
    [[ -f "$DIR/ports.env" ]] || die "no cluster state in $DIR: run up first"
    # shellcheck disable=SC1091
    source "$DIR/ports.env"
}

node_port() { local key=${1//-/_}; local var="${key^^}_PORT"; echo "${!var}"; }
node_var() { local key=${1//-/_}; local var="${key^^}_$2"; echo "${!var}"; }

pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_postgres() {
    local data="$DIR/postgres"
    if [[ ! -f "$data/PG_VERSION" ]]; then
        mkdir -p "$data"
        [[ $(id -u) -eq 0 ]] && chown postgres "$data" && chmod 700 "$data"
        as_pg "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >"$DIR/logs/postgres-init.log" 2>&1
    fi
    mkdir -p "$DIR/pg-socket"
    [[ $(id -u) -eq 0 ]] && chown postgres "$DIR/pg-socket" "$DIR/logs"
    if ! as_pg "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        as_pg "$PG_BIN/pg_ctl" -D "$data" -w -t 60 -l "$DIR/logs/postgres.log" \
            -o "-p $PG_PORT -k $DIR/pg-socket -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
    fi
    as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname='timedeal'" | grep -q 1 ||
        as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE timedeal" >/dev/null
}

start_node() {
    local node=$1 role=${1%-*}
    local pidfile="$DIR/$node.pid"
    if pid_alive "$pidfile"; then
        log "$node already runs"
        return
    fi
    log "starting $node ($role)"
    # Each node a process group of its own, so down and kill reach exactly it.
    # shellcheck disable=SC2086
    env TIMEDEAL_ROLE="$role" \
        TIMEDEAL_CLUSTER_ENABLED=true \
        TIMEDEAL_CLUSTER_BIND_ADDRESS=127.0.0.1 \
        TIMEDEAL_CLUSTER_PORT="$(node_var "$node" CLUSTER_PORT)" \
        TIMEDEAL_PROCESSORS_SEGMENTS=2 \
        PORT="$(node_port "$node")" \
        MANAGEMENT_SERVER_PORT="$(node_var "$node" MANAGEMENT_PORT)" \
        DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/timedeal" \
        TIMEDEAL_SECURITY_JWT_SECRET="$JWT_SECRET" \
        TIMEDEAL_DEMO_DATA_ENABLED="$([[ $role == command ]] && echo true || echo false)" \
        TIMEDEAL_DB_POOL_SIZE=10 \
        SERVER_FORWARD_HEADERS_STRATEGY=native \
        setsid java -Xmx384m -XX:+UseParallelGC ${TIMEDEAL_NODE_JAVA_OPTS:-} \
        -jar "$JAR" >>"$DIR/logs/$node.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
}

wait_ready() {
    local node=$1 port deadline
    port=$(node_port "$node")
    deadline=$((SECONDS + READY_TIMEOUT))
    until curl -fs -o /dev/null "http://127.0.0.1:$port/api/v1/health"; do
        pid_alive "$DIR/$node.pid" || die "$node exited; see $DIR/logs/$node.log"
        ((SECONDS < deadline)) || die "$node not ready after ${READY_TIMEOUT}s; see $DIR/logs/$node.log"
        sleep 1
    done
    log "$node ready on port $port"
}

write_haproxy_config() {
    cat >"$DIR/haproxy.cfg" <<EOF
global
    maxconn 4000
    log stderr format short local0 notice

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A request that could not be sent to a node (refused: the node is down) goes to another node; a request a node
    # received is never sent twice.
    retries 3
    option redispatch
    default-server inter 1s fall 2 rise 2 check
    # The client's address for the nodes' per-address rate limits (SERVER_FORWARD_HEADERS_STRATEGY=native): the one
    # haproxy saw, never one the client wrote (each backend drops the header first).
    option forwardfor

frontend api
    bind 127.0.0.1:$LB_PORT
    acl reading method GET HEAD
    acl query_admin path_beg /api/v1/admin/projections /api/v1/admin/events /api/v1/admin/audit/
    acl deal_events path_reg ^/api/v1/admin/timedeals/[^/]+/events\$
    acl order_list path_reg ^/api/v1/admin/orders/?\$
    acl product_reads path_beg /api/v1/admin/products
    acl auth path_beg /api/v1/auth/
    acl admin path_beg /api/v1/admin/
    acl api path_beg /api/v1/
    use_backend query if query_admin
    use_backend query if deal_events
    use_backend query if reading order_list
    use_backend query if reading product_reads
    use_backend command if auth
    use_backend command if admin
    use_backend command if api !reading
    default_backend query

backend command
    http-request del-header X-Forwarded-For
    balance roundrobin
    option httpchk GET /api/v1/health
    http-check expect status 200
    server command-1 127.0.0.1:$(node_port command-1)
    server command-2 127.0.0.1:$(node_port command-2)

backend query
    http-request del-header X-Forwarded-For
    balance roundrobin
    option httpchk GET /api/v1/health
    http-check expect status 200
    server query-1 127.0.0.1:$(node_port query-1)
    server query-2 127.0.0.1:$(node_port query-2)
EOF
}

start_haproxy() {
    pid_alive "$DIR/haproxy.pid" && return
    write_haproxy_config
    haproxy -c -q -f "$DIR/haproxy.cfg" || die "haproxy configuration is invalid"
    haproxy -D -f "$DIR/haproxy.cfg" -p "$DIR/haproxy.pid" 2>>"$DIR/logs/haproxy.log"
}

wait_balanced() {
    local deadline=$((SECONDS + 60))
    until curl -fs -o /dev/null "http://127.0.0.1:$LB_PORT/api/v1/timedeals/1"; do
        ((SECONDS < deadline)) || die "the balancer does not answer on port $LB_PORT"
        sleep 1
    done
}

stop_pid() {
    local pidfile=$1 signal=${2:-TERM}
    pid_alive "$pidfile" || { rm -f "$pidfile"; return 0; }
    local pid
    pid=$(cat "$pidfile")
    kill "-$signal" "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pidfile"
}

known_node() {
    local node
    for node in "${NODES[@]}"; do [[ $node == "$1" ]] && return 0; done
    die "unknown node '$1' (one of ${NODES[*]})"
}

cmd_up() {
    [[ ${TIMEDEAL_FRESH:-0} == 1 ]] && { cmd_down || true; rm -rf "$DIR"; }
    ensure_packages
    mkdir -p "$DIR/logs"
    allocate_ports
    load_ports
    start_postgres
    # Staggered: two cores. The first command node creates the demo data (once per database) before the others start.
    for node in "${NODES[@]}"; do
        start_node "$node"
        wait_ready "$node"
    done
    start_haproxy
    wait_balanced
    echo "http://127.0.0.1:$LB_PORT"
}

cmd_down() {
    [[ -f "$DIR/ports.env" ]] || return 0
    load_ports
    local node
    for node in "${NODES[@]}"; do stop_pid "$DIR/$node.pid" TERM & done
    wait
    stop_pid "$DIR/haproxy.pid" TERM
    if [[ -f "$DIR/postgres/PG_VERSION" ]]; then
        as_pg "$PG_BIN/pg_ctl" -D "$DIR/postgres" -m fast -w stop >/dev/null 2>&1 || true
    fi
    log "stopped"
}

cmd_kill() {
    known_node "$1"
    load_ports
    pid_alive "$DIR/$1.pid" || die "$1 does not run"
    kill -KILL "$(cat "$DIR/$1.pid")"
    rm -f "$DIR/$1.pid"
    log "$1 killed"
}

cmd_start() {
    known_node "$1"
    load_ports
    start_node "$1"
    wait_ready "$1"
}

cmd_status() {
    load_ports
    local node state
    for node in "${NODES[@]}"; do
        state=down
        pid_alive "$DIR/$node.pid" && state="running (pid $(cat "$DIR/$node.pid"))"
        curl -fs -o /dev/null "http://127.0.0.1:$(node_port "$node")/api/v1/health" && state="$state, ready"
        echo "$node: $state, port $(node_port "$node")"
    done
    pid_alive "$DIR/haproxy.pid" && echo "haproxy: running, port $LB_PORT" || echo "haproxy: down"
    echo "http://127.0.0.1:$LB_PORT"
}

case "${1:-}" in
up) cmd_up ;;
down) cmd_down ;;
kill) cmd_kill "${2:?NODE}" ;;
start) cmd_start "${2:?NODE}" ;;
status) cmd_status ;;
*) die "usage: $0 up|down|kill NODE|start NODE|status" ;;
esac
