# Sourced by run.sh and profile.sh: the rate-limit settings (and the live streams' per-address share) every benchmark
# run starts the application with (each unless the caller set it), and their names in RATE_LIMIT_SETTINGS.
# The big flash sale signs in thousands of shoppers from this one address (the per-address register and login limits
# are 1200 a minute) and sends as many orders within one second (the per-address order limit is 5000 a second): those
# three limits are raised. The hot deal's clients are one account each, and at 10 clients a fast machine sends over
# 100 orders a second from each (the per-account limit): it is raised to 1000, and the share a node spends before
# writing a bucket back lowered to 0.01, so that an account's bucket is still written back every 10 orders, as with the
# defaults (a bucket's write is part of an order's cost; docs/benchmarks.md, round 43).
: "${TIMEDEAL_RATE_LIMITS_REGISTER_PER_ADDRESS_CAPACITY:=100000}"
: "${TIMEDEAL_RATE_LIMITS_LOGIN_PER_ADDRESS_CAPACITY:=100000}"
: "${TIMEDEAL_RATE_LIMITS_ORDERS_PER_ADDRESS_CAPACITY:=50000}"
: "${TIMEDEAL_RATE_LIMITS_ORDERS_PER_ACCOUNT_CAPACITY:=1000}"
: "${TIMEDEAL_RATE_LIMITS_UNSYNCHRONIZED_SHARE:=0.01}"
# The live-stock step holds 1000 streams open from this one address (an address may hold 100 of a node's streams).
: "${TIMEDEAL_LIVE_MAX_SUBSCRIBERS_PER_ADDRESS:=2000}"
# shellcheck disable=SC2034
RATE_LIMIT_SETTINGS=(TIMEDEAL_RATE_LIMITS_REGISTER_PER_ADDRESS_CAPACITY TIMEDEAL_RATE_LIMITS_LOGIN_PER_ADDRESS_CAPACITY
  TIMEDEAL_RATE_LIMITS_ORDERS_PER_ADDRESS_CAPACITY TIMEDEAL_RATE_LIMITS_ORDERS_PER_ACCOUNT_CAPACITY
  TIMEDEAL_RATE_LIMITS_UNSYNCHRONIZED_SHARE TIMEDEAL_LIVE_MAX_SUBSCRIBERS_PER_ADDRESS)
