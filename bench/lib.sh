# Shared helpers for bench/run.sh and bench/upstream/compare.sh (sourced, not run).

bench_die() { echo "bench: $*" >&2; exit 1; }
bench_log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# Installs a Debian package when COMMAND is missing: bench_need COMMAND PACKAGE
bench_need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  bench_log "installing $2 (for $1)"
  if [ "$(id -u)" = 0 ]; then
    { apt-get install -y -qq "$2" >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$2" >/dev/null 2>&1; }; } \
      || bench_die "cannot install $2 with apt-get; install it by hand (it provides $1)"
  else
    sudo -n apt-get install -y -qq "$2" >/dev/null 2>&1 || bench_die "$1 is missing: install the Debian package $2"
  fi
  command -v "$1" >/dev/null 2>&1 || bench_die "$2 installed but $1 still not on PATH"
}

# A JDK >= 21 for the Java upstream (the project's own finder).
bench_jdk() {
  # shellcheck source=/dev/null
  . "$BENCH_ROOT/bin/lib/jdk.sh"
  tiergate_find_jdk >/dev/null || bench_die "no JDK >= 21 found"
  echo "$JAVA_HOME"
}

# Waits until something accepts TCP connections on 127.0.0.1:PORT: bench_wait_port PORT SECONDS [PID]
bench_wait_port() {
  local port="$1" secs="$2" pid="${3:-}" i
  for ((i = 0; i < secs * 10; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 0.1
  done
  return 1
}

# Fails when something already listens on the port.
bench_port_free() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    bench_die "port $1 on 127.0.0.1 is already in use; stop what listens there or pick another port"
  fi
}

# utime+stime of a process and its threads, in clock ticks.
bench_cpu_ticks() {
  [ -r "/proc/$1/stat" ] || { echo 0; return; }
  # fields after the ")" of the command name: utime is 14th overall, stime 15th
  sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'
}

bench_rss_kb() {
  awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0
}

# CPU ticks over the whole machine from /proc/stat: "busy idle irq+softirq" (busy includes irq+softirq, the
# kernel's loopback networking work that is not charged to any process)
bench_machine_ticks() {
  # user nice system idle iowait irq softirq steal (guest time is already inside user)
  awk '/^cpu / {idle = $5 + $6; total = 0; for (i = 2; i <= 9; i++) total += $i; print total - idle, idle, $7 + $8}' /proc/stat
}

# Samples VmRSS of PID every 0.2 s into FILE (one value in kB per line) until killed.
bench_rss_sampler() {
  local pid="$1" file="$2"
  while kill -0 "$pid" 2>/dev/null; do
    bench_rss_kb "$pid" >> "$file"
    sleep 0.2
  done
}

# Share of the machine's CPU busy over the next SECONDS (default 2), in percent.
bench_busy_pct() {
  local b0 i0 b1 i1
  read -r b0 i0 _ < <(bench_machine_ticks)
  sleep "${1:-2}"
  read -r b1 i1 _ < <(bench_machine_ticks)
  awk -v b=$((b1 - b0)) -v i=$((i1 - i0)) 'BEGIN { printf "%.0f", ((b + i) > 0 ? 100 * b / (b + i) : 0) }'
}

# Waits up to SECONDS for the machine to be quiet (< 15% busy over 3 s); warns when it is not.
bench_wait_quiet() {
  local limit="$1" waited=0 busy
  while :; do
    busy=$(bench_busy_pct 3)
    if [ "$busy" -lt 15 ]; then bench_log "machine quiet: ${busy}% busy"; return 0; fi
    if [ "$waited" -ge "$limit" ]; then
      bench_log "WARNING: the machine is ${busy}% busy before the run (other processes): numbers will be disturbed"
      return 0
    fi
    bench_log "machine ${busy}% busy (other processes); waiting for it to quieten ($waited/${limit}s)"
    sleep 12; waited=$((waited + 15))
  done
}

# bench_prioritize NICE: runs this script and its children at CPU priority NICE (e.g. -10; root for negative ones).
# With the kernel's autogroup scheduling (sched_autogroup_enabled=1) a nice value only counts inside its own
# session, and the CPU is shared between sessions by the autogroup's nice: that is raised too, and
# bench_restore_priority (call it on exit) puts it back.
BENCH_AUTOGROUP_NICE=""
bench_prioritize() {
  [ -n "$1" ] || return 0
  renice -n "$1" -p $$ >/dev/null || bench_die "cannot renice to $1 (needs root for a negative value)"
  if [ "$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null)" = 1 ] && [ -w /proc/self/autogroup ]; then
    BENCH_AUTOGROUP_NICE="$(sed -n 's/.* nice \(-\?[0-9]*\)$/\1/p' /proc/self/autogroup)"
    echo "$1" >/proc/self/autogroup 2>/dev/null || bench_log "warning: could not set this session's autogroup nice"
  fi
  bench_log "running at nice $1 ($(cat /proc/self/autogroup 2>/dev/null || echo no autogroup))"
}
bench_restore_priority() {
  if [ -n "$BENCH_AUTOGROUP_NICE" ]; then echo "$BENCH_AUTOGROUP_NICE" >/proc/self/autogroup 2>/dev/null || true; fi
}
