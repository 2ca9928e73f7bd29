#!/usr/bin/env bash
# Load tests of Ondine against Jetty, Undertow, Tomcat, Tyrus and raw Netty, one server after
# the other on the same machine, with the same JVM flags, the server pinned to CPU 0 and the
# load generator (bench/loadgen, its own RFC 6455 client) pinned to CPU 1.
#
#   bench/run-all.sh                 # quick pass (~5-8 minutes on 2 cores)
#   MODE=full bench/run-all.sh       # the documented full run (~1 hour)
#   SERVERS="ondine netty" SCENARIOS="echo idle" DURATION=5 bench/run-all.sh
#
# Environment (defaults are the quick pass; MODE=full changes the ones marked *):
#   SERVERS      jetty undertow tomcat tyrus netty ondine ondine-tomcat payara ondine-payara
#                (ondine-tomcat: Ondine's servlet transport in the tomcat server's Tomcat; payara:
#                Payara 6 embedded with its own Tyrus; ondine-payara: the same Payara with Ondine
#                in the WAR. The two pairs are the in-container comparison.) Not in the default list:
#                ondine-inline, the ondine jar with its /echo on the reading thread (@OnReadingThread,
#                -Dbench.onReadingThread=true).
#   SCENARIOS    echo handshakes idle broadcast
#   WARMUP*      seconds of warmup before each measured window (quick 2, full 10)
#   DURATION*    measured seconds per echo case and for handshakes (quick 3, full 30)
#   REPEAT*      measured runs per echo case and of handshakes; the table shows the median (quick 1, full 3)
#   ECHO_CASES*  space-separated CONNS:TYPE:SIZE:INFLIGHT (see below)
#   HS_WORKERS   concurrent handshake workers (16)
#   IDLE_CONNS*  idle connection counts (quick "10000", full "10000 50000")
#   BC_RECEIVERS broadcast receivers (10000);  BC_ROUNDS (quick 5, full 20)
#   JVM_FLAGS    server JVM flags (-Xms1g -Xmx1g -XX:+UseG1GC -XX:+AlwaysPreTouch -XX:+ExitOnOutOfMemoryError:
#                a server out of heap, as Tomcat's own at 1,000 connections, then dies and is
#                started again for the next case instead of hanging every later case)
#   LOADGEN_FLAGS load generator JVM flags (-Xms2g -Xmx2g -XX:+UseG1GC)
#   SERVER_CPU / LOADGEN_CPU   taskset CPU lists (0 / 1)
#   BUILD        auto (build when a jar is missing) | always | never
#   OUT          result folder (bench/results/<UTC time>)
#   ROUNDS       passes over all servers, one after the other: the medians then come from
#                interleaved rounds, not from one server's consecutive runs (1)
#   DEFLATE      off | on | nocontext: the load generator offers permessage-deflate (with context
#                takeover, or without on both sides) and sends compressed JSON-like text; the
#                servers get -Dbench.deflate=true (Netty and Undertow turn deflate on with it; Jetty,
#                Tomcat and Ondine accept it by default; Tyrus does not offer it) (off)
#   IDLE_MESSAGES  idle: echoes each connection exchanges (of IDLE_SIZE bytes, text) before it is
#                held idle and measured (0); IDLE_SETTLE: seconds idle before measuring (2)
#   TRIM_NATIVE  1: jcmd System.trim_native_heap before each RSS reading (freed malloc memory back
#                to the OS, so RSS shows what is held, not what glibc keeps for reuse) (0)
#   SERVER_JAR   the jar to run instead of the built one (one server in SERVERS: an older build to compare)
#   JFR          a server name: after its scenarios, one more run of the 64-connection,
#                32-in-flight 1 KiB echo with JFR on (JFR_SECONDS, 30), and its top frames
set -u -o pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
MODE="${MODE:-quick}"
if [[ "$MODE" == full ]]; then
  : "${WARMUP:=10}" "${DURATION:=30}" "${REPEAT:=3}" "${IDLE_CONNS:=10000 50000}" "${BC_ROUNDS:=20}"
  : "${ECHO_CASES:=1:text:64:1 1:binary:1024:1 1:binary:65536:1 64:text:64:1 64:binary:1024:1 64:binary:65536:1 1000:text:64:1 1000:binary:1024:1 1000:binary:65536:1 1:text:64:32 1:binary:1024:32 1:binary:65536:32 64:text:64:32 64:binary:1024:32 64:binary:65536:32 1000:text:64:32 1000:binary:1024:32}"
else
  : "${WARMUP:=2}" "${DURATION:=3}" "${REPEAT:=1}" "${IDLE_CONNS:=10000}" "${BC_ROUNDS:=5}"
  : "${ECHO_CASES:=1:text:64:1 64:text:64:1 1000:text:64:1 64:text:64:32 64:binary:1024:32 64:binary:65536:32 1000:binary:1024:32}"
fi
SERVERS="${SERVERS:-jetty undertow tomcat tyrus netty ondine ondine-tomcat payara ondine-payara}"
SCENARIOS="${SCENARIOS:-echo handshakes idle broadcast}"
HS_WORKERS="${HS_WORKERS:-16}"
BC_RECEIVERS="${BC_RECEIVERS:-10000}"
JVM_FLAGS="${JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseG1GC -XX:+AlwaysPreTouch -XX:+ExitOnOutOfMemoryError}"
LOADGEN_FLAGS="${LOADGEN_FLAGS:--Xms2g -Xmx2g -XX:+UseG1GC}"
SERVER_CPU="${SERVER_CPU:-0}"
LOADGEN_CPU="${LOADGEN_CPU:-1}"
BUILD="${BUILD:-auto}"
OUT="${OUT:-$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)}"
JFR="${JFR:-}"
JFR_SECONDS="${JFR_SECONDS:-30}"
BASE_PORT="${BASE_PORT:-18080}"
ROUNDS="${ROUNDS:-1}"
DEFLATE="${DEFLATE:-off}"
IDLE_MESSAGES="${IDLE_MESSAGES:-0}"
IDLE_SIZE="${IDLE_SIZE:-64}"
IDLE_SETTLE="${IDLE_SETTLE:-2}"
TRIM_NATIVE="${TRIM_NATIVE:-0}"
DEFLATE_ARGS=(--deflate "$DEFLATE")
[[ "$DEFLATE" != off ]] && JVM_FLAGS="$JVM_FLAGS -Dbench.deflate=true"

mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
LOG="$OUT/run.log"
: > "$RESULTS"

log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$LOG" >&2; }

# Tens of thousands of sockets: raise the open-files limit (root may raise the hard limit too).
ulimit -Hn 262144 2>/dev/null || true
ulimit -n 262144 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
log "open files limit: $(ulimit -n)"

server_module() { if [[ $1 == ondine-inline ]]; then echo ondine; else echo "$1"; fi; }
server_jar() { local m; m=$(server_module "$1"); echo "${SERVER_JAR:-$ROOT/bench/servers/$m/target/bench-server-$m.jar}"; }
server_flags() { if [[ $1 == ondine-inline ]]; then echo "-Dbench.onReadingThread=true"; fi; }
LOADGEN_JAR="$ROOT/bench/loadgen/target/loadgen.jar"

need_build=0
[[ "$BUILD" == always ]] && need_build=1
if [[ "$BUILD" == auto ]]; then
  [[ -f "$LOADGEN_JAR" ]] || need_build=1
  for s in $SERVERS; do [[ -f "$(server_jar "$s")" ]] || need_build=1; done
fi
if (( need_build )); then
  log "building the load generator and the servers (mvn -Pbench package)"
  modules="bench/loadgen"
  for s in $SERVERS; do modules="$modules,bench/servers/$(server_module "$s")"; done
  (cd "$ROOT" && mvn -B -q package -Pbench -pl "$modules" -am -DskipTests) >> "$LOG" 2>&1 \
    || { log "build failed, see $LOG"; exit 1; }
fi

{
  echo "date_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "mode: $MODE  warmup: $WARMUP s  duration: $DURATION s  repeat: $REPEAT"
  echo "nproc: $(nproc)  cpu: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p')"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "server JVM: taskset -c $SERVER_CPU java $JVM_FLAGS -jar ...;  loadgen JVM: taskset -c $LOADGEN_CPU java $LOADGEN_FLAGS"
  echo "git: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt" | tee -a "$LOG" >&2

SERVER_PID=""
start_server() { # name port [extra JVM flags...]
  local name=$1 port=$2; shift 2
  STARTS=$((${STARTS:-0} + 1))
  local slog="$OUT/server-$name-$STARTS.log"
  : > "$slog"
  # shellcheck disable=SC2086
  taskset -c "$SERVER_CPU" java $JVM_FLAGS $(server_flags "$name") "$@" -jar "$(server_jar "$name")" --port "$port" >> "$slog" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1800); do # Payara may take a minute or more to start on a busy machine
    if grep -q "listening" "$slog" 2>/dev/null; then
      log "$name: $(grep -m1 listening "$slog") (pid $SERVER_PID)"
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  log "$name: did not start, see $slog"
  stop_server
  return 1
}

stop_server() {
  [[ -n "$SERVER_PID" ]] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null
  for _ in $(seq 150); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    log "server pid $SERVER_PID still running 15 s after SIGTERM: SIGKILL"
    kill -KILL "$SERVER_PID" 2>/dev/null
  fi
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
}
trap 'stop_server; exit 130' INT TERM

loadgen() { # args...; RESULT lines go to $RESULTS, the rest to the log
  # shellcheck disable=SC2086
  timeout 600 taskset -c "$LOADGEN_CPU" java $LOADGEN_FLAGS -jar "$LOADGEN_JAR" "$@" 2>>"$LOG" \
    | tee -a "$LOG" | sed -n 's/^RESULT //p' >> "$RESULTS"
}

heap_used_bytes() { # pid: used heap after a full GC, in bytes
  jcmd "$1" GC.run > /dev/null 2>&1
  sleep 0.5
  jcmd "$1" GC.heap_info 2>/dev/null | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1 | awk '{print $1*1024}'
}
rss_bytes() {
  [[ "$TRIM_NATIVE" == 1 ]] && jcmd "$1" System.trim_native_heap > /dev/null 2>&1
  awk '/^VmRSS:/ {print $2*1024}' "/proc/$1/status"
}

run_idle() { # name port conns
  local name=$1 port=$2 n=$3
  local hold="$OUT/hold-$name-$n" out="$OUT/idle-$name-$n.out"
  rm -f "$hold"
  local heap0 rss0 heap1 rss1
  heap0=$(heap_used_bytes "$SERVER_PID"); rss0=$(rss_bytes "$SERVER_PID")
  # shellcheck disable=SC2086
  timeout 600 taskset -c "$LOADGEN_CPU" java $LOADGEN_FLAGS -jar "$LOADGEN_JAR" --label "$name" --port "$port" \
    --scenario idle --conns "$n" --hold-file "$hold" --open-timeout 240 "${DEFLATE_ARGS[@]}" \
    --idle-messages "$IDLE_MESSAGES" --size "$IDLE_SIZE" > "$out" 2>>"$LOG" &
  local lg=$!
  for _ in $(seq 2500); do grep -q '^READY' "$out" 2>/dev/null && break; kill -0 $lg 2>/dev/null || break; sleep 0.1; done
  local ready; ready=$(grep -m1 '^READY' "$out")
  log "$name idle $n: $ready"
  sleep "$IDLE_SETTLE"
  heap1=$(heap_used_bytes "$SERVER_PID"); rss1=$(rss_bytes "$SERVER_PID")
  log "$name idle $n: server threads $(awk '/^Threads:/ {print $2}' "/proc/$SERVER_PID/status")"
  touch "$hold"
  wait $lg
  local open; open=$(echo "$ready" | sed -n 's/.*open=\([0-9]*\).*/\1/p'); open=${open:-0}
  local line; line=$(sed -n 's/^RESULT //p' "$out")
  cat "$out" >> "$LOG"
  if [[ -n "$line" && "$open" -gt 0 && -n "$heap0" && -n "$heap1" ]]; then
    local hb=$(( (heap1 - heap0) / open )) rb=$(( (rss1 - rss0) / open ))
    echo "${line%\}},\"heap_before\":$heap0,\"heap_after\":$heap1,\"rss_before\":$rss0,\"rss_after\":$rss1,\"heap_bytes_per_conn\":$hb,\"rss_bytes_per_conn\":$rb}" >> "$RESULTS"
    log "$name idle $n: heap $heap0 -> $heap1 B, RSS $rss0 -> $rss1 B: $hb heap B/conn, $rb RSS B/conn"
  else
    log "$name idle $n: no result (open=$open)"
    [[ -n "$line" ]] && echo "$line" >> "$RESULTS"
  fi
  rm -f "$hold"
}

run_jfr() { # name port
  local name=$1 port=$2 jfr="$OUT/$name-echo64x32.jfr"
  start_server "$name" "$port" -XX:+FlightRecorder "-XX:StartFlightRecording=duration=${JFR_SECONDS}s,filename=$jfr" || return
  loadgen --label "$name-jfr" --port "$port" --scenario echo --conns 64 --type binary --size 1024 --inflight 32 \
    --warmup 0 --duration "$JFR_SECONDS"
  sleep 2
  stop_server
  if [[ -f "$jfr" ]]; then
    jfr print --events jdk.ExecutionSample "$jfr" > "$OUT/$name-samples.txt" 2>/dev/null
    # top frames (the first 'at' line of each sample) and all frames
    awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); print}' "$OUT/$name-samples.txt" | sed 's/line:.*//' \
      | sort | uniq -c | sort -rn | head -30 > "$OUT/$name-top-frames.txt"
    grep 'line:' "$OUT/$name-samples.txt" | sed 's/^[ \t]*//; s/line:.*//' \
      | sort | uniq -c | sort -rn | head -40 > "$OUT/$name-all-frames.txt"
    log "JFR of $name: $OUT/$name-top-frames.txt"
    cat "$OUT/$name-top-frames.txt" >&2
  fi
}

# A server that died in one case (Tomcat runs out of heap at 1,000 connections) is started
# again for the next case, so that one failure does not empty the rest of its column.
ensure_server() { # name port
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    return 0
  fi
  log "$1: SERVER DIED, see $OUT/server-$1-$STARTS.log; starting it again for the next case"
  DIED="$DIED $1"
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
  start_server "$1" "$2"
}
DIED=""

for round in $(seq "$ROUNDS"); do
(( ROUNDS > 1 )) && log "round $round of $ROUNDS"
index=0
for name in $SERVERS; do
  index=$((index + 1))
  port=$((BASE_PORT + index))
  start_server "$name" "$port" || continue
  for scenario in $SCENARIOS; do
    ensure_server "$name" "$port" || break
    log "$name: $scenario (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    case $scenario in
      echo)
        for c in $ECHO_CASES; do
          IFS=: read -r conns type size inflight <<< "$c"
          for _ in $(seq "$REPEAT"); do
            ensure_server "$name" "$port" || break
            loadgen --label "$name" --port "$port" --server-pid "$SERVER_PID" --scenario echo --conns "$conns" --type "$type" \
              --size "$size" --inflight "$inflight" --warmup "$WARMUP" --duration "$DURATION" "${DEFLATE_ARGS[@]}"
          done
        done ;;
      handshakes)
        for _ in $(seq "$REPEAT"); do
          loadgen --label "$name" --port "$port" --scenario handshakes --workers "$HS_WORKERS" \
            --warmup "$WARMUP" --duration "$DURATION"
        done ;;
      idle)
        for n in $IDLE_CONNS; do run_idle "$name" "$port" "$n"; done ;;
      broadcast)
        loadgen --label "$name" --port "$port" --scenario broadcast --receivers "$BC_RECEIVERS" \
          --rounds "$BC_ROUNDS" --open-timeout 240 ;;
      *) log "unknown scenario $scenario" ;;
    esac
  done
  if [[ -n "$SERVER_PID" && -d /proc/$SERVER_PID ]]; then
    log "$name: server RSS at the end $(rss_bytes "$SERVER_PID") B"
  else
    log "$name: SERVER DIED during the run, see $OUT/server-$name-$STARTS.log"
    DIED="$DIED $name"
  fi
  stop_server
  if [[ "$JFR" == "$name" ]]; then
    run_jfr "$name" "$((BASE_PORT + 50))"
  fi
done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
[[ -n "$DIED" ]] && echo "servers that died and were started again:$DIED" >> "$OUT/machine.txt"

python3 "$HERE/summarize.py" "$RESULTS" | tee "$OUT/summary.md"
log "results: $RESULTS, summary: $OUT/summary.md"
