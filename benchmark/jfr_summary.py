#!/usr/bin/env python3
"""Where the application's CPU went in a Flight Recorder profile: per thread kind, split by library.

    python3 benchmark/jfr_summary.py hot.jfr

Each execution sample is counted once, for its thread kind (numbers in thread names removed) and for the library of
the innermost frame that belongs to a known library (the JDK itself only when nothing else is on the stack), then
the methods of this project and Axon with the largest share of samples on their stack. Samples taken while shoppers
register (bcrypt) are left out: that is the harness's set-up, not the measured load.
"""
import collections
import re
import subprocess
import sys

LIBRARIES = [
    ("jwt", r"Jwt|nimbus"), ("micrometer", r"micrometer"), ("pgjdbc", r"org\.postgresql"), ("hikari", r"zaxxer"),
    ("jackson", r"jackson"), ("axon serializer", r"axonframework\.serialization"),
    ("axon event store", r"eventsourcing\.eventstore"), ("axon unit of work", r"unitofwork"),
    ("axon other", r"axonframework"), ("spring security", r"springframework\.security"),
    ("spring mvc", r"springframework\.web"), ("spring jdbc/tx", r"springframework\.(jdbc|transaction)"),
    ("tomcat", r"apache\.(catalina|coyote|tomcat)"), ("db-scheduler", r"kagkarlsson"), ("this project", r"bbossiregi"),
]


def library_of(frames):
    """The library of the innermost frame (frames innermost first) that belongs to a known one; else the JDK."""
    return next((name for frame in frames for name, pattern in LIBRARIES if re.search(pattern, frame)), "jdk")


def main(path):
    text = subprocess.run(["jfr", "print", "--stack-depth", "200", "--events", "jdk.ExecutionSample", path],
                          check=True, capture_output=True, text=True).stdout
    samples = [s for s in text.split("jdk.ExecutionSample")[1:] if "BCrypt" not in s]
    if not samples:
        print("no execution samples")
        return
    by_thread = collections.defaultdict(collections.Counter)
    on_stack = collections.Counter()
    for sample in samples:
        thread = re.search(r'sampledThread = "([^"]*)"', sample)
        kind = re.sub(r"\d+", "N", thread.group(1)) if thread else "?"
        frames = re.findall(r"^\s+([\w$./<>]+)\(", sample, re.M)
        library = library_of(frames)
        by_thread[kind][library] += 1
        for frame in set(frames):
            if "bbossiregi" in frame or "axonframework" in frame:
                on_stack[frame] += 1
    n = len(samples)
    print(f"{n} samples (bcrypt set-up excluded); shares of all samples")
    for kind, libraries in sorted(by_thread.items(), key=lambda item: -sum(item[1].values())):
        share = sum(libraries.values()) * 100 / n
        print(f"\n{share:5.1f}% {kind}: " + ", ".join(f"{lib} {c * 100 / n:.1f}" for lib, c in libraries.most_common()))
    print("\nmethods of this project and Axon on the stack (inclusive share)")
    for frame, count in on_stack.most_common(40):
        print(f"{count * 100 / n:5.1f}% {frame}")


if __name__ == "__main__":
    main(sys.argv[1])
