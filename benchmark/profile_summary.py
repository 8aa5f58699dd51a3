#!/usr/bin/env python3
"""Where the application's CPU went in an async-profiler profile (profile.sh's ASPROF=1): per thread kind, by library.

    python3 benchmark/profile_summary.py profile.collapsed

The profile holds one line a distinct stack (thread first, the innermost frame last, then its samples). Each sample
counts once for its thread kind (numbers in thread names removed) and for the innermost frame's owner: the kernel, the
JVM itself (its garbage collector, compilers and runtime), or the innermost frame of a known library (jfr_summary.py's
list; the JDK when none is on the stack). Then the request threads' samples by layer of the request (LAYERS below), the
frames with most samples of their own, and the methods of this project and Axon with the largest share of samples on
their stack.
"""
import collections
import re
import sys

from jfr_summary import library_of

# A request thread's sample counts for the innermost of these frames on its stack (the order's own work first, the
# connection's last), so that the layers of a request add up to its thread's share.
LAYERS = [
    ("OrderPlacement.place", "the order (command, group commit, read-model wait)"),
    ("writeWithMessageConverters", "the answer's body (JSON, written to the socket)"),
    ("processHandlerException", "a refusal's exception resolved to its answer"),
    ("readWithMessageConverters", "the request's body (JSON)"),
    ("resolveArgument", "the handler's other arguments, validation"),
    ("RateLimitFilter.doFilterInternal", "rate limits"),
    ("BearerTokenAuthenticationFilter", "the bearer token (decoded, the account's status)"),
    ("FilterChainProxy", "Spring Security's other filters"),
    ("ServerHttpObservationFilter", "the request's observation (metrics, tracing)"),
    ("DispatcherServlet", "Spring MVC's other work"),
    ("ApplicationFilterChain", "the other servlet filters"),
    ("Http11Processor.service", "Tomcat: the request (parse, answer)"),
]


def owner(frames):
    if frames[-1].endswith("_[k]"):
        return "kernel"
    if not any("/" in frame for frame in frames):
        return "jvm (native)"
    return library_of(list(reversed(frames)))


def main(path):
    by_thread = collections.defaultdict(collections.Counter)
    own = collections.Counter()
    on_stack = collections.Counter()
    layers = collections.Counter()
    total = 0
    for line in open(path):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack:
            continue
        n = int(count)
        frames = stack.split(";")
        thread = re.sub(r"\s*tid=\d+", "", frames[0].strip("[]"))
        frames = frames[1:] or ["?"]
        if any("BCrypt" in frame for frame in frames):
            continue
        total += n
        by_thread[re.sub(r"\d+", "N", thread)][owner(frames)] += n
        own[frames[-1]] += n
        if thread.startswith("http-nio-") and "-exec-" in thread:
            layers[next((name for frame in reversed(frames) for marker, name in LAYERS if marker in frame),
                        "Tomcat: the connection (read, poll, close)")] += n
        for frame in set(frames):
            if "bbossiregi" in frame or "axonframework" in frame:
                on_stack[frame] += n
    if not total:
        print("no samples")
        return
    print(f"{total} counted (CPU samples; bytes in an allocation profile), bcrypt set-up excluded; shares of all")
    for kind, owners in sorted(by_thread.items(), key=lambda item: -sum(item[1].values())):
        share = sum(owners.values()) * 100 / total
        if share >= 0.2:
            print(f"\n{share:5.1f}% {kind}: " + ", ".join(f"{o} {c * 100 / total:.1f}" for o, c in owners.most_common()))
    if layers:
        print(f"\nthe request threads ({sum(layers.values()) * 100 / total:.1f}%) by layer")
        for layer, count in layers.most_common():
            print(f"{count * 100 / total:5.1f}% {layer}")
    print("\nframes with the most samples of their own")
    for frame, count in own.most_common(40):
        print(f"{count * 100 / total:5.1f}% {frame}")
    print("\nmethods of this project and Axon on the stack (inclusive share)")
    for frame, count in on_stack.most_common(40):
        print(f"{count * 100 / total:5.1f}% {frame}")


if __name__ == "__main__":
    main(sys.argv[1])
