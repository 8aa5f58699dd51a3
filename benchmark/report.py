#!/usr/bin/env python3
"""Writes the benchmark report (Markdown) from the simulations' JSON summaries and pgbench's output.

Called by benchmark/run.sh; can be re-run by hand on the files a run left in benchmark/target:
  python3 benchmark/report.py --results benchmark/target/results --yardstick benchmark/target/yardstick \
      --info benchmark/target/run-info --out /tmp/report.md --clients "10 100 500" --repeat 3 ...
"""
import argparse
import glob
import json
import os
import re
import statistics
import sys


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, digits=0, unit=""):
    if value is None:
        return "n/a"
    if isinstance(value, float) and digits == 0:
        value = round(value)
    if digits:
        return f"{value:,.{digits}f}{unit}"
    return f"{value:,}{unit}"


def per_run(values, digits=0):
    return " / ".join(fmt(v, digits) for v in values) if values else "n/a"


def cpu_text(samples, postgres_first=False):
    """Median cores over the runs' CPU accounting: machine / app / PostgreSQL / other; the app's with the part its JIT
    compilers took in brackets, when measured."""
    samples = [x for x in samples if x]
    if not samples:
        return "n/a"
    def m(key):
        v = median([x.get(key) for x in samples])
        return "n/a" if v is None else f"{v:.2f}"
    app = m('app_cores')
    if any(x.get('app_jit_cores') is not None for x in samples):
        app += f" (JIT {m('app_jit_cores')})"
    if postgres_first:
        return f"{m('machine_busy_cores')} / {m('postgres_cores')} / {app} / {m('other_cores')}"
    return f"{m('machine_busy_cores')} / {app} / {m('postgres_cores')} / {m('other_cores')}"


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def simulation_runs(results, simulation, clients, repeat):
    runs = []
    for run in range(1, repeat + 1):
        runs.append(load_json(os.path.join(results, f"{simulation}-{clients}-{run}.json")))
    return runs


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    rank = max(1, int(-(-p * len(sorted_values) // 100)))  # ceil
    return sorted_values[min(rank, len(sorted_values)) - 1]


def yardstick_run(folder, iso, clients, run):
    name = f"yardstick-{iso}-{clients}-{run}"
    out_path = os.path.join(folder, name + ".out")
    try:
        text = open(out_path).read()
    except OSError:
        return None
    result = {"name": name}
    m = re.search(r"^tps = ([0-9.]+)", text, re.M)
    result["tps"] = float(m.group(1)) if m else None
    m = re.search(r"number of transactions actually processed: (\d+)", text)
    result["transactions"] = int(m.group(1)) if m else None
    m = re.search(r"number of failed transactions: (\d+)", text)
    result["failed"] = int(m.group(1)) if m else 0
    m = re.search(r"number of transactions retried: (\d+)", text)
    result["retried"] = int(m.group(1)) if m else 0
    m = re.search(r"total number of retries: (\d+)", text)
    result["retries"] = int(m.group(1)) if m else 0
    m = re.search(r"latency average = ([0-9.]+) ms", text)
    result["latency_avg"] = float(m.group(1)) if m else None
    # Per-transaction log lines: client_id transaction_no time(us) script_no epoch epoch_us [retries]
    latencies = []
    for log in glob.glob(os.path.join(folder, name, "tx.*")):
        with open(log) as f:
            for line in f:
                fields = line.split()
                if len(fields) >= 3 and fields[2].isdigit():
                    latencies.append(int(fields[2]) / 1000.0)
    latencies.sort()
    for p in (50, 95, 99):
        result[f"p{p}"] = percentile(latencies, p)
    result["cpu"] = load_json(os.path.join(folder, name + ".cpu.json"))
    check = load_json(os.path.join(folder, name + ".check.json"))
    if check:
        result["check"] = check
        result["consistent"] = check.get("orders") == check.get("reserved_quantity") == result["transactions"]
    return result


def windows_lines(w, labelled):
    """Each run's p50 / p99 by the window its requests were sent in (the summary's latency_by_window), if it has them."""
    rows = [(label, x["latency_by_window"]) for label, x in labelled if x and x.get("latency_by_window")]
    if not rows:
        return
    first = rows[0][1]
    w(f"Where in each run the slow answers fall: p50 / p99 in ms of the requests sent in each {first['window_s']} s "
      f"window, from the run's first request (a window's times are told apart up to {first['max_ms']:,} ms).")
    w("")
    for label, windows in rows:
        w(f"- {label}: " + ", ".join(f"{p50} / {p99}" for p50, p99 in zip(windows["p50"], windows["p99"])))
    w("")


def snapshots_text(run):
    """A run's deal snapshots taken from memory and their lock held in all, from the probe's scrapes."""
    if run.get("snapshots") is None:
        return "n/a"
    deal = run["snapshots"].get("TimeDeal")
    return f"{deal['taken']} ({fmt(deal['lock_held_ms'])})" if deal else "0"


def growth_section(a, w, R):
    """The growth check: a deal grown to --growth-events events, measured cold after a restart, against fresh deals.

    Writes its section and answers its Targets row(s)."""
    target_text = f"a deal with {a.growth_events:,} events answers within 1.2x of a fresh one" if a.growth_events \
        else "a deal with 100 000 events answers within 1.2x of a fresh one"
    if a.growth_events <= 0:
        return [(target_text, "growth check not run (`BENCH_GROWTH_EVENTS=0`)", "not measured")]
    c = a.growth_clients
    grow = load_json(os.path.join(a.results, f"GrowthSimulation-{c}-grow.json"))
    info = load_json(a.growth_deal) or {}
    fresh = [load_json(os.path.join(a.results, f"GrowthSimulation-{c}-fresh-{r}.json")) for r in range(1, R + 1)]
    grown = [load_json(os.path.join(a.results, f"GrowthSimulation-{c}-grown-{r}.json")) for r in range(1, R + 1)]
    w(f"## Growth check: a deal with {a.growth_events:,} events against a fresh one")
    w("")
    if not grow or not grow.get("target_reached") or not any(grown):
        w("The growth check did not complete (see Failed steps).")
        w("")
        return [(target_text, "the growth check did not complete", "not measured")]
    events_at_restart = (info["last_sequence"] + 1) if info.get("last_sequence") is not None else grow.get("events_after")
    if info.get("snapshot_sequence") is not None:
        cold_load = (f"from its latest snapshot (taken at event {info['snapshot_sequence'] + 1:,} of "
                     f"{events_at_restart:,}, {fmt(info.get('snapshot_bytes'))} bytes) plus the "
                     f"{info['last_sequence'] - info['snapshot_sequence']:,} event(s) after it")
    else:
        cold_load = (f"by replaying all {fmt(events_at_restart)} events (no snapshot: fewer events than the "
                     "snapshot interval)")
    w(f"Deal {grow['deal']['id']} was grown through the API to {fmt(grow.get('events_after'))} events: "
      f"{fmt(grow['orders'])} orders by {c} clients in {grow['window_ms'] / 1000:,.1f} s ({fmt(grow['orders_per_s'], 1)} "
      f"orders/s, {grow['errors']} errors), each order one `StockReservedEvent`, none paid or released (the run's hold "
      "outlives it), so its open reservations grew with it. Then the application was restarted on the same database: "
      f"the deal was no longer in memory, and its next order loaded it cold, {cold_load}. After a {a.growth_warmup} s "
      f"warm-up at {c} clients on a throw-away deal (the JIT warm, the grown deal still cold), {c} clients ordered for "
      f"{a.duration} s on the grown deal and on a fresh deal, alternately (grown 1, fresh 1, grown 2, ...: whatever "
      f"warming-up is left counts against the grown deal), {R} run(s) each. Before each run's load one order was sent "
      "alone and timed by the harness (**first order**): in the grown deal's first run that answer includes the cold "
      "load, which the load's percentiles would hide among thousands of answers; the probe's order is counted in the "
      "stock check.")
    w("")

    def fig(runs, key):
        return median([r["orders_per_s"] if key == "ops" else r["latency_ms"][key] for r in runs if r])

    def firsts(runs):
        return " / ".join(fmt(r["first_order"]["ms"]) + ("" if r["first_order"]["status"] == 201
                                                          else f" ({r['first_order']['status']})") if r else "n/a"
                          for r in runs)

    def ratio(g, f):
        return f"{g / f:.2f}x" if g is not None and f else "n/a"

    w("Median of the runs; latencies in ms; first order per run, in order.")
    w("")
    w("| deal | orders/s | p50 | p95 | p99 | max | errors per run | first order ms per run | reserved + sold = 201s |")
    w("|---|---:|---:|---:|---:|---:|---|---|---|")
    for label, runs in (("fresh", fresh), (f"grown (deal {grow['deal']['id']})", grown)):
        w(f"| {label} | {fmt(fig(runs, 'ops'), 1)} | {fmt(fig(runs, 'p50'))} | {fmt(fig(runs, 'p95'))} "
          f"| {fmt(fig(runs, 'p99'))} | {fmt(fig(runs, 'max'))} | {per_run([r['errors'] if r else None for r in runs])} "
          f"| {firsts(runs)} | {' / '.join(('yes' if r.get('stock_matches_answers') else '**NO**') if r else 'n/a' for r in runs)} |")
    w(f"| grown / fresh | {ratio(fig(grown, 'ops'), fig(fresh, 'ops'))} | {ratio(fig(grown, 'p50'), fig(fresh, 'p50'))} "
      f"| {ratio(fig(grown, 'p95'), fig(fresh, 'p95'))} | {ratio(fig(grown, 'p99'), fig(fresh, 'p99'))} "
      f"| {ratio(fig(grown, 'max'), fig(fresh, 'max'))} | | | |")
    w("")
    w("Snapshots: the deals' snapshots taken from memory during the run's load and how long they held their deal's lock "
      "in all (the application's `timedeal_snapshots_lock_held_seconds`, scraped at the load's start and end; n/a when "
      "a scrape failed): each one stops the deal's orders while it is serialized, longer the larger the deal.")
    w("")
    w("| run | deal | events at start / end | orders/s | p50 | p95 | p99 | max | first order ms | answers by status | snapshots (lock held ms) | cores: machine / app / PostgreSQL / other |")
    w("|---|---|---|---:|---:|---:|---:|---:|---:|---|---|---|")
    for r in range(R):
        for label, runs in (("grown", grown), ("fresh", fresh)):
            x = runs[r]
            if not x:
                w(f"| {label} {r + 1} | missing | | | | | | | | | | |")
                continue
            statuses = ", ".join(f"{k}: {v}" for k, v in x["by_status"].items())
            w(f"| {label} {r + 1} | {x['deal']['id']} | {fmt(x.get('events_before'))} / {fmt(x.get('events_after'))} "
              f"| {fmt(x['orders_per_s'], 1)} | {x['latency_ms']['p50']} | {x['latency_ms']['p95']} | {x['latency_ms']['p99']} "
              f"| {x['latency_ms']['max']} | {fmt(x['first_order']['ms'])} | {statuses} | {snapshots_text(x)} "
              f"| {cpu_text([x.get('cpu')] if x.get('cpu') else [])} |")
    w("")
    windows_lines(w, [(f"{label} {r + 1}", runs[r]) for r in range(R) for label, runs in (("grown", grown), ("fresh", fresh))])

    f_ops, g_ops, f_p99, g_p99 = fig(fresh, "ops"), fig(grown, "ops"), fig(fresh, "p99"), fig(grown, "p99")
    if None in (f_ops, g_ops, f_p99, g_p99):
        return [(target_text, "runs missing", "not measured")]
    ok = g_ops >= f_ops / 1.2 and g_p99 <= 1.2 * f_p99
    cold = grown[0]["first_order"]["ms"] if grown[0] else None
    events = grown[0].get("events_before") if grown[0] else None
    figure = (f"orders/s {g_ops:,.1f} vs {f_ops:,.1f} fresh ({ratio(g_ops, f_ops)}, needs >= {f_ops / 1.2:,.1f}); "
              f"p99 {g_p99:,.0f} vs {f_p99:,.0f} ms ({ratio(g_p99, f_p99)}, needs <= {1.2 * f_p99:,.0f}); "
              f"deal at {fmt(events)} events. Not in the verdict: cold first order after the restart {fmt(cold)} ms "
              f"(fresh deals' first orders {firsts(fresh)} ms)")
    v = "met" if ok else "**not met**"
    if events is not None and events < 100_000:
        v += f" (at {events:,} events, not 100 000)"
    return [(target_text, figure, v)]


# ---------------------------------------------------------------------- projection lag
LAG_PROJECTIONS = ("order-history", "deal-listing")
LAG_TARGET_MS = 100


def lag_of(run, projection):
    """One run's figures for one read model ({"events", "p50", "p95", "p99", "p99_bucket_ms"}), or None."""
    return ((run or {}).get("projection_lag_ms") or {}).get(projection)


def lag_median(runs, projection, key):
    """Median over the runs of one read model's figure (p50/p99 in ms, events)."""
    return median([(lag_of(r, projection) or {}).get(key) for r in runs])


def lag_names(runs):
    names = {n for r in runs if r for n in ((r.get("projection_lag_ms") or {}).keys())}
    return [n for n in LAG_PROJECTIONS if n in names] + sorted(names - set(LAG_PROJECTIONS))


def lag_per_run(runs, projection):
    """Each run's p99 with the bucket it was interpolated in: `45.2 (39.1-44.7)`; n/a for a run without it."""
    texts = []
    for r in runs:
        f = lag_of(r, projection)
        if not f or f.get("p99") is None:
            texts.append("n/a")
            continue
        bucket = f.get("p99_bucket_ms") or []
        within = ""
        if len(bucket) == 2:
            within = f" ({fmt(bucket[0], 1)}-{'inf' if bucket[1] is None else fmt(bucket[1], 1)})"
        texts.append(f"{fmt(f['p99'], 1)}{within}")
    return " / ".join(texts) if texts else "n/a"


def projection_lag_section(w, scenarios):
    """The projection lag table: per scenario (label, clients, runs) and read model, medians over the runs."""
    w("## Projection lag")
    w("")
    w("Per read model, the time from an event's timestamp (set when the aggregate applied it, just before its append "
      "committed) to the commit of the read model's batch that handled it, over each run's load phase: the difference "
      "of two scrapes of the application's histogram `timedeal_projection_lag_seconds` (`/actuator/prometheus`), the "
      "second once the read models had caught up. Percentiles are **histogram-interpolated**: linear within the "
      "bucket they fall in, as Prometheus's `histogram_quantile` does; the buckets are Micrometer's (near 100 ms "
      "about 22 ms wide), so each run's p99 is shown with its bucket in ms. Medians of the runs; ms.")
    w("")
    rows = [(label, clients, runs, name) for label, clients, runs in scenarios for name in lag_names(runs)]
    if rows:
        w("| scenario | clients | read model | events (median) | p50 | p99 | p99 per run (bucket) |")
        w("|---|---:|---|---:|---:|---:|---|")
        for label, clients, runs, name in rows:
            w(f"| {label} | {clients} | {name} | {fmt(lag_median(runs, name, 'events'))} "
              f"| {fmt(lag_median(runs, name, 'p50'), 1)} | {fmt(lag_median(runs, name, 'p99'), 1)} "
              f"| {lag_per_run(runs, name)} |")
    else:
        w("No projection lag figures in these results.")
    warnings = [f"{label} {clients} run {r.get('run')}: {r['projection_lag_warning']}" for label, clients, runs in scenarios
                for r in runs if r and r.get("projection_lag_warning")]
    unsettled = sum(1 for _, _, runs in scenarios for r in runs if r and r.get("projection_lag_settled") is False)
    w("")
    if warnings:
        w("Not measured in: " + "; ".join(warnings) + ".")
        w("")
    if unsettled:
        w(f"In {unsettled} run(s) the read models had not caught up within 30 s of the end of the load: events "
          "handled later are missing from those runs' figures.")
        w("")


def projection_lag_target(hot, clients):
    """The Targets row: the worse of the read models' median p99 on the hot deal at 100 clients."""
    target = f"projection lag (event appended to read model updated) p99 <= {LAG_TARGET_MS} ms"
    if 100 not in clients:
        return (target, "hot deal at 100 clients not in this run", "not measured")
    figures = {n: lag_median(hot[100], n, "p99") for n in LAG_PROJECTIONS}
    measured = [v for v in figures.values() if v is not None]
    if not measured:
        return (target, "no lag figures in the hot-deal runs at 100 clients", "not measured")
    worst = max(measured)
    text = ", ".join(f"{n} {fmt(v, 1)} ms" if v is not None else f"{n} n/a" for n, v in figures.items())
    figure = f"hot deal at 100 clients, median p99: {text}; worst {fmt(worst, 1)} ms (histogram-interpolated)"
    if worst > LAG_TARGET_MS:
        return (target, figure, "**not met**")
    if len(measured) < len(figures):
        return (target, figure + "; a read model has no figure", "not measured")
    return (target, figure, "met")

# ---------------------------------------------------------------------- flash sales
def flash_table(w, flash, shoppers, stock):
    """One flash sale's per-run table."""
    w(f"Expected every run: {stock:,} answered 201, {shoppers - stock:,} answered 409 INSUFFICIENT_STOCK, nothing "
      "else, every request answered. `unanswered` counts requests without any answer (connection refused or reset, "
      "Gatling's request timeout), apart from the answers.")
    w("")
    w("| run | answered | 201 | 409 INSUFFICIENT_STOCK | other answers | unanswered | 5xx | exact | p50 | p95 | p99 | max | first request to last answer | deal after (reserved / available / status) | app max RSS MB | cores: machine / app / PostgreSQL / other |")
    w("|---:|---:|---:|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---|---:|---|")
    for r, f in enumerate(flash, 1):
        if not f:
            w(f"| {r} | missing | | | | | | | | | | | | | | |")
            continue
        others = {k: v for k, v in f["by_status"].items() if k not in ("201", "409 INSUFFICIENT_STOCK", "no_response")}
        other_text = ", ".join(f"{k}: {v}" for k, v in others.items()) or "0"
        d = f.get("deal", {})
        missing = shoppers - f["requests"]
        unanswered = f"{f['no_response']}" + (f" (+{missing} never sent)" if missing > 0 else "")
        w(f"| {r} | {f['requests'] - f['no_response']:,} | {f['held_201']} | {f['insufficient_stock_409']} | {other_text} "
          f"| {unanswered} | {f['status_5xx']} | {'yes' if f['exact'] else '**NO**'} | {f['latency_ms']['p50']} "
          f"| {f['latency_ms']['p95']} | {f['latency_ms']['p99']} | {f['latency_ms']['max']} | {fmt(f['time_to_last_answer_ms'])} ms "
          f"| {d.get('reserved')} / {d.get('available')} / {d.get('status')} | {fmt(max_rss(f), 1)} | {cpu_text([f.get('cpu')])} |")
    w("")


def all_answered(f, shoppers):
    return f["no_response"] == 0 and f["requests"] == shoppers


def flash_targets(flash, R, shoppers, stock, p99_ms, label, answered_row):
    """Targets rows of one flash sale: exact counts, zero 5xx (and every request answered), p99."""
    ok = [f for f in flash if f]
    if not ok:
        return [(f"{label}: exact counts, zero 5xx, p99 <= {p99_ms / 1000:g} s", "not run", "not measured")]
    missing = "" if len(ok) == R else f" ({R - len(ok)} run(s) missing)"
    rows = [(f"{label}: exact counts every run ({stock:,} x 201, {shoppers - stock:,} x 409)",
             " / ".join("exact" if f["exact"] else f"{f['held_201']} + {f['insufficient_stock_409']}" for f in ok) + missing,
             verdict(all(f["exact"] for f in ok) and len(ok) == R)),
            (f"{label}: zero 5xx", " / ".join(str(f["status_5xx"]) for f in ok) + missing,
             verdict(all(f["status_5xx"] == 0 for f in ok) and len(ok) == R))]
    if answered_row:
        rows.append((f"{label}: every request answered",
                     " / ".join(f"{f['requests'] - f['no_response']:,} of {shoppers:,}" for f in ok) + missing,
                     verdict(all(all_answered(f, shoppers) for f in ok) and len(ok) == R)))
    worst = max(f["latency_ms"]["p99"] for f in ok)
    rows.append((f"{label}: p99 <= {p99_ms / 1000:g} s", " / ".join(f"{f['latency_ms']['p99']:,} ms" for f in ok) + missing,
                 verdict(worst <= p99_ms and len(ok) == R)))
    return rows


def verdict(ok):
    return "met" if ok else "**not met**"


# ---------------------------------------------------------------------- resident memory
MEMORY_TARGET_MB = 512


def max_rss(run):
    return ((run or {}).get("memory") or {}).get("max_rss_mb")


def memory_section(w, hot, clients, results):
    """Max RSS (sampled every 0.5 s) and VmHWM of the application per hot-deal run; the Targets row."""
    target = f"the application's resident memory under the hot deal <= {MEMORY_TARGET_MB} MB"
    w("## Resident memory")
    w("")
    w("The application's resident set (`VmRSS` of `/proc/<pid>/status`, sampled every 0.5 s over each run's load "
      "phase) and its peak since the process started (`VmHWM`, read at the end of the run), in MB (MiB). The target "
      "is judged on the largest sampled RSS of any hot-deal run.")
    w("")
    w("| clients | max RSS per run | VmHWM per run |")
    w("|---:|---|---|")
    figures = []
    for c in clients:
        runs = hot[c]
        figures += [max_rss(r) for r in runs if max_rss(r) is not None]
        w(f"| {c} | {per_run([max_rss(r) for r in runs], 1)} "
          f"| {per_run([((r or {}).get('memory') or {}).get('vm_hwm_mb') for r in runs], 1)} |")
    live = load_json(os.path.join(results, "HotDealSimulation-100-live.json"))
    if max_rss(live) is not None:
        figures.append(max_rss(live))
        w(f"| 100 (live-stock run) | {fmt(max_rss(live), 1)} | {fmt(((live or {}).get('memory') or {}).get('vm_hwm_mb'), 1)} |")
    w("")
    if not figures:
        return (target, "no memory figures (run.sh passes -DappPid)", "not measured")
    worst = max(figures)
    figure = f"max RSS {worst:,.1f} MB over {len(figures)} hot-deal run(s)"
    if max_rss(live) is not None and len(figures) > 1:
        # The live-stock run adds a thousand open streams to the same load; its share is shown, not left out.
        figure += (f" ({max(figures[:-1]):,.1f} MB without the live-stock run, "
                   f"{figures[-1]:,.1f} MB with its {fmt(((live or {}).get('live_stock') or {}).get('subscribers'))} streams)")
    return (target, figure, verdict(worst <= MEMORY_TARGET_MB))


# ---------------------------------------------------------------------- start-up
STARTUP_TARGET_MS = 10_000


def startup_section(w, a):
    target = "start-up: `java -jar` (embedded PostgreSQL) answers health within 10 s on a warm machine"
    s = load_json(os.path.join(a.results, "startup.json"))
    w("## Start-up")
    w("")
    if not s or not s.get("runs"):
        w("Not measured in this run (`BENCH_STARTUP=0`, or the step failed: see Failed steps).")
        w("")
        return (target, "not measured", "not measured")
    w(f"The README's first command, `{s['command']}` with its defaults (the embedded "
      "PostgreSQL, demo data), in a fresh data folder and on free ports, timed from the launch to the first 200 of "
      "`GET /api/v1/health` (polled every 0.1 s). The first start is on the empty folder (initdb, migrations, demo "
      "data); the warm starts reuse it, each after the previous one was stopped. The run's benchmark PostgreSQL is "
      "up but idle; nothing else runs.")
    w("")
    w("| start | ms to healthy |")
    w("|---|---:|")
    for r in s["runs"]:
        w(f"| {r['kind']} ({'empty data folder' if r['kind'] == 'first' else 'restart ' + str(r['run'])}) "
          f"| {fmt(r.get('ms')) if r.get('ms') is not None else 'failed: ' + str(r.get('failure'))} |")
    w("")
    first = [r["ms"] for r in s["runs"] if r["kind"] == "first" and r.get("ms") is not None]
    warm = [r["ms"] for r in s["runs"] if r["kind"] == "warm" and r.get("ms") is not None]
    warm_all = [r for r in s["runs"] if r["kind"] == "warm"]
    if not warm or len(warm) < len(warm_all):
        return (target, f"first start {per_run(first)} ms; warm starts failed", "**not met**" if warm_all else "not measured")
    worst = max(warm)
    return (target, f"warm restarts {per_run(warm)} ms (worst {worst:,} ms); first start on an empty folder "
                    f"{per_run(first)} ms (not judged)", verdict(worst <= STARTUP_TARGET_MS))


# ---------------------------------------------------------------------- the local cluster
CLUSTER_TARGET = 0.8


def app_ms_per_order(x):
    cores = (x.get("cpu") or {}).get("app_cores")
    return 1000 * cores / x["orders_per_s"] if cores and x.get("orders_per_s") else None


def cluster_section(w, a, hot):
    target = "local cluster through its balancer, hot deal at 100 clients >= 0.8x the single node (same run)"
    if a.cluster != "1":
        return (target, "not run (`BENCH_CLUSTER=0`)", "not measured")
    runs = [load_json(os.path.join(a.results, f"HotDealSimulation-100-cluster-{r}.json")) for r in range(1, a.repeat + 1)]
    w("## The local cluster: hot deal at 100 clients through the balancer")
    w("")
    if not any(runs):
        w("The cluster's runs are missing (see Failed steps).")
        w("")
        return (target, "the cluster's runs are missing", "not measured")
    w("After the single-node steps the single application was stopped and `deploy/local-cluster.sh up` started "
      "2 command nodes, 2 query nodes (`-Xmx384m` each) and haproxy on a PostgreSQL of its own, on this same "
      "machine; the same hot deal at 100 clients then ran through the balancer, after at least "
      f"{a.cluster_warmup} s of warm-up at that load, a new deal a minute (not reported). Cores and memory count the four "
      "nodes (memory: the largest node's); projection lag was scraped from query-1 only.")
    w("")
    w("| run | orders/s | p50 | p95 | p99 | max | answers by status | reserved + sold = 201s | largest node's max RSS MB | cores: machine / app / PostgreSQL / other | app cores by node: command-1, command-2, query-1, query-2 |")
    w("|---:|---:|---:|---:|---:|---:|---|---|---:|---|---|")
    for r, x in enumerate(runs, 1):
        if not x:
            w(f"| {r} | missing | | | | | | | | | |")
            continue
        statuses = ", ".join(f"{k}: {v}" for k, v in x["by_status"].items())
        w(f"| {r} | {fmt(x['orders_per_s'], 1)} | {x['latency_ms']['p50']} | {x['latency_ms']['p95']} | {x['latency_ms']['p99']} "
          f"| {x['latency_ms']['max']} | {statuses} | {'yes' if x.get('stock_matches_answers') else '**NO**'} "
          f"| {fmt(max_rss(x), 1)} | {cpu_text([x.get('cpu')] if x.get('cpu') else [])} "
          f"| {', '.join(str(c) for c in (x.get('cpu') or {}).get('app_cores_by_node', []))} |")
    cluster_ops = median([x["orders_per_s"] for x in runs if x])
    single_ops = median([x["orders_per_s"] for x in hot.get(100, []) if x])
    w("")
    if cluster_ops is None or not single_ops:
        w("No single-node figure at 100 clients in this run to compare with.")
        w("")
        return (target, f"cluster {fmt(cluster_ops, 1)} orders/s; no single-node figure at 100 clients", "not measured")
    ratio = cluster_ops / single_ops
    w(f"Median: the cluster {cluster_ops:,.1f} orders/s against the single node's {single_ops:,.1f} at 100 clients "
      f"in the same run: **{ratio:.2f}x**.")
    cluster_cpu = median([app_ms_per_order(x) for x in runs if x])
    single_cpu = median([app_ms_per_order(x) for x in hot.get(100, []) if x])
    if cluster_cpu is not None and single_cpu:
        w(f"The application's CPU an order (medians): the four nodes {cluster_cpu:.2f} ms, the single node "
          f"{single_cpu:.2f} ms ({cluster_cpu / single_cpu:.2f}x).")
    w("")
    return (target, f"{cluster_ops:,.1f} vs {single_ops:,.1f} orders/s ({ratio:.2f}x)", verdict(ratio >= CLUSTER_TARGET))


# ---------------------------------------------------------------------- live stock (the live-stock probe's run)
LIVE_TARGET_MS = 250


def live_stock_section(w, a):
    """Only when HotDealSimulation-100-live.json exists: the live-stock subscribers' delay."""
    target = "live stock delay, 1000 subscribers: p99 < 250 ms, no disconnects"
    s = load_json(os.path.join(a.results, "HotDealSimulation-100-live.json"))
    live = (s or {}).get("live_stock")
    if not live:
        return None
    w("## Live stock: subscribers' delay under the hot deal")
    w("")
    w(f"A hot-deal run at 100 clients with {fmt(live.get('subscribers'))} live-stock subscribers; the delay from a "
      "stock change to its event at a subscriber, in ms.")
    w("")
    w("| subscribers | connected | connected at the end | refused | events | p50 | p95 | p99 | max | disconnects | orders/s of the run |")
    w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    w(f"| {fmt(live.get('subscribers'))} | {fmt(live.get('connected'))} | {fmt(live.get('connected_at_end'))} "
      f"| {fmt(live.get('refused'))} | {fmt(live.get('events'))} "
      f"| {fmt(live.get('p50_ms'))} | {fmt(live.get('p95_ms'))} | {fmt(live.get('p99_ms'))} | {fmt(live.get('max_ms'))} "
      f"| {fmt(live.get('disconnects'))} | {fmt(s.get('orders_per_s'), 1)} |")
    w("")
    p99 = live.get("p99_ms")
    if p99 is None:
        return (target, "no p99 in the live run's summary", "not measured")
    figure = (f"p99 {fmt(p99)} ms ({fmt(live.get('connected'))} of {fmt(live.get('subscribers'))} connected, "
              f"{fmt(live.get('disconnects'))} disconnects)")
    return (target, figure, verdict(p99 < LIVE_TARGET_MS and not live.get("disconnects")))



def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--yardstick", required=True)
    ap.add_argument("--info", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--clients", default="10 100 500")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--duration", type=int, default=60)
    ap.add_argument("--yardstick-duration", type=int, default=30)
    ap.add_argument("--shoppers", type=int, default=1000)
    ap.add_argument("--stock", type=int, default=100)
    ap.add_argument("--mixed-clients", type=int, default=100)
    ap.add_argument("--growth-events", type=int, default=0)
    ap.add_argument("--growth-clients", type=int, default=100)
    ap.add_argument("--growth-warmup", type=int, default=0)
    ap.add_argument("--growth-deal", default="")
    ap.add_argument("--warmup", type=int, default=0)
    ap.add_argument("--warmup-spent", type=int, default=0)
    ap.add_argument("--warmup-jit", default="")
    ap.add_argument("--warmup-jit-cores", default="")
    ap.add_argument("--warmup-larger", type=int, default=0)
    ap.add_argument("--warmup-larger-jit", default="")
    ap.add_argument("--cluster-warmup", type=int, default=0)
    ap.add_argument("--quick", default="0")
    ap.add_argument("--pool", default="20")
    ap.add_argument("--hold", default="10m")
    ap.add_argument("--java-opts", default="")
    ap.add_argument("--malloc-arenas", default="")
    ap.add_argument("--command", default="benchmark/run.sh")
    ap.add_argument("--started", default="")
    ap.add_argument("--finished", default="")
    ap.add_argument("--big-shoppers", type=int, default=0)
    ap.add_argument("--big-stock", type=int, default=1000)
    ap.add_argument("--cluster", default="0")
    ap.add_argument("--app-settings", default="")
    ap.add_argument("--flash-generator-jvm-args", default="")
    ap.add_argument("--flash-generator-warmup", type=int, default=0)
    ap.add_argument("--flash-warmup-sales", type=int, default=0)
    ap.add_argument("--big-warmup-sales", type=int, default=0)
    ap.add_argument("--generator-jvm-args", default="")
    a = ap.parse_args()

    clients = [int(c) for c in a.clients.split()]
    R = a.repeat
    quick = a.quick == "1"
    lines = []
    w = lines.append

    title_date = (a.started or "")[:10]
    w(f"# Flash-sale benchmark: {title_date}" + (" (QUICK smoke run: not a measurement)" if quick else ""))
    w("")
    if quick:
        w("> `BENCH_QUICK=1`: 10 s durations, one repetition, small flash sales. It shows that the harness works; "
          "its figures are not the benchmark's.")
        w("")
    w(f"- Run from {a.started} to {a.finished} (UTC).")
    w(f"- Command: `{a.command.strip()}`")
    w(f"- Hot deal: {', '.join(map(str, clients))} closed-model clients, {a.duration} s each, {R} run(s) per client "
      f"count (median shown); " + (
          f"a warm-up at 10 clients first, not reported: {a.warmup} s, then more while the application's compilers "
          f"took over {a.warmup_jit_cores or '?'} of a core, {a.warmup_spent or a.warmup} s in all (the compilers at "
          f"{a.warmup_jit or '?'} of a core in its last part)" + (
              f"; then {a.warmup_larger} s at each larger client count, not reported either (the compilers' share of "
              f"a core: {a.warmup_larger_jit})" if a.warmup_larger > 0 and a.warmup_larger_jit else "") + "."
          if a.warmup > 0 else "no warm-up."))
    w(f"- Yardstick: `benchmark/yardstick/place_order.sql` with pgbench `-n -M prepared -c N -j 2 -T {a.yardstick_duration}`, "
      f"{R} run(s) per client count and isolation, interleaved with the hot-deal runs, same PostgreSQL server.")
    w(f"- Flash sale: {a.shoppers} shoppers within 1 s on a stock of {a.stock}, {R} run(s). "
      f"Mixed shopping: {a.mixed_clients} clients, {a.duration} s, {R} run(s).")
    w(f"- Application: `TIMEDEAL_DB_POOL_SIZE={a.pool}`, `TIMEDEAL_ORDERS_RESERVATION_HOLD={a.hold}` (no hold expires "
      "during the run), "
      f"`JAVA_OPTS={a.java_opts!r}`"
      + (f", `MALLOC_ARENA_MAX={a.malloc_arenas}`" if a.malloc_arenas else "")
      + "; load generator, application and "
      "PostgreSQL share this one machine.")
    if a.big_shoppers > 0:
        w(f"- Big flash sale: {a.big_shoppers:,} shoppers within 1 s on a stock of {a.big_stock:,}, {R} run(s).")
    for whose, option in (("The flash sales' load generator", a.flash_generator_jvm_args),
                          ("Every other run's load generator (hot deal, growth, mixed, cluster)", a.generator_jvm_args)):
        generator = " ".join(x for x in option.split(",") if x)
        w(f"- {whose} (a Gatling JVM started for each run): "
          + (f"`{generator}` besides Gatling's own JVM options." if generator else "Gatling's own JVM options."))
    if a.flash_generator_warmup > 0:
        w(f"- Before each flash sale's burst its load generator sent {a.flash_generator_warmup:,} requests of the "
          "burst's shape to a stand-in for the application inside its own JVM (never to the application), so that its "
          "own code was compiled; the burst started a second after them, the CPU accounting just before it.")
    if a.flash_warmup_sales > 0:
        w(f"- Before the measured {a.shoppers:,}-shopper sales, after the growth check's restart: {a.flash_warmup_sales} "
          "sale(s) of the same size on deals of their own, not reported (the first also signs the shoppers in), so that "
          "the sale's own code is compiled, as every other figure is taken after a warm-up at its own load.")
    if a.big_shoppers > 0 and a.big_warmup_sales > 0:
        w(f"- Before the measured {a.big_shoppers:,}-shopper sales: {a.big_warmup_sales} sale(s) of that size on deals "
          "of their own, not reported (the first also signs its new shoppers in), for the same reason.")
    if a.cluster == "1":
        w(f"- Local cluster (`deploy/local-cluster.sh`): the hot deal at 100 clients through haproxy, {a.duration} s, "
          f"{R} run(s), after the single-node steps.")
    if a.app_settings:
        w("- Benchmark-only application settings (environment): "
          + ", ".join(f"`{x}`" for x in a.app_settings.split()) + ". The per-address register, login and order "
          "limits are raised because every shopper of the run comes from one address (the big flash sale signs in "
          "and orders for thousands of shoppers at once); an account's order limit because each hot-deal client is "
          "one account, which a fast machine's 10 clients take past 100 orders a second, with the share a node "
          "spends before writing a bucket back lowered so that an account's bucket is still written back every "
          "10 orders, as with the defaults.")
    w("")
    targets_at = len(lines)

    # ------------------------------------------------------------------ hot deal and yardstick
    hot = {}
    yard = {"rc": {}, "serializable": {}}
    for c in clients:
        runs = simulation_runs(a.results, "HotDealSimulation", c, R)
        hot[c] = runs
        for iso in yard:
            yard[iso][c] = [yardstick_run(a.yardstick, iso, c, r) for r in range(1, R + 1)]

    def hot_fig(c, key):
        return median([r["orders_per_s"] if key == "ops" else r["latency_ms"][key] for r in hot[c] if r])

    def yard_fig(iso, c, key):
        return median([r.get(key) for r in yard[iso][c] if r])

    w("## Hot deal: the system against the yardstick")
    w("")
    w("Orders per second answered 201 (the system) and committed order transactions per second (the yardstick, "
      "same PostgreSQL server); latencies in ms; median of the runs. Errors are every answer other than 201 and every "
      "request left unanswered, per run.")
    w("")
    w("| clients | system orders/s | p50 | p95 | p99 | errors per run | yardstick READ COMMITTED tps | yardstick SERIALIZABLE tps | system / yardstick RC |")
    w("|---:|---:|---:|---:|---:|---|---:|---:|---:|")
    for c in clients:
        ops = hot_fig(c, "ops")
        rc = yard_fig("rc", c, "tps")
        ratio = f"{ops / rc:.2f}x" if ops is not None and rc else "n/a"
        errors = per_run([r["errors"] if r else None for r in hot[c]])
        w(f"| {c} | {fmt(ops, 1)} | {fmt(hot_fig(c, 'p50'))} | {fmt(hot_fig(c, 'p95'))} | {fmt(hot_fig(c, 'p99'))} "
          f"| {errors} | {fmt(rc, 1)} | {fmt(yard_fig('serializable', c, 'tps'), 1)} | {ratio} |")
    w("")
    w("### The yardstick")
    w("")
    w("pgbench's tps (without connection time) and per-transaction latencies from its transaction log, median of the "
      "runs. SERIALIZABLE retries every serialization failure (`--max-tries=0`, bounded by the run's length): "
      "`retried` transactions needed at least one retry, `retries` is the total.")
    w("")
    w("| clients | isolation | tps | tps per run | p50 | p95 | p99 | failed | retried | retries | cores: machine / PostgreSQL / app / other |")
    w("|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---|")
    for c in clients:
        for iso, label in (("rc", "READ COMMITTED"), ("serializable", "SERIALIZABLE")):
            runs = yard[iso][c]
            cpu = [r.get("cpu") for r in runs if r and r.get("cpu")]
            w(f"| {c} | {label} | {fmt(yard_fig(iso, c, 'tps'), 1)} | {per_run([r['tps'] if r else None for r in runs], 1)} "
              f"| {fmt(yard_fig(iso, c, 'p50'), 1)} | {fmt(yard_fig(iso, c, 'p95'), 1)} | {fmt(yard_fig(iso, c, 'p99'), 1)} "
              f"| {per_run([r['failed'] if r else None for r in runs])} | {per_run([r['retried'] if r else None for r in runs])} "
              f"| {per_run([r['retries'] if r else None for r in runs])} | {cpu_text(cpu, postgres_first=True)} |")
    w("")
    w("### The system, every run")
    w("")
    w("`cores` is where the machine's CPU went during the load phase (shopper set-up excluded): the whole machine, "
      "the application's JVM, PostgreSQL, and the rest (Gatling, Maven, the system).")
    w("")
    w("| clients | run | orders/s | p50 | p95 | p99 | max | answers by status | deal reserved + sold = 201s | cores: machine / app / PostgreSQL / other |")
    w("|---:|---:|---:|---:|---:|---:|---:|---|---|---|")
    for c in clients:
        for r in range(R):
            h = hot[c][r]
            if not h:
                w(f"| {c} | {r + 1} | missing | | | | | | | |")
                continue
            statuses = ", ".join(f"{k}: {v}" for k, v in h["by_status"].items())
            w(f"| {c} | {r + 1} | {fmt(h['orders_per_s'], 1)} | {h['latency_ms']['p50']} | {h['latency_ms']['p95']} "
              f"| {h['latency_ms']['p99']} | {h['latency_ms']['max']} | {statuses} "
              f"| {'yes' if h.get('stock_matches_answers') else '**NO**'} | {cpu_text([h.get('cpu')] if h.get('cpu') else [])} |")
    w("")
    windows_lines(w, [(f"{c} clients, run {r + 1}", hot[c][r]) for c in clients for r in range(R)])
    inconsistent = [r["name"] for iso in yard for c in clients for r in yard[iso][c] if r and r.get("consistent") is False]
    if inconsistent:
        w(f"Yardstick runs whose committed orders differ from pgbench's count: {', '.join(inconsistent)}.")
        w("")

    # ------------------------------------------------------------------ flash sale
    flash = simulation_runs(a.results, "FlashSaleSimulation", a.shoppers, R)
    w(f"## Flash sale: {a.shoppers:,} shoppers within one second, stock {a.stock:,}")
    w("")
    flash_table(w, flash, a.shoppers, a.stock)
    if os.path.exists(os.path.join(os.path.dirname(os.path.abspath(a.out)), "plots", f"flash-{a.shoppers}.png")):
        w(f"![answers over time, {a.shoppers} shoppers](plots/flash-{a.shoppers}.png)")
        w("")
    big = simulation_runs(a.results, "FlashSaleSimulation", a.big_shoppers, R) if a.big_shoppers > 0 else []
    if a.big_shoppers > 0:
        w(f"## Big flash sale: {a.big_shoppers:,} shoppers within one second, stock {a.big_stock:,}")
        w("")
        flash_table(w, big, a.big_shoppers, a.big_stock)
        if os.path.exists(os.path.join(os.path.dirname(os.path.abspath(a.out)), "plots", f"flash-{a.big_shoppers}.png")):
            w(f"![answers over time, {a.big_shoppers} shoppers](plots/flash-{a.big_shoppers}.png)")
            w("")

    # ------------------------------------------------------------------ mixed
    mixed = simulation_runs(a.results, "MixedShoppingSimulation", a.mixed_clients, R)
    w(f"## Mixed shopping: {a.mixed_clients} clients, {a.duration} s")
    w("")
    w("Each client loops: list the active deals, open the deal, order one, then pay about half of the orders, "
      "cancel about a quarter, leave the rest reserved. No think time. Median of the runs.")
    w("")
    present = [m for m in mixed if m]
    if present:
        w(f"- Requests/s (all kinds): {fmt(median([m['requests_per_s'] for m in present]), 1)}; orders/s: "
          f"{fmt(median([m['orders_per_s'] for m in present]), 1)}; errors per run: {per_run([m['errors'] if m else None for m in mixed])}; "
          f"stock agrees with the answers (sold = paid, reserved = orders - paid - canceled): "
          f"{' / '.join(('yes' if m.get('stock_matches_answers') else 'NO') if m else 'n/a' for m in mixed)}; "
          f"cores (machine / app / PostgreSQL / other): {cpu_text([m.get('cpu') for m in present])}.")
        w("")
        w("| request | per second | p50 | p95 | p99 | max | errors per run | answers by status (last run) |")
        w("|---|---:|---:|---:|---:|---:|---|---|")
        names = sorted({n for m in present for n in m["by_request"]},
                       key=lambda n: ["list deals", "deal detail", "place order", "pay", "cancel"].index(n)
                       if n in ["list deals", "deal detail", "place order", "pay", "cancel"] else 99)
        for n in names:
            rs = [m["by_request"].get(n) for m in present]
            rs_ok = [x for x in rs if x]
            last = rs_ok[-1]["by_status"] if rs_ok else {}
            w(f"| {n} | {fmt(median([x['per_second'] for x in rs_ok]), 1)} | {fmt(median([x['latency_ms']['p50'] for x in rs_ok]))} "
              f"| {fmt(median([x['latency_ms']['p95'] for x in rs_ok]))} | {fmt(median([x['latency_ms']['p99'] for x in rs_ok]))} "
              f"| {fmt(median([x['latency_ms']['max'] for x in rs_ok]))} | {per_run([x['errors'] if x else None for x in rs])} "
              f"| {', '.join(f'{k}: {v}' for k, v in last.items())} |")
        w("")
    else:
        w("No mixed-shopping results.")
        w("")

    growth_rows = growth_section(a, w, R)
    cluster_row = cluster_section(w, a, hot)
    cluster_runs = [load_json(os.path.join(a.results, f"HotDealSimulation-100-cluster-{r}.json")) for r in range(1, R + 1)] \
        if a.cluster == "1" else []
    memory_row = memory_section(w, hot, clients, a.results)
    startup_row = startup_section(w, a)
    live_row = live_stock_section(w, a)
    projection_lag_section(w, [("hot deal", c, hot[c]) for c in clients]
                           + [("flash sale", a.shoppers, flash)]
                           + ([("big flash sale", a.big_shoppers, big)] if big else [])
                           + [("mixed shopping", a.mixed_clients, mixed)]
                           + ([("local cluster (query-1's figures)", 100, cluster_runs)] if any(cluster_runs) else []))

    # ------------------------------------------------------------------ targets (written at the top)
    rows = []
    if 100 in clients:
        ops100 = hot_fig(100, "ops")
        rc100 = yard_fig("rc", 100, "tps")
        p99_100 = hot_fig(100, "p99")
        errs100 = sum(r["errors"] for r in hot[100] if r) if any(hot[100]) else None
        rows.append(("hot deal at 100 clients >= 2.0x the yardstick's READ COMMITTED at 100 clients",
                     f"{ops100:,.1f} vs 2 x {rc100:,.1f} = {2 * rc100:,.1f} orders/s ({ops100 / rc100:.2f}x)"
                     if ops100 is not None and rc100 else "runs missing",
                     verdict(ops100 >= 2 * rc100) if ops100 is not None and rc100 else "not measured"))
        rows.append(("hot deal at 100 clients: p99 <= 150 ms",
                     f"{p99_100:,.0f} ms (runs: {per_run([r['latency_ms']['p99'] if r else None for r in hot[100]])})"
                     if p99_100 is not None else "runs missing",
                     verdict(p99_100 <= 150) if p99_100 is not None else "not measured"))
        rows.append(("hot deal at 100 clients: 0 errors",
                     f"{errs100} over {sum(1 for r in hot[100] if r)} run(s)" if errs100 is not None else "runs missing",
                     verdict(errs100 == 0) if errs100 is not None else "not measured"))
    else:
        rows.append(("hot deal at 100 clients", "100 clients not in this run", "not measured"))
    if 10 in clients:
        ops10 = hot_fig(10, "ops")
        rc10 = yard_fig("rc", 10, "tps")
        rows.append(("hot deal at 10 clients >= 1.0x the yardstick (READ COMMITTED) at 10 clients",
                     f"{ops10:,.1f} vs {rc10:,.1f} ({ops10 / rc10:.2f}x)" if ops10 is not None and rc10 else "runs missing",
                     verdict(ops10 >= rc10) if ops10 is not None and rc10 else "not measured"))
    else:
        rows.append(("hot deal at 10 clients >= 1.0x the yardstick", "10 clients not in this run", "not measured"))
    rows.extend(flash_targets(flash, R, a.shoppers, a.stock, 1000,
                              f"flash sale {a.shoppers:,} shoppers, stock {a.stock:,}", answered_row=False))
    if a.big_shoppers > 0:
        rows.extend(flash_targets(big, R, a.big_shoppers, a.big_stock, 3000,
                                  f"flash sale {a.big_shoppers:,} shoppers, stock {a.big_stock:,}", answered_row=True))
    else:
        rows.append(("flash sale 10 000 shoppers, stock 1000", "not run (`BENCH_BIG_SHOPPERS=0`)", "not measured"))
    rows.append(cluster_row)
    rows.extend(growth_rows)
    rows.append(projection_lag_target(hot, clients))
    rows.append(memory_row)
    rows.append(startup_row)
    if live_row:
        rows.append(live_row)
    top = ["## Targets", ""]
    top.append("Each target of the issue, the figure it is judged on (medians of the runs unless a row says otherwise) "
               "and whether it is met; the sections below have every run.")
    top.append("")
    top.append("| target | figure | verdict |")
    top.append("|---|---|---|")
    for target, figure, v in rows:
        top.append(f"| {target} | {figure} | {v} |")
    if quick:
        top.append("")
        top.append("Verdicts of a quick run are indicative only (short runs, one of each, small flash sales).")
    top.append("")
    plots_dir = os.path.join(os.path.dirname(os.path.abspath(a.out)), "plots")
    plot_links = [(f, t) for f, t in (("throughput.png", "hot deal throughput by client count"),
                                       ("latency.png", "hot deal p99 by client count"))
                  if os.path.exists(os.path.join(plots_dir, f))]
    if plot_links:
        top.append("Plots: " + ", ".join(f"[{t}](plots/{f})" for f, t in plot_links) + "; the flash sales' answers "
                   "over time are with their sections.")
        top.append("")
        for f, t in plot_links:
            top.append(f"![{t}](plots/{f})")
            top.append("")
    lines[targets_at:targets_at] = top

    # ------------------------------------------------------------------ failures and logs
    failures = [l for l in open(os.path.join(a.info, "failures.txt")).read().splitlines() if l.strip()] \
        if os.path.exists(os.path.join(a.info, "failures.txt")) else []
    w("## Failed steps")
    w("")
    if failures:
        for f in failures:
            w(f"- {f}")
    else:
        w("None: every simulation and every pgbench run completed.")
    w("")
    errors_path = os.path.join(a.info, "app-errors.txt")
    top_path = os.path.join(a.info, "app-log-top.txt")
    app_errors = open(errors_path).read().strip() if os.path.exists(errors_path) else "?"
    w(f"Application log: {app_errors} ERROR line(s). Most frequent ERROR/WARN lines (count, message):")
    w("")
    top = open(top_path).read().rstrip() if os.path.exists(top_path) else ""
    w("```")
    w(top or "(none)")
    w("```")
    w("")

    # ------------------------------------------------------------------ machine
    w("## Machine")
    w("")
    w("```")
    machine = os.path.join(a.info, "machine.txt")
    w(open(machine).read().rstrip() if os.path.exists(machine) else "(not recorded)")
    w("```")
    w("")
    w("## Files")
    w("")
    w("- `raw/`: every simulation's JSON summary (`<Simulation>-<clients>-<run>.json`) and pgbench's output "
      "(`yardstick-<isolation>-<clients>-<run>.out`).")
    w("- `raw/GrowthSimulation-<clients>-<grow | fresh-N | grown-N>.json`, `raw/growth-deal.json`: the growth check "
      "(the grown deal's id, last event sequence and latest snapshot at the restart).")
    w("- `raw/FlashSaleSimulation-<shoppers>-<run>-answers.csv.gz`: every flash-sale request's send and answer "
      "instant (ms from the first request) and outcome.")
    w("- `raw/HotDealSimulation-100-cluster-<run>.json`: the local cluster's runs; `raw/startup.json`: the start-up "
      "times.")
    w("- `plots/*.png`: the plots above. Gatling's HTML reports are not kept here (`benchmark/target/gatling/` of the "
      "machine that ran it).")
    w("")

    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        f.write("\n".join(lines))
    print(f"report written to {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
