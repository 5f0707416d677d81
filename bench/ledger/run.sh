#!/usr/bin/env bash
# Ledger benchmark (issue 5): records/s into SQLite and PostgreSQL, and the kill -9 loss window.
#   bench/ledger/run.sh [N=500000] [TRIALS=10] [RATE=5000]
# Needs PostgreSQL on 127.0.0.1:5432 (database test, trust auth) for the postgres half.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/bin/lib/jdk.sh"
tiergate_find_jdk || exit 1
cd "$root"
n="${1:-500000}"; trials="${2:-10}"; rate="${3:-5000}"
mvn -B -q -pl tiergate-core -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/ledger-bench.cp >/dev/null
cp="tiergate-core/target/classes:$(cat tiergate-core/target/ledger-bench.cp)"
run() { "$JAVA_HOME/bin/java" -Xmx2g -cp "$cp" bench/ledger/LedgerBench.java "$@"; }
run throughput sqlite "$n"
run throughput postgres "$n"
run kill sqlite "$trials" "$rate"
run kill postgres "$trials" "$rate"
