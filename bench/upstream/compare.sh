#!/usr/bin/env bash
# Measures the candidate loopback upstreams (nginx, Node, JDK HttpServer + virtual threads) at zero latency
# with wrk, and prints, per candidate and concurrency: req/s, the upstream's CPU (share of one core) and its CPU
# time per request. The cheapest per request is what bench/run.sh uses (nginx). Loopback only, ~1 min in all.
# Usage: bench/upstream/compare.sh [SECONDS_PER_RUN]      (BENCH_NICE as in run.sh)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_ROOT="$(cd "$here/../.." && pwd)"
. "$here/../lib.sh"
secs="${1:-8}"
port=9199
bench_need wrk wrk
bench_need nginx nginx-light
bench_need node nodejs
jdk="$(bench_jdk)"
work="$(mktemp -d /tmp/tiergate-upstream-compare.XXXXXX)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; bench_restore_priority; rm -rf "$work"; }
trap cleanup EXIT INT TERM
hz=$(getconf CLK_TCK)
bench_prioritize "${BENCH_NICE:-}"

start() {
  case "$1" in
    nginx) "$here/nginx.sh" "$port" 0 "$work/nginx" >/dev/null 2>&1 & ;;
    node) node "$here/upstream.mjs" "$port" 0 >/dev/null 2>&1 & ;;
    java) "$jdk/bin/java" -XX:+UseSerialGC -Xmx256m -Dupstream.dir="$here" "$here/Upstream.java" "$port" 0 >/dev/null 2>&1 & ;;
  esac
  pid=$!
  bench_wait_port "$port" 30 "$pid" || bench_die "$1 upstream did not start"
}

printf '| upstream | concurrency | req/s | upstream CPU (%% of one core) | upstream CPU per request (µs) | RSS (MB) |\n'
printf '|---|---:|---:|---:|---:|---:|\n'
for kind in nginx node java; do
  bench_port_free "$port"
  start "$kind"
  wrk -t1 -c32 -d3s -s "$here/../wrk/chat.lua" "http://127.0.0.1:$port/v1/chat/completions" >/dev/null  # warm-up
  for c in 32 256; do
    t0=$(bench_cpu_ticks "$pid")
    out=$(wrk -t1 -c"$c" -d"${secs}s" -s "$here/../wrk/chat.lua" "http://127.0.0.1:$port/v1/chat/completions")
    t1=$(bench_cpu_ticks "$pid")
    json=$(grep '^WRKJSON ' <<<"$out" | sed 's/^WRKJSON //')
    awk -v kind="$kind" -v c="$c" -v j="$json" -v dt=$((t1 - t0)) -v hz="$hz" -v secs="$secs" -v rss="$(bench_rss_kb "$pid")" 'BEGIN {
      match(j, /"requests":[0-9]+/); n = substr(j, RSTART + 11, RLENGTH - 11)
      match(j, /"rps":[0-9.]+/); rps = substr(j, RSTART + 6, RLENGTH - 6)
      cpu = dt / hz
      printf "| %s | %d | %.0f | %.0f%% | %.1f | %.0f |\n", kind, c, rps, 100 * cpu / secs, 1e6 * cpu / n, rss / 1024 }'
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  sleep 0.5
done
