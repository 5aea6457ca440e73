# Sourced by the bench scripts: builds the benchmarks module when needed and sets $classpath for it.
#   benchmarks_classpath <name> <log tag>
# Built when never built, when any module's main sources or a pom changed since (the benchmarks time
# Parley's own classes too, such as the command side's image compression), or when a jar it needs has gone
# (a clean). The classpath is kept in benchmarks/target/<name>.classpath.
benchmarks_classpath() {
  local classpath_file="benchmarks/target/$1.classpath" tag="$2"
  if benchmarks_stale "$classpath_file"; then
    echo "[$tag] building the benchmarks module" >&2
    # The reactor build (-am) resolves Parley's own modules from their target folders, not from ~/.m2.
    ./mvnw -q -B -Dmaven.test.skip=true package dependency:build-classpath \
        -Dmdep.outputFile="target/$1.classpath" -Dmdep.includeScope=runtime -pl benchmarks -am >&2
    # The plugin leaves an unchanged classpath file alone: its time is what says the build is current.
    touch "$classpath_file"
  fi
  classpath="benchmarks/target/classes:$(cat "$classpath_file")"
}

benchmarks_stale() {
  local classpath_file="$1" entries entry
  { [ ! -f "$classpath_file" ] || [ ! -d benchmarks/target/classes ]; } && return 0
  [ -n "$(find . \( -name target -o -name data -o -name .git \) -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -newer "$classpath_file" -print -quit)" ] && return 0
  IFS=':' read -r -a entries < "$classpath_file"
  for entry in "${entries[@]}"; do
    [ -e "$entry" ] || return 0
  done
  return 1
}
