#!/usr/bin/env bash
# The cluster test (run by .ci/run after the build): starts a fresh local cluster (deploy/local-cluster.sh) with a
# short reservation hold, runs deploy/cluster-test.py through its balancer, and always stops the cluster again.
# Needs deploy/target/timedeal.jar (built by ./mvnw verify or package).
set -euo pipefail
cd "$(dirname "$0")/.."
export TIMEDEAL_CLUSTER_DIR=${TIMEDEAL_CLUSTER_DIR:-$PWD/deploy/target/cluster-test}
export TIMEDEAL_NODE_JAVA_OPTS="${TIMEDEAL_NODE_JAVA_OPTS:-} -Dtimedeal.orders.reservation-hold=${CLUSTER_TEST_HOLD_SECONDS:-20}s"
trap 'deploy/local-cluster.sh down || true' EXIT
base=$(TIMEDEAL_FRESH=1 deploy/local-cluster.sh up | tail -n 1)
timeout 900 python3 deploy/cluster-test.py "$base"
