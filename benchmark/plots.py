#!/usr/bin/env python3
"""The report's plots (PNG, matplotlib), from the same files as report.py:

  throughput.png   hot deal: orders/s by client count, the system against the yardstick (READ COMMITTED, SERIALIZABLE)
  latency.png      hot deal: p99 by client count, same three lines
  flash-<N>.png    each flash sale of N shoppers: answers per 100 ms over time by outcome (last run), and when each
                   request was sent

Called by benchmark/run.sh; by hand:
  python3 benchmark/plots.py --results benchmark/target/results --yardstick benchmark/target/yardstick \
      --out /tmp/plots --clients "10 100 500" --repeat 3 --flash 1000 --flash 10000
"""
import argparse
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import median, simulation_runs, yardstick_run  # noqa: E402


def hot_deal_plots(a, out):
    clients = [int(c) for c in a.clients.split()]
    system_ops, system_p99 = [], []
    yard = {"rc": ([], []), "serializable": ([], [])}
    for c in clients:
        runs = [r for r in simulation_runs(a.results, "HotDealSimulation", c, a.repeat) if r]
        system_ops.append(median([r["orders_per_s"] for r in runs]))
        system_p99.append(median([r["latency_ms"]["p99"] for r in runs]))
        for iso, (ops, p99) in yard.items():
            ys = [y for y in (yardstick_run(a.yardstick, iso, c, r) for r in range(1, a.repeat + 1)) if y]
            ops.append(median([y["tps"] for y in ys]))
            p99.append(median([y["p99"] for y in ys]))
    series = [("system (HTTP, end to end)", system_ops, system_p99, "tab:blue", "o"),
              ("yardstick READ COMMITTED", yard["rc"][0], yard["rc"][1], "tab:green", "s"),
              ("yardstick SERIALIZABLE", yard["serializable"][0], yard["serializable"][1], "tab:red", "^")]
    written = []
    for name, index, ylabel, title in (("throughput.png", 1, "orders / transactions per second", "Hot deal: throughput"),
                                       ("latency.png", 2, "p99 latency (ms)", "Hot deal: p99 latency")):
        fig, ax = plt.subplots(figsize=(7, 4.2), dpi=100)
        for s in series:
            points = [(c, v) for c, v in zip(clients, s[index]) if v is not None]
            if points:
                ax.plot([p[0] for p in points], [p[1] for p in points], label=s[0], color=s[3], marker=s[4])
        ax.set_xscale("log")
        ax.set_xticks(clients)
        ax.set_xticklabels([str(c) for c in clients])
        ax.set_xlabel("closed-model clients")
        ax.set_ylabel(ylabel)
        if index == 2:
            ax.set_yscale("log")
        ax.set_title(title + " (median of the runs)")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
        fig.tight_layout()
        fig.savefig(os.path.join(out, name))
        plt.close(fig)
        written.append(name)
    return written


def flash_plot(a, out, shoppers):
    """Answers per 100 ms by outcome over the last run's timeline, with the sends as a line."""
    for run in range(a.repeat, 0, -1):
        path = os.path.join(a.results, f"FlashSaleSimulation-{shoppers}-{run}-answers.csv")
        if os.path.exists(path):
            break
    else:
        return None
    rows = list(csv.DictReader(open(path)))
    if not rows:
        return None
    bucket = 100
    end = max(int(r["answered_ms"]) for r in rows)
    n = end // bucket + 1
    outcomes = {}
    sent = [0] * n
    for r in rows:
        o = r["outcome"]
        label = "201 reserved" if o == "201" else ("409 sold out" if o == "409 INSUFFICIENT_STOCK" else o)
        outcomes.setdefault(label, [0] * n)[int(r["answered_ms"]) // bucket] += 1
        sent[min(n - 1, int(r["sent_ms"]) // bucket)] += 1
    xs = [i * bucket / 1000 for i in range(n)]
    fig, ax = plt.subplots(figsize=(8, 4.2), dpi=100)
    colors = {"201 reserved": "tab:green", "409 sold out": "tab:blue"}
    bottom = [0] * n
    for label in sorted(outcomes, key=lambda k: (k not in colors, k)):
        values = outcomes[label]
        ax.bar(xs, values, width=bucket / 1000, align="edge", bottom=bottom, label=f"answered {label}",
               color=colors.get(label, "tab:red"))
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.step(xs, sent, where="post", color="black", linewidth=1, label="requests sent")
    ax.set_xlabel("seconds from the first request")
    ax.set_ylabel(f"per {bucket} ms")
    ax.set_title(f"Flash sale, {shoppers:,} shoppers (run {run}): answers over time")
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    name = f"flash-{shoppers}.png"
    fig.savefig(os.path.join(out, name))
    plt.close(fig)
    return name


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--yardstick", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--clients", default="10 100 500")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--flash", type=int, action="append", default=[], help="a flash sale's shopper count (repeatable)")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    written = hot_deal_plots(a, a.out)
    for shoppers in a.flash:
        if shoppers > 0:
            name = flash_plot(a, a.out, shoppers)
            if name:
                written.append(name)
    print("plots: " + ", ".join(written), file=sys.stderr)


if __name__ == "__main__":
    main()
