#!/usr/bin/env python3
"""CPU accounting around one benchmark step, from /proc only (read-only; touches no process).

  cpu_sample.py snapshot <app-pid>[,<pid>...] > before.json
  ... run the step ...
  cpu_sample.py diff before.json <app-pid> > cpu.json

The diff says how many cores, on average, the machine was busy, and how much of that was the application's JVM
and the PostgreSQL server's processes; the rest is the load generator (Gatling or pgbench), Maven and the system.
"""
import json
import os
import pwd
import sys
import time

TICKS = os.sysconf("SC_CLK_TCK")


def machine():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields[:8]) - idle, sum(fields[:8])


def read_stat(path):
    """The name and the fields after it of a /proc/.../stat file (the name, in brackets, may hold spaces and brackets);
    the fields list starts at field 3 (1-based): utime and stime are its items 11 and 12, cutime and cstime 13 and 14."""
    with open(path) as f:
        text = f.read()
    return text[text.find("(") + 1:text.rfind(")")], text.rsplit(")", 1)[1].split()


def proc_ticks(pid):
    try:
        rest = read_stat(f"/proc/{pid}/stat")[1]
        return int(rest[11]) + int(rest[12]) + int(rest[13]) + int(rest[14])
    except (OSError, IndexError, ValueError):
        return None


def jit_ticks(pid):
    """Ticks of one JVM's JIT compiler threads (C1 and C2 CompilerThreadN; Linux cuts a thread's name at 15
    characters) by thread id: how much of a step a JVM still spent compiling, so a reader sees whether it was warm."""
    ticks = {}
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    for tid in tasks:
        try:
            name, fields = read_stat(f"/proc/{pid}/task/{tid}/stat")
        except OSError:
            continue
        if "CompilerThre" in name:
            ticks[f"{pid}/{tid}"] = int(fields[11]) + int(fields[12])
    return ticks


def postgres_pids():
    try:
        uid = pwd.getpwnam("postgres").pw_uid
    except KeyError:
        uid = None
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            st = os.stat(f"/proc/{entry}")
            with open(f"/proc/{entry}/comm") as f:
                comm = f.read().strip()
        except OSError:
            continue
        if (uid is not None and st.st_uid == uid) or comm in ("postgres", "postmaster"):
            pids.append(entry)
    return pids


def snapshot(app_pid):
    busy, total = machine()
    pg = {}
    for pid in postgres_pids():
        ticks = proc_ticks(pid)
        if ticks is not None:
            pg[pid] = ticks
    # A cluster's nodes: app_pid is a comma-separated list, "app" their sum and "apps" each one's, in the list's order.
    pids = [pid.strip() for pid in app_pid.split(",") if pid.strip()]
    ticks = [proc_ticks(pid) for pid in pids]
    app = None if not ticks or None in ticks else sum(ticks)
    jit = {}
    for pid in pids:
        jit.update(jit_ticks(pid) or {})
    return {"time": time.time(), "busy": busy, "total": total, "app": app, "apps": ticks, "jit": jit, "postgres": pg}


def diff(before, after):
    seconds = max(after["time"] - before["time"], 1e-6)
    cores = lambda ticks: round(ticks / TICKS / seconds, 2)
    busy = after["busy"] - before["busy"]
    total = after["total"] - before["total"]
    ncpu = os.cpu_count() or 1
    app = (after["app"] - before["app"]) if after["app"] is not None and before["app"] is not None else None
    # Each process's ticks include its children's that ended (cutime), so a backend that ended during the step is
    # counted in the postmaster's ticks with its whole life: what it had used before the step is taken off again (a
    # connection pool retiring its connections would otherwise add half an hour of a backend's CPU to one step).
    # Backends that started during the step count from zero.
    ended = sum(t for pid, t in before["postgres"].items() if pid not in after["postgres"])
    pg = sum(t - before["postgres"].get(pid, 0) for pid, t in after["postgres"].items()) - ended
    machine_cores = round(busy / total * ncpu, 2) if total else None
    result = {
        "seconds": round(seconds, 1),
        "machine_busy_cores": machine_cores,
        "cpus": ncpu,
        "app_cores": cores(app) if app is not None else None,
        # Of app_cores, the JIT's compiler threads (the JVM starts and ends them as the queue of compilations needs:
        # one that ended during the step is not counted, so this is a lower bound).
        "app_jit_cores": cores(sum(t - before["jit"].get(tid, 0) for tid, t in after["jit"].items()))
        if "jit" in before and app is not None else None,
        "postgres_cores": cores(pg),
    }
    apps_before, apps_after = before.get("apps") or [], after.get("apps") or []
    if len(apps_before) > 1 and len(apps_before) == len(apps_after) and None not in apps_before + apps_after:
        result["app_cores_by_node"] = [cores(b - a) for a, b in zip(apps_before, apps_after)]
    if machine_cores is not None:
        result["other_cores"] = round(max(0.0, machine_cores - (result["app_cores"] or 0) - result["postgres_cores"]), 2)
    return result


if __name__ == "__main__":
    if sys.argv[1] == "snapshot":
        print(json.dumps(snapshot(sys.argv[2])))
    elif sys.argv[1] == "diff":
        with open(sys.argv[2]) as f:
            before = json.load(f)
        print(json.dumps(diff(before, snapshot(sys.argv[3]))))
