#!/usr/bin/env python3
"""The cluster test: the promises of the single node, kept by the local cluster (deploy/local-cluster.sh) through its
balancer. Run by deploy/cluster-test.sh, which starts and stops the cluster; the base URL is the first argument.

1. The flash sale: 1000 orders within one second on a deal of 100: exactly 100 answered 201 and 900 answered 409.
2. The same sale while a command node and a query node are killed (kill -9): every 201 is an order that exists and
   holds stock, reserved + sold never exceeds the stock, no order stays pending, no hold outlives its deadline, the
   stock audit finds no discrepancy, and both nodes rejoin and take work again.
3. Holds that run out while a command node is dead are expired, once each.
4. A business error raised on whichever node owns the aggregate reaches the client with its contract code.
"""
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

BASE = sys.argv[1].rstrip("/") + "/api/v1"
SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "local-cluster.sh")
HOLD_SECONDS = int(os.environ.get("CLUSTER_TEST_HOLD_SECONDS", "20"))
STOCK = 100
ORDERS = 1000
# Shoppers take turns: the contract has no limit per shopper, and each registration costs a password hash.
SHOPPERS = 100
failures = []


def call(method, path, body=None, token=None, timeout=60):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw)
        except ValueError:
            return error.code, {"raw": raw.decode(errors="replace")}
    except (urllib.error.URLError, ConnectionError, TimeoutError, http.client.HTTPException) as error:
        # No answer: refused, reset, timed out, or cut off mid-body by a node killed while it answered
        # (IncompleteRead). A cut-off answer is no answer for the client, like a reset before its first byte.
        return 0, {"raw": str(error)}


STARTED = time.time()


def check(condition, message):
    print(f"{time.time() - STARTED:6.1f}s " + ("ok    " if condition else "FAIL  ") + message, flush=True)
    if not condition:
        failures.append(message)


def eventually(within, probe, message):
    deadline = time.time() + within
    while True:
        value = probe()
        if value or time.time() > deadline:
            check(bool(value), message)
            return value
        time.sleep(1)


def quietly(within, probe):
    deadline = time.time() + within
    while not probe():
        if time.time() > deadline:
            return False
        time.sleep(0.5)
    return True


def login(email, password):
    status, body = call("POST", "/auth/login", {"email": email, "password": password})
    assert status == 200, (status, body)
    return body["data"]["access_token"]


def register_shoppers(count):
    run = uuid.uuid4().hex[:8]

    def one(i):
        email = f"shopper-{run}-{i}@example.com"
        status, body = call("POST", "/auth/register", {"email": email, "password": "password123", "name": f"S{i}"})
        assert status == 201, (status, body)
        return login(email, "password123")

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(one, range(count)))


def iso(instant):
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def new_deal(admin, stock, starts_in=4):
    status, body = call("POST", "/admin/products", {"name": "Cluster test treats", "price": 10000, "category": "food"},
                        admin)
    assert status == 201, (status, body)
    start = datetime.now(timezone.utc) + timedelta(seconds=starts_in)
    status, body = call("POST", "/admin/timedeals", {
        "product_id": body["data"]["id"], "deal_price": 5000, "stock_quantity": stock,
        "start_at": iso(start), "end_at": iso(start + timedelta(hours=1))}, admin)
    assert status == 201, (status, body)
    deal = body["data"]["id"]
    eventually(30, lambda: call("GET", f"/timedeals/{deal}")[1].get("data", {}).get("status") == "active",
               f"deal {deal} is active")
    return deal


def sale(deal, tokens, during=None):
    """ORDERS orders within one second, from the shoppers in turn; `during` runs a third of a second in."""
    results = [None] * ORDERS
    start = threading.Barrier(ORDERS + 1)

    def order(i):
        start.wait()
        time.sleep(i / ORDERS)
        status, body = call("POST", "/orders", {"time_deal_id": deal, "quantity": 1}, tokens[i % len(tokens)],
                            timeout=90)
        results[i] = (status, body, tokens[i % len(tokens)])

    threads = [threading.Thread(target=order, args=(i,)) for i in range(ORDERS)]
    for thread in threads:
        thread.start()
    start.wait()
    if during:
        time.sleep(0.33)
        during()
    for thread in threads:
        thread.join()
    return results


def statuses(results):
    counts = {}
    for status, _, _ in results:
        counts[status] = counts.get(status, 0) + 1
    return counts


def local_cluster(*args):
    subprocess.run([SCRIPT, *args], check=True, stdout=subprocess.DEVNULL)


def node_base(node):
    """The node's own base URL, from the ports the local cluster chose (ports.env), to ask one node directly."""
    ports = dict(line.strip().split("=", 1) for line in
                 open(os.path.join(os.environ["TIMEDEAL_CLUSTER_DIR"], "ports.env")) if "=" in line)
    return f"http://127.0.0.1:{ports[node.replace('-', '_').upper() + '_PORT']}/api/v1"


def direct(node, method, path, body=None, token=None):
    global BASE
    balancer, BASE = BASE, node_base(node)
    try:
        return call(method, path, body, token)
    finally:
        BASE = balancer


def holds_stock(order, token):
    data = call("GET", f"/orders/{order}", token=token)[1].get("data", {})
    # A hold may already have run out (nobody else cancels here): it held the stock until its deadline.
    return data.get("status") in ("reserved", "confirmed") or (
            data.get("status") == "canceled" and data.get("reserved_at") is not None)


def deal_counts(deal):
    data = call("GET", f"/timedeals/{deal}")[1]["data"]
    return data["reserved_quantity"], data["sold_quantity"], data["stock_quantity"]


def orders_of(admin, deal):
    status, body = call("GET", f"/admin/orders?time_deal_id={deal}&per_page=100&page=1", token=admin)
    assert status == 200, (status, body)
    orders = list(body["data"])
    pages = body.get("meta", {}).get("total_pages", 1)
    for page in range(2, pages + 1):
        orders += call("GET", f"/admin/orders?time_deal_id={deal}&per_page=100&page={page}", token=admin)[1]["data"]
    return orders


def audit_clean(admin, deal):
    status, body = call("GET", f"/admin/audit/timedeals/{deal}", token=admin)
    return status == 200 and body["data"]["consistent"] and not body["data"]["discrepancies"]


def main():
    admin = login("admin@bbossiregi.com", "admin1234!")
    tokens = register_shoppers(SHOPPERS)
    check(len(tokens) == SHOPPERS, f"{SHOPPERS} shoppers registered and logged in")

    # 1. The flash sale.
    deal = new_deal(admin, STOCK)
    results = sale(deal, tokens)
    counts = statuses(results)
    print("flash sale answers:", counts, flush=True)
    for status, body, _ in results:
        if status not in (201, 409):
            print("  unexpected answer:", status, body, flush=True)
    check(counts.get(201) == STOCK and counts.get(409) == ORDERS - STOCK and len(counts) == 2,
          f"flash sale: exactly {STOCK} x 201 and {ORDERS - STOCK} x 409, nothing else")
    eventually(60, lambda: sum(deal_counts(deal)[:2]) == STOCK, "flash sale: the deal holds exactly its stock")

    # 2. The same sale with a command node and a query node killed mid-sale.
    deal = new_deal(admin, STOCK)
    results = sale(deal, tokens, during=lambda: (local_cluster("kill", "command-2"), local_cluster("kill", "query-1")))
    print("sale with kills, answers:", statuses(results), flush=True)
    reserved_answers = [(body["data"]["id"], token) for status, body, token in results if status == 201]
    placed = sum(1 for status, _, _ in results if status in (201, 202, 409))
    check(len(reserved_answers) <= STOCK, "sale with kills: no more 201 than stock")
    missing = [order for order, token in reserved_answers if not quietly(10, lambda: holds_stock(order, token))]
    check(not missing, f"sale with kills: every 201 is an order that holds stock ({len(missing)} do not)")
    # Settled: every order a client was told about is in the read model, none of them still pending.
    eventually(90, lambda: len(orders_of(admin, deal)) >= placed
               and not [o for o in orders_of(admin, deal) if o["status"] == "pending"],
               f"sale with kills: all {placed} answered orders settled, no order stays pending")
    reserved, sold, stock = deal_counts(deal)
    check(reserved + sold <= stock, f"sale with kills: reserved {reserved} + sold {sold} <= stock {stock}")
    eventually(HOLD_SECONDS + 60, lambda: deal_counts(deal)[0] == 0
               and not [o for o in orders_of(admin, deal) if o["status"] == "reserved"],
               "sale with kills: every hold ran out at its deadline (nothing reserved any more)")
    eventually(30, lambda: audit_clean(admin, deal), "sale with kills: the stock audit finds no discrepancy")
    local_cluster("start", "command-2")
    local_cluster("start", "query-1")
    deal = new_deal(admin, 10)
    answers = [call("POST", "/orders", {"time_deal_id": deal, "quantity": 1}, tokens[i])[0] for i in range(10)]
    check(answers.count(201) == 10, f"after the rejoin: orders are placed again ({answers})")
    # The restarted nodes take work again: command-2 is back in the command ring (the new deal's and orders'
    # commands are spread over both command nodes) and serves the command API; query-1 serves the new orders.
    log = open(os.path.join(os.environ["TIMEDEAL_CLUSTER_DIR"], "logs", "command-2.log")).read()
    check("Command ring changed: 2 member(s)" in log, "command-2 rejoined the command ring")
    check(direct("command-2", "POST", "/auth/login", {"email": "user1@test.com", "password": "password123"})[0]
          == 200, "command-2 serves the command API again")
    eventually(30, lambda: len(orders_of(admin, deal)) == 10, "the read models show the 10 new orders")
    check(direct("query-1", "GET", f"/timedeals/{deal}")[0] == 200, "query-1 serves the query API again")

    # 3. Holds that run out while a command node is dead.
    deal = new_deal(admin, 10)
    held = []
    for i in range(4):
        status, body = call("POST", "/orders", {"time_deal_id": deal, "quantity": 1}, tokens[i])
        check(status == 201, f"hold {i}: reserved ({status} {body.get('error', '')})")
        if status == 201:
            held.append((body["data"]["id"], tokens[i]))
    local_cluster("kill", "command-1")
    eventually(HOLD_SECONDS + 60, lambda: all(
        call("GET", f"/orders/{order}", token=token)[1]["data"]["status"] == "canceled" for order, token in held),
               "holds expired while command-1 was dead")
    for order, token in held:
        events = call("GET", f"/orders/{order}/events", token=token)[1]["data"]
        types = [e["event_type"] for e in events]
        check(types.count("CANCELED") == 1 and types.count("STOCK_RELEASED") <= 1,
              f"order {order} canceled once ({types})")
    eventually(30, lambda: deal_counts(deal)[0] == 0, "the expired holds gave their stock back")
    eventually(30, lambda: audit_clean(admin, deal), "expired holds: the stock audit finds no discrepancy")
    local_cluster("start", "command-1")

    # 4. A business error from whichever node owns the aggregate.
    for i in range(6):
        status, body = call("POST", "/orders", {"time_deal_id": deal, "quantity": 1}, tokens[10 + i])
        if status != 201:
            check(False, f"order to cancel twice: placed ({status} {body.get('error', '')})")
            continue
        order = body["data"]["id"]
        call("DELETE", f"/orders/{order}", token=tokens[10 + i])
        status, body = call("DELETE", f"/orders/{order}", token=tokens[10 + i])
        check(status == 400 and body["error"]["code"] == "ALREADY_CANCELED",
              f"canceling order {order} twice: 400 ALREADY_CANCELED ({status} {body.get('error')})")

    print("cluster test:", "FAILED: " + "; ".join(failures) if failures else "passed", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
