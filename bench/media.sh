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

. bench/benchmarks-classpath.sh
benchmarks_classpath media media

if [ "$compression" = yes ]; then
  echo "[media] compress and thumbnail one photo (ImageCompressionBenchmark, one thread, no servers)"
  "$java_bin" -Xms256m -Xmx1g -Djava.awt.headless=true -cp "$classpath" dev.parley.bench.ImageCompressionBenchmark
fi
if [ "$upload" = yes ]; then
  exec "$java_bin" -Xms256m -Xmx1g -cp "$classpath" dev.parley.bench.media.MediaUploadBenchmark "$@"
fi
