#!/usr/bin/env bash
# Measures ProxyFloor.java's modes at concurrency 1 and 32 against the nginx upstream at 0 ms, beside the direct
# upstream: the latency and throughput of Tiergate's HTTP stack without Tiergate. Loopback only, ~3 min.
# Usage: bench/experiments/floor.sh [MODES...]   (default: static async async-direct sync webclient)
# Environment: BENCH_TIERGATE_HOME (whose tiergate-cli/target/tiergate.jar to use), BENCH_NICE, FLOOR_JAVA_OPTS,
#   FLOOR_EXTRA_CP (extra class path, e.g. helidon-webclient jars for a Tiergate jar older than the WebClient transport)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_DIR="$(cd "$here/.." && pwd)"
BENCH_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
. "$BENCH_DIR/lib.sh"
modes=("$@"); [ ${#modes[@]} -gt 0 ] || modes=(static async async-direct sync webclient)
jar="$(cd "${BENCH_TIERGATE_HOME:-$BENCH_ROOT}" && pwd)/tiergate-cli/target/tiergate.jar"
[ -f "$jar" ] || bench_die "no $jar: build Tiergate first (bin/tiergate builds it)"
jdk="$(bench_jdk)"
bench_need wrk wrk; bench_need nginx nginx-light
work="$(mktemp -d /tmp/tiergate-floor.XXXXXX)"
up=""; px=""
cleanup() { for p in $px $up; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; bench_restore_priority; rm -rf "$work"; }
trap cleanup EXIT
for port in 9100 4200; do bench_port_free "$port"; done
bench_prioritize "${BENCH_NICE:-}"
"$BENCH_DIR/upstream/nginx.sh" 9100 0 "$work/nginx" >/dev/null 2>&1 &
up=$!
bench_wait_port 9100 20 "$up" || bench_die "upstream did not start"
row() {  # name url c
  local json
  json=$(BENCH_MODEL=gpt-5.4-nano wrk -t1 -c"$3" -d10s --timeout 10s -s "$BENCH_DIR/wrk/chat.lua" "$2" | sed -n 's/^WRKJSON //p')
  node -e 'const j=JSON.parse(process.argv[1]); const l=j.latency_us; console.log(`| ${process.argv[2]} | ${process.argv[3]} | ${j.rps.toFixed(0)} | ${(l.p50/1000).toFixed(3)} | ${(l.p90/1000).toFixed(3)} | ${(l.p99/1000).toFixed(3)} |`)' "$json" "$1" "$3"
}
echo "| mode | conc. | req/s | p50 ms | p90 ms | p99 ms |"
echo "|---|---:|---:|---:|---:|---:|"
for c in 1 32; do row direct http://127.0.0.1:9100/v1/chat/completions "$c"; done
for mode in "${modes[@]}"; do
  (cd "$BENCH_ROOT" && exec "$jdk/bin/java" ${FLOOR_JAVA_OPTS:--XX:+UseSerialGC -Xmx128m} -Dfloor.body="$BENCH_DIR/upstream/completion.json" \
    -cp "$jar${FLOOR_EXTRA_CP:+:$FLOOR_EXTRA_CP}" "$here/ProxyFloor.java" "$mode" 4200) >"$work/$mode.log" 2>&1 &
  px=$!
  bench_wait_port 4200 60 "$px" || bench_die "ProxyFloor $mode did not start: $(cat "$work/$mode.log")"
  BENCH_MODEL=gpt-5.4-nano wrk -t1 -c32 -d15s -s "$BENCH_DIR/wrk/chat.lua" http://127.0.0.1:4200/v1/chat/completions >/dev/null  # warm-up
  for c in 1 32; do row "$mode" http://127.0.0.1:4200/v1/chat/completions "$c"; done
  kill "$px"; wait "$px" 2>/dev/null || true; px=""
done
