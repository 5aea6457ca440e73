#!/usr/bin/env bash
# The fault suite's full form (docs/reliability.md, "Fault suite"): starts its own servers (data in
# target/fault-suite/infra) and Parley's services as separate processes, then users chat in pairs and a
# group while each of PostgreSQL, Kafka, Cassandra, Redis, S3, a push node and the command side is killed
# with SIGKILL and brought back, in turn; last, a standalone (target/fault-suite/standalone) has every
# process killed at once and is started again on the same data. One progress line per step; at the end a Markdown table
# (also in target/fault-suite/report.md) and every problem found. Exits 1 if a fault's check failed.
#   bench/faults.sh
#   bench/faults.sh --parley.faults.faults=redis,push-node --parley.faults.warm-up-seconds=30
# Every option is in docs/configuration.md ("Fault suite"). Builds the services and the standalone first (their jars run).
set -euo pipefail
cd "$(dirname "$0")/.."

java_bin="java"
if [ -n "${JAVA_HOME:-}" ]; then
  java_bin="$JAVA_HOME/bin/java"
fi

echo "[faults] building the services and the suite" >&2
# The reactor build (-am) resolves Parley's own modules from their target folders, not from ~/.m2.
./mvnw -q -B -Dmaven.test.skip=true package dependency:build-classpath \
    -Dmdep.outputFile=target/faults.classpath -Dmdep.includeScope=runtime -pl fault-suite,standalone -am >&2

exec "$java_bin" -Xms128m -Xmx512m -Dparley.root="$PWD" -Daxoniq.update-checker.disabled=true \
    -cp "fault-suite/target/classes:$(cat fault-suite/target/faults.classpath)" \
    dev.parley.faults.FaultSuiteMain "$@"
