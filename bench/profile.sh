#!/usr/bin/env bash
# Profiles Tiergate under load with JFR: the nginx upstream at 0 ms, Tiergate warmed up, then a JFR recording
# (settings=profile, plus CPU-time sampling where the JDK has it) during SECONDS of wrk at concurrency C.
# Prints JFR's own views (hot methods, allocation, GC, threads) and bench/jfr-summary.mjs's breakdown of the
# execution samples by component (Tiergate, Helidon, JDK HTTP client, Jackson, ...). Loopback only.
# Usage: bench/profile.sh [C=32] [SECONDS=20]
# Environment: BENCH_NICE (as in run.sh), BENCH_CONFIG, TIERGATE_JAVA_OPTS (default: run.sh's), BENCH_TIERGATE_HOME, BENCH_OUT (default bench/results/profile-<ts>)
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
. "$BENCH_DIR/lib.sh"
c="${1:-32}"
secs="${2:-20}"
java_opts="${TIERGATE_JAVA_OPTS--XX:+UseSerialGC -Xmx128m}"
config="$(realpath -e "${BENCH_CONFIG:-$BENCH_DIR/tiergate-bench.yaml}")" || bench_die "no config ${BENCH_CONFIG:-}"
tiergate_home="$(cd "${BENCH_TIERGATE_HOME:-$BENCH_ROOT}" && pwd)"
bench_need wrk wrk
bench_need nginx nginx-light
bench_need node nodejs
jdk="$(bench_jdk)"
out="${BENCH_OUT:-$BENCH_DIR/results/profile-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"; out="$(cd "$out" && pwd)"
work="$(mktemp -d /tmp/tiergate-profile.XXXXXX)"
upstream_pid=""; tiergate_pid=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for p in $tiergate_pid $upstream_pid; do kill "$p" 2>/dev/null || true; done
  bench_restore_priority
  wait 2>/dev/null || true
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for port in 9100 4100; do bench_port_free "$port"; done
bench_prioritize "${BENCH_NICE:-}"

"$BENCH_DIR/upstream/nginx.sh" 9100 0 "$work/nginx" >"$out/upstream.log" 2>&1 &
upstream_pid=$!
bench_wait_port 9100 20 "$upstream_pid" || bench_die "upstream did not start"
(cd "$work" && TIERGATE_JAVA_OPTS="$java_opts" exec "$tiergate_home/bin/tiergate" serve --config "$config") >"$out/tiergate.log" 2>&1 &
tiergate_pid=$!
bench_wait_port 4100 900 "$tiergate_pid" || bench_die "Tiergate did not start (log: $out/tiergate.log)"
url=http://127.0.0.1:4100/v1/chat/completions
bench_log "warm-up 15 s at c=$c"
BENCH_MODEL=auto wrk -t1 -c"$c" -d15s --timeout 10s -s "$BENCH_DIR/wrk/chat.lua" "$url" >/dev/null

rec="$out/tiergate.jfr"
# JDK 25+: CPU-time sampling (JEP 509, Linux) next to the wall-clock-ish execution samples
extra=()
if "$jdk/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then extra=("jdk.CPUTimeSample#enabled=true" "jdk.CPUTimeSample#throttle=1ms"); fi
bench_log "recording ${secs}s of load at c=$c into $rec"
"$jdk/bin/jcmd" "$tiergate_pid" JFR.start name=bench settings=profile "filename=$rec" "${extra[@]}" >"$work/jfr-start.txt" 2>&1 \
  || "$jdk/bin/jcmd" "$tiergate_pid" JFR.start name=bench settings=profile "filename=$rec" >"$work/jfr-start.txt" 2>&1 \
  || bench_die "jcmd JFR.start failed: $(cat "$work/jfr-start.txt")"
BENCH_MODEL=auto wrk -t1 -c"$c" -d"${secs}s" --timeout 10s --latency -s "$BENCH_DIR/wrk/chat.lua" "$url" | tee "$out/wrk.txt" | tail -n 1 >&2
"$jdk/bin/jcmd" "$tiergate_pid" JFR.stop name=bench >/dev/null
grep VmRSS "/proc/$tiergate_pid/status" >"$out/rss.txt" || true

jfr="$jdk/bin/jfr"
{
  echo "== wrk: $(sed -n 's/^WRKJSON //p' "$out/wrk.txt")"
  echo "== RSS after load: $(cat "$out/rss.txt")"
  for view in hot-methods cpu-time-hot-methods allocation-by-class allocation-by-site gc-pauses gc-configuration heap-configuration exception-count exception-by-site thread-cpu-load contention-by-site; do
    echo; echo "== jfr view $view"
    "$jfr" view --width 200 "$view" "$rec" 2>&1 | head -n 40
  done
  echo; echo "== execution samples by component"
  "$jfr" print --json --events jdk.ExecutionSample,jdk.CPUTimeSample "$rec" >"$work/samples.json"
  node "$BENCH_DIR/jfr-summary.mjs" "$work/samples.json"
} | tee "$out/profile.txt"
bench_log "profile written to $out/profile.txt (recording: $rec)"
