#!/usr/bin/env bash
# Tiergate gateway benchmark: added latency (p50/p99 versus calling the same loopback upstream directly),
# throughput and memory (peak RSS) at concurrency 1, 32 and 256, against a loopback OpenAI-compatible upstream of
# fixed latency (0 ms and 50 ms), with the Portkey open-source gateway measured the same way in the same run.
#
# Usage: bench/run.sh            (about 8 minutes with the defaults; all traffic goes to 127.0.0.1 only)
# Settings (environment):
#   BENCH_DURATION=10            seconds per measurement
#   BENCH_WARMUP=30              seconds of warm-up per gateway at the start of each upstream latency (c=32 / c=256);
#                                Tiergate's C2 compiler is still busy for ~20 s of load after start (it took half a core
#                                through the first c=1 measurement with 10 s)
#   BENCH_PREWARM=2              seconds of unmeasured load just before each measurement, at its concurrency
#   BENCH_CONCURRENCY="1 32 256"
#   BENCH_LATENCIES="0 50"       the upstream's fixed latency, in ms
#   BENCH_TARGETS="direct tiergate portkey"
#   BENCH_CONFIG                 Tiergate config (default bench/tiergate-bench.yaml; must use ports 4100 and 9100)
#   TIERGATE_JAVA_OPTS           JVM options for Tiergate (default below: BENCH_DEFAULT_JAVA_OPTS)
#   BENCH_NICE                   e.g. -10: run the benchmark (wrk, upstream, gateways) at that CPU priority, so that
#                                other processes on a shared machine (builds) disturb it less; needs root. Sets the
#                                session's autogroup nice too (restored on exit): with autogroup scheduling, that is
#                                what shares the CPU between sessions
#   BENCH_PAUSE_GATEWAYS=1       pause the gateways (SIGSTOP) while the direct baseline is measured
#   BENCH_WAIT_QUIET=0           seconds to wait for other processes to quieten down before starting (warns if not)
#   BENCH_OUT                    results folder (default bench/results/<timestamp>)
#   BENCH_TIERGATE_HOME          a Tiergate checkout whose bin/tiergate to run (default: this repository); e.g. a
#                                snapshot copy, so that a build in progress in the work tree does not disturb the run
# Writes BENCH_OUT/results.json (+ measurements.jsonl, logs) and prints a markdown table on stdout.
# Needs: wrk, nginx-light (+ its echo module), Node.js/npm, a JDK >= 21 and Maven for Tiergate's launcher;
# installs the Debian packages and `npm install`s Portkey into bench/node_modules when they are missing.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
. "$BENCH_DIR/lib.sh"

duration="${BENCH_DURATION:-10}"
warmup="${BENCH_WARMUP:-30}"
prewarm="${BENCH_PREWARM:-2}"
concurrencies="${BENCH_CONCURRENCY:-1 32 256}"
latencies="${BENCH_LATENCIES:-0 50}"
targets="${BENCH_TARGETS:-direct tiergate portkey}"
BENCH_DEFAULT_JAVA_OPTS="-XX:+UseSerialGC -Xmx128m"
java_opts="${TIERGATE_JAVA_OPTS-$BENCH_DEFAULT_JAVA_OPTS}"
config="$(realpath -e "${BENCH_CONFIG:-$BENCH_DIR/tiergate-bench.yaml}")" || bench_die "no config ${BENCH_CONFIG:-}"
tiergate_home="$(cd "${BENCH_TIERGATE_HOME:-$BENCH_ROOT}" && pwd)"
[ -x "$tiergate_home/bin/tiergate" ] || bench_die "no bin/tiergate in $tiergate_home"
upstream_port=9100   # also in tiergate-bench.yaml
tiergate_port=4100   # also in tiergate-bench.yaml
portkey_port=8787
auth_header="Authorization: Bearer bench"
upstream_base="http://127.0.0.1:$upstream_port/v1"
portkey_headers=(-H "x-portkey-provider: openai" -H "x-portkey-custom-host: $upstream_base")

# ---- tools -------------------------------------------------------------------------------------------------------
bench_need wrk wrk
bench_need nginx nginx-light
[ -f /usr/lib/nginx/modules/ngx_http_echo_module.so ] || {
  bench_log "installing libnginx-mod-http-echo (the upstream's fixed delay)"
  apt-get install -y -qq libnginx-mod-http-echo >/dev/null 2>&1 || bench_die "cannot install libnginx-mod-http-echo"
}
bench_need curl curl
bench_need node nodejs
bench_need npm npm
if [[ " $targets " == *" portkey "* ]] && [ ! -f "$BENCH_DIR/node_modules/@portkey-ai/gateway/build/start-server.js" ]; then
  bench_log "npm install (Portkey gateway) in bench/"
  (cd "$BENCH_DIR" && npm install --no-audit --no-fund --loglevel=error >&2) || bench_die "npm install of @portkey-ai/gateway failed"
fi
[ -f "$config" ] || bench_die "missing $config"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="${BENCH_OUT:-$BENCH_DIR/results/$stamp}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d /tmp/tiergate-bench.XXXXXX)"
hz=$(getconf CLK_TCK)

# ---- processes, all killed on exit -----------------------------------------------------------------------------------
upstream_pid=""; tiergate_pid=""; portkey_pid=""; sampler_pid=""
stop_pid() {
  local pid="$1" i
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
# The baseline is measured with the gateways paused (SIGSTOP), so their idle threads (JIT, timers, pooled-connection
# monitors) cannot disturb it: with Tiergate idle beside it, the direct c=1 p99 rose from 0.4-0.8 ms to 1.0-2.3 ms
# on a 2-core machine, which made the "added" p99 look smaller than it is. BENCH_PAUSE_GATEWAYS=0 turns it off.
pause_gateways() { [ "${BENCH_PAUSE_GATEWAYS:-1}" = 1 ] || return 0; local p; for p in $tiergate_pid $portkey_pid; do kill -STOP "$p" 2>/dev/null || true; done; }
resume_gateways() { local p; for p in $tiergate_pid $portkey_pid; do kill -CONT "$p" 2>/dev/null || true; done; }
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  resume_gateways
  stop_pid "$sampler_pid"; stop_pid "$tiergate_pid"; stop_pid "$portkey_pid"; stop_pid "$upstream_pid"
  bench_restore_priority
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in $upstream_port $tiergate_port $portkey_port; do bench_port_free "$port"; done
bench_prioritize "${BENCH_NICE:-}"

start_upstream() {  # latency in ms
  stop_pid "$upstream_pid"; upstream_pid=""
  "$BENCH_DIR/upstream/nginx.sh" "$upstream_port" "$1" "$work/nginx" >"$out/upstream.log" 2>&1 &
  upstream_pid=$!
  bench_wait_port "$upstream_port" 20 "$upstream_pid" || bench_die "the nginx upstream did not start: $(cat "$out/upstream.log" "$work/nginx/error.log" 2>/dev/null)"
}

start_tiergate() {
  bench_log "starting Tiergate (TIERGATE_JAVA_OPTS=$java_opts); the launcher builds the jar first if it is missing or stale"
  (cd "$work" && TIERGATE_JAVA_OPTS="$java_opts" exec "$tiergate_home/bin/tiergate" serve --config "$config") >"$out/tiergate.log" 2>&1 &
  tiergate_pid=$!
  bench_wait_port "$tiergate_port" 900 "$tiergate_pid" || { tail -n 40 "$out/tiergate.log" >&2; tiergate_pid=""; bench_die "Tiergate did not start (log: $out/tiergate.log)"; }
  [ "$(cat "/proc/$tiergate_pid/comm" 2>/dev/null)" = java ] || bench_log "warning: Tiergate's pid $tiergate_pid is $(cat "/proc/$tiergate_pid/comm" 2>/dev/null), not java: RSS may be wrong"
}

start_portkey() {
  bench_log "starting Portkey gateway $(node -p "require('$BENCH_DIR/node_modules/@portkey-ai/gateway/package.json').version")"
  (cd "$work" && exec node "$BENCH_DIR/node_modules/@portkey-ai/gateway/build/start-server.js" --port="$portkey_port" --headless) >"$out/portkey.log" 2>&1 &
  portkey_pid=$!
  bench_wait_port "$portkey_port" 60 "$portkey_pid" || { portkey_pid=""; bench_die "Portkey did not start (log: $out/portkey.log)"; }
}

target_url() {
  case "$1" in
    direct) echo "$upstream_base/chat/completions" ;;
    tiergate) echo "http://127.0.0.1:$tiergate_port/v1/chat/completions" ;;
    portkey) echo "http://127.0.0.1:$portkey_port/v1/chat/completions" ;;
  esac
}
target_model() { [ "$1" = tiergate ] && echo auto || echo gpt-5.4-nano; }
target_pid() {
  case "$1" in
    tiergate) echo "$tiergate_pid" ;;
    portkey) echo "$portkey_pid" ;;
    *) echo "" ;;
  esac
}
target_headers() { [ "$1" = portkey ] && printf '%s\n' "${portkey_headers[@]}"; return 0; }

# One request through TARGET; fails unless the upstream's chat.completion (with usage) comes back.
verify() {
  local target="$1" body
  local -a extra=()
  mapfile -t extra < <(target_headers "$target")
  body=$(curl -sS --max-time 10 -H 'content-type: application/json' -H "$auth_header" "${extra[@]}" \
    -d "{\"model\":\"$(target_model "$target")\",\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}" \
    -w '\nHTTP %{http_code}' "$(target_url "$target")" 2>&1) || true
  if ! grep -q '^HTTP 200$' <<<"$body" || ! grep -q '"object":"chat.completion"' <<<"$body" \
     || ! grep -q 'Paris is the capital of France' <<<"$body" || ! grep -q '"total_tokens":80' <<<"$body"; then
    bench_die "$target does not forward to the loopback upstream; it answered: $(head -c 600 <<<"$body")"
  fi
}

# wrk against TARGET at concurrency C for S seconds; prints wrk's output (with the WRKJSON line).
load() {
  local target="$1" c="$2" s="$3"
  local -a extra=()
  mapfile -t extra < <(target_headers "$target")
  BENCH_MODEL="$(target_model "$target")" wrk -t1 -c"$c" -d"${s}s" --timeout 10s --latency \
    -s "$BENCH_DIR/wrk/chat.lua" -H "$auth_header" "${extra[@]}" "$(target_url "$target")"
}

ticks() { [ -n "$1" ] && bench_cpu_ticks "$1" || echo 0; }

measure() {  # latency target concurrency
  local lat="$1" target="$2" c="$3" pid json wrk_cpu
  pid="$(target_pid "$target")"
  [ "$target" = direct ] && pause_gateways
  [ "$prewarm" -gt 0 ] && load "$target" "$c" "$prewarm" >/dev/null
  local rss_file="$work/rss.$target.$c.$lat"
  : >"$rss_file"
  local rss_before=0
  if [ -n "$pid" ]; then
    rss_before=$(bench_rss_kb "$pid")
    bench_rss_sampler "$pid" "$rss_file" &
    sampler_pid=$!
  fi
  read -r m_busy0 m_idle0 m_irq0 < <(bench_machine_ticks)
  local wall0; wall0=$(date +%s.%N)
  local load0 tg0 pk0 up0 tg1 pk1 up1
  load0=$(cut -d' ' -f1 /proc/loadavg)
  tg0=$(ticks "$tiergate_pid"); pk0=$(ticks "$portkey_pid"); up0=$(ticks "$upstream_pid")
  local TIMEFORMAT='%U %S'
  { time load "$target" "$c" "$duration" >"$work/wrk.out" 2>&1; } 2>"$work/wrk.time"
  [ "$target" = direct ] && resume_gateways
  tg1=$(ticks "$tiergate_pid"); pk1=$(ticks "$portkey_pid"); up1=$(ticks "$upstream_pid")
  read -r m_busy1 m_idle1 m_irq1 < <(bench_machine_ticks)
  local wall; wall=$(awk -v a="$wall0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.3f", b-a}')
  if [ -n "$pid" ]; then stop_pid "$sampler_pid"; sampler_pid=""; fi
  cp "$work/wrk.out" "$out/wrk.$lat.$target.c$c.txt"
  json=$(sed -n 's/^WRKJSON //p' "$work/wrk.out")
  [ -n "$json" ] || bench_die "wrk gave no result for $target c=$c: $(cat "$work/wrk.out")"
  wrk_cpu=$(awk '{print $1 + $2}' "$work/wrk.time")
  local rss_peak rss_end
  rss_peak=$(sort -n "$rss_file" | tail -n 1); rss_peak=${rss_peak:-0}
  rss_end=$([ -n "$pid" ] && bench_rss_kb "$pid" || echo 0)
  printf '{"upstream_latency_ms":%s,"target":"%s","concurrency":%s,"duration_s":%s,"wrk":%s,"rss_kb":{"before":%s,"peak":%s,"end":%s,"samples":%s},"elapsed_s":%s,"cpu_s":{"tiergate":%s,"portkey":%s,"upstream":%s,"wrk":%s,"machine_busy":%s,"machine_idle":%s,"machine_irq":%s},"loadavg_1m_before":%s}\n' \
    "$lat" "$target" "$c" "$duration" "$json" "$rss_before" "$rss_peak" "$rss_end" "$(wc -l <"$rss_file")" "$wall" \
    "$(awk -v a="$tg0" -v b="$tg1" -v hz="$hz" 'BEGIN{printf "%.2f", (b-a)/hz}')" \
    "$(awk -v a="$pk0" -v b="$pk1" -v hz="$hz" 'BEGIN{printf "%.2f", (b-a)/hz}')" \
    "$(awk -v a="$up0" -v b="$up1" -v hz="$hz" 'BEGIN{printf "%.2f", (b-a)/hz}')" \
    "$wrk_cpu" \
    "$(awk -v a="$m_busy0" -v b="$m_busy1" -v hz="$hz" 'BEGIN{printf "%.2f", (b-a)/hz}')" \
    "$(awk -v a="$m_idle0" -v b="$m_idle1" -v hz="$hz" 'BEGIN{printf "%.2f", (b-a)/hz}')" \
    "$(awk -v a="$m_irq0" -v b="$m_irq1" -v hz="$hz" 'BEGIN{printf "%.2f", (b-a)/hz}')" \
    "$load0" >>"$out/measurements.jsonl"
  local rps p50 p99
  rps=$(grep -o '"rps":[0-9.]*' <<<"$json" | cut -d: -f2)
  p50=$(grep -o '"p50":[0-9]*' <<<"$json" | cut -d: -f2); p99=$(grep -o '"p99":[0-9]*' <<<"$json" | cut -d: -f2)
  bench_log "  upstream ${lat} ms  $target  c=$c: $rps req/s, p50 $((p50))us p99 $((p99))us, RSS peak $((rss_peak / 1024)) MB"
}

# ---- the run -----------------------------------------------------------------------------------------------------
bench_wait_quiet "${BENCH_WAIT_QUIET:-0}"
busy_before=$(bench_busy_pct 2)
json_str() { V="$1" node -e 'process.stdout.write(JSON.stringify(process.env.V))'; }
{
  printf '{"started_utc":"%s",' "$stamp"
  printf '"command":%s,' "$(json_str "bench/run.sh")"
  printf '"settings":{"duration_s":%s,"warmup_s":%s,"prewarm_s":%s,"concurrency":%s,"upstream_latency_ms":%s,"targets":%s,"tiergate_java_opts":%s,"tiergate_config":%s,"wrk_threads":1,"nice":%s,"upstream":"nginx (1 worker, bench/upstream/nginx.sh)"},' \
    "$duration" "$warmup" "$prewarm" "$(json_str "$concurrencies")" "$(json_str "$latencies")" "$(json_str "$targets")" "$(json_str "$java_opts")" "$(json_str "${config#"$BENCH_ROOT"/}")" "${BENCH_NICE:-0}"
  printf '"machine":{"cpus":%s,"cpu_model":%s,"mem_total_kb":%s,"kernel":%s,"loadavg_before":%s,"busy_pct_before":%s},' \
    "$(nproc)" "$(json_str "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)")" \
    "$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)" "$(json_str "$(uname -r)")" "$(json_str "$(cat /proc/loadavg)")" "$busy_before"
  . "$BENCH_ROOT/bin/lib/jdk.sh"; tiergate_find_jdk >/dev/null 2>&1 || true
  printf '"versions":{"java":%s,"node":%s,"nginx":%s,"wrk":%s,"portkey":%s,"tiergate_commit":%s,"tiergate_tree_dirty":%s,"tiergate_home":%s}}\n' \
    "$(json_str "$("${JAVA_HOME:-/usr}/bin/java" -version 2>&1 | head -n 1)")" "$(json_str "$(node --version)")" \
    "$(json_str "$(nginx -v 2>&1)")" "$(json_str "$(wrk -v 2>&1 | head -n 1)")" \
    "$(json_str "$(node -p "require('$BENCH_DIR/node_modules/@portkey-ai/gateway/package.json').version" 2>/dev/null || echo none)")" \
    "$(json_str "$(git -C "$BENCH_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)")" \
    "$([ -n "$(git -C "$BENCH_ROOT" status --porcelain -- tiergate-core tiergate-server tiergate-cli 2>/dev/null)" ] && echo true || echo false)" \
    "$(json_str "$tiergate_home")"
} >"$out/meta.json"
: >"$out/measurements.jsonl"
bench_log "results in $out; machine load: $(cat /proc/loadavg)"

first=1
for lat in $latencies; do
  bench_log "upstream latency ${lat} ms"
  start_upstream "$lat"
  if [ "$first" = 1 ]; then
    [[ " $targets " == *" tiergate "* ]] && start_tiergate
    [[ " $targets " == *" portkey "* ]] && start_portkey
    first=0
  fi
  warm_c=32; [ "$lat" -gt 0 ] && warm_c=256
  for target in $targets; do
    # the upstream was (re)started: the first request through a gateway may meet a pooled connection it closed
    for attempt in 1 2 3; do
      if (verify "$target") 2>/dev/null; then break; fi
      [ "$attempt" = 3 ] && verify "$target"
      sleep 1
    done
    bench_log "  warm-up: $target, ${warmup}s at c=$warm_c"
    load "$target" "$warm_c" "$warmup" >"$out/warmup.$lat.$target.txt" 2>&1
  done
  for c in $concurrencies; do
    for target in $targets; do
      measure "$lat" "$target" "$c"
    done
  done
  for target in $targets; do verify "$target"; done
done
stop_pid "$tiergate_pid"; tiergate_pid=""; stop_pid "$portkey_pid"; portkey_pid=""

node "$BENCH_DIR/report.mjs" "$out"
bench_log "done: $out/results.json"
