#!/usr/bin/env bash
# Measures how long the standalone launcher takes to start each embedded server and Parley itself:
# RUNS starts on an empty data folder (first start: PostgreSQL unpacks and initialises, Cassandra
# creates its system tables, the schema is created), then RUNS starts reusing that folder. Each run is
# stopped with SIGTERM before the next. Prints one line a run and the medians; run it on an idle machine.
#   bench/startup.sh [RUNS]      (default 3; builds the launcher first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

./mvnw -q -B -Dmaven.test.skip=true package -pl standalone -am

# Starts the launcher, waits for its ready line, stops it; prints "server seconds" lines for one run.
measure() {
  local data="$1" log="$work/run.log"
  java -Xms256m -Xmx1g -jar standalone/target/parley-standalone.jar --parley.infra.data-dir="$data" \
      > "$log" 2>&1 < /dev/null &
  local pid=$!
  for _ in $(seq 1 600); do
    grep -q "Parley is ready" "$log" && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.5
  done
  kill -TERM "$pid"; wait "$pid" || true
  grep -E '^\[parley\] +[a-z0-9]+ +ready in' "$log" | awk '{print $2, $5}'
  grep -E '^\[parley\] all servers ready in' "$log" | awk '{print "all-servers", $6}'
  grep -E '^\[parley\] Parley is ready' "$log" | sed -E 's/.*, ([0-9.]+) s after launch.*/parley \1/'
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }

report() {
  local label="$1" file="$2"
  echo "== $label: median of $runs runs (seconds from launch; servers start in parallel)"
  for server in postgres kafka cassandra redis s3 all-servers parley; do
    printf '  %-12s %s   (runs: %s)\n' "$server" "$(awk -v s="$server" '$1==s {print $2}' "$file" | median)" \
      "$(awk -v s="$server" '$1==s {printf "%s ", $2}' "$file")"
  done
}

for i in $(seq 1 "$runs"); do
  rm -rf "$work/data-$i"
  measure "$work/data-$i" >> "$work/first.txt"
  echo "first start $i done" >&2
done
for i in $(seq 1 "$runs"); do
  measure "$work/data-$i" >> "$work/again.txt"
  echo "second start $i done" >&2
done
report "first start (empty data folder)" "$work/first.txt"
report "start again (same data folder)" "$work/again.txt"
