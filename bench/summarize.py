#!/usr/bin/env python3
"""Summarises bench/run-all.sh results (one JSON object per line) as Markdown tables:
per scenario, each server's figure (median over repeats) and its ratio to the best."""
import json
import statistics
import sys
from collections import OrderedDict, defaultdict

ORDER = ["jetty", "undertow", "tomcat", "tyrus", "netty", "ondine", "ondine-inline", "ondine-tomcat", "payara", "ondine-payara"]
# In-container pairs: Ondine's servlet transport inside a container, against that container's
# own WebSocket implementation (same connector, same context, same JVM flags).
IN_CONTAINER = [("ondine-tomcat", "tomcat"), ("ondine-payara", "payara")]


def cases(r):
    """(table title, row key, metric, unit, higher_is_better) for each figure of a result."""
    s = r["scenario"]
    if s == "echo":
        key = f'{r["conns"]} conn, {r["type"]} {fmt_size(r["size"])}, {r["inflight"]} in flight'
        if r.get("deflate", "off") != "off":
            key += f', deflate {r["deflate"]} ({r.get("deflate_conns", 0)} of {r.get("open", 0)} compressed)'
        if r["inflight"] == 1:
            yield ("echo latency p50 (µs, lower is better)", key, "p50_us", False)
            yield ("echo latency p99 (µs, lower is better)", key, "p99_us", False)
            yield ("echo latency p99.9 (µs, lower is better)", key, "p999_us", False)
        yield ("echo throughput (messages/s, higher is better)", key, "msgs_per_s", True)
        if "server_cpu_us_per_msg" in r and r["msgs"] > 0:
            # CPU per echo compares servers even where the generator's core, not the server's,
            # set the rate (loadgen_cpu near 1.0 in the JSON): see docs/benchmarks.md.
            yield ("server CPU per echo (µs of user + system time, lower is better)", key, "server_cpu_us_per_msg", False)
            # Plain figures, no ratio (None): neither more nor less is better in itself.
            yield ("server cores busy during the echo window (of the 1 it is pinned to)", key, "server_cpu", None)
            yield ("load generator cores busy during the echo window (near 1.00: the generator set the rate)", key, "loadgen_cpu", None)
    elif s == "handshakes":
        yield ("handshakes (open, one echo, close) per second, higher is better", f'{r["workers"]} workers', "handshakes_per_s", True)
    elif s == "idle":
        idle = f'{r["conns"]} idle'
        if r.get("deflate", "off") != "off":
            idle += f' after {r.get("idle_messages", 0)} echoes of {fmt_size(r.get("size", 0))}, deflate {r["deflate"]}' \
                    f' ({r.get("deflate_conns", 0)} compressed)'
        if "heap_bytes_per_conn" in r:
            yield ("idle connections: heap bytes per connection after full GC (lower is better)", idle, "heap_bytes_per_conn", False)
            yield ("idle connections: RSS bytes per connection (lower is better)", idle, "rss_bytes_per_conn", False)
        yield ("idle connections: opened per second while connecting (higher is better)", idle, "opens_per_s", True)
    elif s == "broadcast":
        if r.get("rounds_complete", 0) > 0:
            yield ("broadcast: ms until all receivers have the message, median of rounds (lower is better)", f'{r["receivers"]} receivers', "median_ms", False)


def fmt_size(n):
    return f"{n // 1024} KiB" if n >= 1024 and n % 1024 == 0 else f"{n} B"


def fmt(v):
    if v >= 100:
        return f"{v:,.0f}"
    return f"{v:,.1f}"


def main(path):
    tables = OrderedDict()
    failures = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            r = json.loads(line)
            if r["server"].endswith("-jfr"):
                continue
            if r.get("errors", 0) or r.get("mismatches", 0):
                failures.append(r)
            for title, key, metric, higher in cases(r):
                t = tables.setdefault(title, {"higher": higher, "rows": OrderedDict()})
                t["rows"].setdefault(key, defaultdict(list))[r["server"]].append(r[metric])
    servers = [s for s in ORDER if any(s in row for t in tables.values() for row in t["rows"].values())]
    servers += sorted({s for t in tables.values() for row in t["rows"].values() for s in row} - set(servers))
    for title, t in tables.items():
        print(f"\n### {title}\n")
        print("| case | " + " | ".join(servers) + " |")
        print("|---|" + "---|" * len(servers))
        for key, row in t["rows"].items():
            med = {s: statistics.median(v) for s, v in row.items() if v}
            if t["higher"] is None:
                cells = [f"{med[s]:.2f}" if s in med else "—" for s in servers]
                print(f"| {key} | " + " | ".join(cells) + " |")
                continue
            valid = [v for v in med.values() if v > 0]
            best = (max(valid) if t["higher"] else min(valid)) if valid else None
            cells = []
            for s in servers:
                if s not in med:
                    cells.append("—")
                    continue
                v = med[s]
                if best and v > 0:
                    ratio = v / best
                    cells.append(f"{fmt(v)} ({ratio:.2f}×)" + (" **best**" if v == best else ""))
                else:
                    cells.append(fmt(v))
            print(f"| {key} | " + " | ".join(cells) + " |")
    print_in_container(tables)
    if failures:
        print("\n### Runs with errors\n")
        for r in failures:
            keys = ("server", "scenario", "conns", "receivers", "workers", "type", "size", "inflight", "errors", "mismatches", "error_kinds", "open", "rounds_complete", "min_received")
            print("- " + ", ".join(f"{k}={r[k]}" for k in keys if k in r))


def print_in_container(tables):
    """For each in-container pair present: Ondine's figure over the container's own, per case
    (above 1.00 means Ondine is better, whichever way the metric runs)."""
    for ondine, own in IN_CONTAINER:
        rows = []
        for title, t in tables.items():
            if t["higher"] is None:
                continue
            for key, row in t["rows"].items():
                if row.get(ondine) and row.get(own):
                    a, b = statistics.median(row[ondine]), statistics.median(row[own])
                    if a > 0 and b > 0:
                        ratio = a / b if t["higher"] else b / a
                        rows.append(f"| {title.split(' (')[0]} | {key} | {fmt(a)} | {fmt(b)} | {ratio:.2f}× |")
        if rows:
            print(f"\n### In the container: {ondine} against {own}'s own implementation\n")
            print(f"| metric | case | {ondine} | {own} | advantage |")
            print("|---|---|---|---|---|")
            print("\n".join(rows))


if __name__ == "__main__":
    main(sys.argv[1])
