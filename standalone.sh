#!/usr/bin/env bash
# Runs Parley in one process, in the foreground, with PostgreSQL, Kafka, Cassandra, Redis and S3 started
# for it on loopback (data under ./data). Needs only a JDK 17; the first run downloads dependencies from
# Maven Central. A server that dies is started again. Ctrl-C stops Parley, then every server, within 30 s
# (parley.shutdown.timeout). Arguments go to Parley, for example:
#   ./standalone.sh --server.port=9090 --parley.infra.data-dir=/tmp/parley
#   ./standalone.sh --parley.infra.kafka.bootstrap-servers=broker:9092   (use an external Kafka)
set -euo pipefail
cd "$(dirname "$0")"

java_bin="java"
if [ -n "${JAVA_HOME:-}" ]; then
  java_bin="$JAVA_HOME/bin/java"
fi

echo "[parley] building the standalone launcher (the first build downloads dependencies)"
./mvnw -q -B -Dmaven.test.skip=true package -pl standalone -am

exec "$java_bin" -Xms256m -Xmx1g -jar standalone/target/parley-standalone.jar "$@"
