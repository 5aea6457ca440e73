#!/usr/bin/env bash
# Media upload benchmarks, against a running Parley (start it first with ./standalone.sh, in another
# terminal): first the time to compress and thumbnail one ~50 KB photo on one thread, without servers
# (ImageCompressionBenchmark), then signed-in users uploading generated ~50 KB images through
# POST /api/media over real sockets (MediaUploadBenchmark), with progress lines, then uploads/s, latency
# p50/p95/p99, errors by status, bytes each way and CPU per upload. Builds the benchmarks module first
# when its sources changed.
#   bench/media.sh                               (8 users, as fast as answered, 60 s, http://localhost:8080)
#   bench/media.sh --users 16 --rate 20 --seconds 120
#   bench/media.sh --upload-only --url http://localhost:9090 ...   (skip the compression timing)
#   bench/media.sh --compression-only
#   bench/media.sh --help                        (every option of the upload run)
# The run registers and signs in its users from one address, which Parley's per-address limits refuse past
# a few (docs/security.md), and each user may upload parley.media.daily-files (500) a day. Start the Parley
# it measures with them raised, for example:
#   ./standalone.sh --parley.rate-limits.routes.registrations.burst=100000 \
#     --parley.rate-limits.routes.sign-ins.burst=100000 --parley.media.daily-files=1000000
set -euo pipefail
cd "$(dirname "$0")/.."

java_bin="java"
if [ -n "${JAVA_HOME:-}" ]; then
  java_bin="$JAVA_HOME/bin/java"
fi

compression=yes
upload=yes
case "${1:-}" in
  --upload-only) upload=yes; compression=no; shift ;;
  --compression-only) upload=no; shift ;;
esac
for arg in "$@"; do
  # Asking for the options is not asking for a run.
  case "$arg" in -h|--help|-V|--version) compression=no ;; esac
done

classpath_file="benchmarks/target/media.classpath"
# Built when never built, when its sources or the command side's (what it times) changed, or when a jar it needs has gone (a clean).
stale() {
  [ ! -f "$classpath_file" ] || [ ! -d benchmarks/target/classes ] && return 0
  [ -n "$(find benchmarks/src/main command-side/src/main platform/src/main shared-kernel/src/main benchmarks/pom.xml pom.xml -newer "$classpath_file" -print -quit)" ] && return 0
  local entries entry
  IFS=':' read -r -a entries < "$classpath_file"
  for entry in "${entries[@]}"; do
    [ -e "$entry" ] || return 0
  done
  return 1
}
if stale; then
  echo "[media] building the benchmarks module" >&2
  # The reactor build (-am) resolves Parley's own modules from their target folders, not from ~/.m2.
  ./mvnw -q -B -Dmaven.test.skip=true package dependency:build-classpath \
      -Dmdep.outputFile=target/media.classpath -Dmdep.includeScope=runtime -pl benchmarks -am >&2
  # The plugin leaves an unchanged classpath file alone: its time is what says the build is current.
  touch "$classpath_file"
fi
classpath="benchmarks/target/classes:$(cat "$classpath_file")"

if [ "$compression" = yes ]; then
  echo "[media] compress and thumbnail one photo (ImageCompressionBenchmark, one thread, no servers)"
  "$java_bin" -Xms256m -Xmx1g -Djava.awt.headless=true -cp "$classpath" dev.parley.bench.ImageCompressionBenchmark
fi
if [ "$upload" = yes ]; then
  exec "$java_bin" -Xms256m -Xmx1g -cp "$classpath" dev.parley.bench.media.MediaUploadBenchmark "$@"
fi
