#!/usr/bin/env bash
# parley-admin: export the event history and replay projections from a terminal, through a running
# Parley's admin routes. Needs only a JDK 17; the first run builds the tool (a few seconds after the
# first Parley build), later runs rebuild it only when its sources changed. Examples:
#   ./parley-admin.sh export --username admin --password '...' --from 2026-11-01T00:00:00Z --out events.ndjson
#   ./parley-admin.sh replay conversations --token "$TOKEN"
#   ./parley-admin.sh status --token "$TOKEN"
#   ./parley-admin.sh --help
set -euo pipefail
cd "$(dirname "$0")"

java_bin="java"
if [ -n "${JAVA_HOME:-}" ]; then
  java_bin="$JAVA_HOME/bin/java"
fi

jar="admin-cli/target/parley-admin-exec.jar"
if [ ! -f "$jar" ] || [ -n "$(find admin-cli/src/main admin-cli/pom.xml -newer "$jar" -print -quit)" ]; then
  echo "[parley-admin] building the tool" >&2
  ./mvnw -q -B -Dmaven.test.skip=true package -pl admin-cli >&2
fi

exec "$java_bin" -jar "$jar" "$@"
