#!/usr/bin/env bash
# Broadcast to R receivers (10,000) on one Ondine node, then spread over two nodes of a Hazelcast
# cluster (bench/servers/ondine-cluster: the /broadcast of broadcast groups, HazelcastRelay): time
# from the publish to the last receiver, and the servers' CPU per delivered message.
#
#   bench/cluster-broadcast.sh                       # 3 runs of 20 rounds each way (~6-8 minutes)
#   RUNS=1 ROUNDS=5 RECEIVERS=2000 bench/cluster-broadcast.sh
#
# The servers (one, or both nodes) are pinned to SERVER_CPU (0), the load generator to
# LOADGEN_CPU (1): the two nodes share one core, as the single node has one, so the CPU per
# delivery compares like with like. Results: RESULT lines in $OUT/results.jsonl; the medians on
# standard output.
set -u -o pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
RUNS="${RUNS:-3}"
ROUNDS="${ROUNDS:-20}"
RECEIVERS="${RECEIVERS:-10000}"
SIZE="${SIZE:-64}"
SERVER_CPU="${SERVER_CPU:-0}"
LOADGEN_CPU="${LOADGEN_CPU:-1}"
JVM_FLAGS="${JVM_FLAGS:--Xms512m -Xmx512m -XX:+UseG1GC}"
LOADGEN_FLAGS="${LOADGEN_FLAGS:--Xms1g -Xmx1g -XX:+UseG1GC}"
# What Hazelcast asks of the JDK (the samples' jar says so in its manifest).
OPENS="--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED --add-exports java.base/jdk.internal.ref=ALL-UNNAMED"
OUT="${OUT:-$ROOT/bench/results/cluster-$(date -u +%Y%m%dT%H%M%SZ)}"
SERVER_JAR="$ROOT/bench/servers/ondine-cluster/target/bench-server-ondine-cluster.jar"
LOADGEN_JAR="$ROOT/bench/loadgen/target/loadgen.jar"
HTTP1="${HTTP1:-18181}"
HTTP2="${HTTP2:-18182}"
HZ="${HZ:-127.0.0.1:18701-18702}"

mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
: > "$RESULTS"
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
ulimit -Hn 262144 2>/dev/null || true
ulimit -n 262144 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if [[ ! -f "$SERVER_JAR" || ! -f "$LOADGEN_JAR" ]]; then
  log "building (mvn -Pbench package -pl bench/loadgen,bench/servers/ondine-cluster -am)"
  (cd "$ROOT" && mvn -B -q -Pbench -pl bench/loadgen,bench/servers/ondine-cluster -am package -DskipTests) || exit 1
fi

PIDS=()
start() { # log-name port [--cluster SPEC]
  local slog="$OUT/server-$1.log"
  : > "$slog" # emptied before the server starts: the wait below must not find the last run's line
  # shellcheck disable=SC2086
  taskset -c "$SERVER_CPU" java $JVM_FLAGS $OPENS -jar "$SERVER_JAR" --port "$2" "${@:3}" > "$slog" 2>&1 &
  local pid=$!
  for _ in $(seq 600); do
    grep -q listening "$slog" 2>/dev/null && { log "$(grep -m1 listening "$slog") (pid $pid)"; PIDS+=("$pid"); return 0; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  log "server did not start, see $slog"; kill -KILL "$pid" 2>/dev/null; return 1
}
stop_all() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 150); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null
  done
  PIDS=()
}
trap stop_all EXIT
loadgen() { # label args...
  # shellcheck disable=SC2086
  timeout 900 taskset -c "$LOADGEN_CPU" java $LOADGEN_FLAGS -jar "$LOADGEN_JAR" --label "$1" --scenario broadcast \
    --receivers "$RECEIVERS" --rounds "$ROUNDS" --size "$SIZE" --open-timeout 240 "${@:2}" 2>>"$OUT/loadgen.log" \
    | sed -n 's/^RESULT //p' | tee -a "$RESULTS"
}

for run in $(seq "$RUNS"); do
  log "run $run: one node, $RECEIVERS receivers"
  start one "$HTTP1" || exit 1
  loadgen one-node --port "$HTTP1" --server-pids "${PIDS[0]}"
  stop_all
  log "run $run: two nodes, $RECEIVERS receivers spread over them"
  start node1 "$HTTP1" --cluster "$HZ" || exit 1
  start node2 "$HTTP2" --cluster "$HZ" || exit 1
  loadgen two-nodes --ports "$HTTP1,$HTTP2" --server-pids "${PIDS[0]},${PIDS[1]}"
  stop_all
done

python3 - "$RESULTS" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
for label in ("one-node", "two-nodes"):
    rs = [r for r in rows if r.get("server") == label]
    if not rs:
        continue
    med = lambda k: statistics.median(r[k] for r in rs if k in r)
    print(f"{label}: runs {len(rs)}, median of run medians {med('median_ms')} ms to the last of "
          f"{rs[0]['receivers']} receivers (max {max(r['max_ms'] for r in rs)} ms), server CPU "
          f"{med('server_cpu_us_per_delivery')} us per delivered message, rounds complete "
          f"{min(r['rounds_complete'] for r in rs)}/{rs[0]['rounds']}, min received {min(r['min_received'] for r in rs)}")
PY
log "results: $RESULTS"
