#!/usr/bin/env bash
# The real-time path under an offered-rate ladder, against a running Parley (start it first with
# ./standalone.sh, in another terminal): N pairs of users chatting one to one over real sockets at each
# offered rate (default 50 to 1,500 messages a second, 30 s each, 10 s pause), then a step of 100-member
# groups. Prints progress while it runs and a table at the end; writes LABEL.md and LABEL.png into
# docs/benchmarks/realtime/ (or --out). Builds the benchmarks module first when its sources changed.
#   bench/realtime.sh                      (the whole ladder against http://localhost:8080)
#   bench/realtime.sh --pairs 10 --rates 20,50 --step-seconds 10 --groups 1 --group-size 20
#   bench/realtime.sh --help               (every option)
# The admin password (for the projection lag) is read from data/secrets/admin-password, where the
# launcher writes it; pass --admin-password-file or set PARLEY_ADMIN_PASSWORD for another data folder.
# The ladder registers and signs in all its users from one address, which Parley's per-address limits
# refuse past a few (docs/security.md). Start the Parley it measures with them raised, for example:
#   ./standalone.sh --parley.rate-limits.routes.registrations.burst=100000 \
#     --parley.rate-limits.routes.sign-ins.burst=100000 --parley.auth.sign-in.concurrent-hashes=8
# Access tokens live 15 minutes: a ladder longer than that sees its sockets closed (4001).
set -euo pipefail
cd "$(dirname "$0")/.."

java_bin="java"
if [ -n "${JAVA_HOME:-}" ]; then
  java_bin="$JAVA_HOME/bin/java"
fi

. bench/benchmarks-classpath.sh
benchmarks_classpath realtime ladder

exec "$java_bin" -Xms256m -Xmx1g -cp "$classpath" \
    dev.parley.bench.realtime.RealtimeLadder "$@"
