#!/usr/bin/env bash
# Measures the reminder system (dev.mentor.bench.ReminderBenchmark, on a temporary SQLite file):
#   startup: time and heap for schedule() to build the Quartz triggers of 100,000 learners;
#   burst:   reminders/s when 10,000 reminders missed minutes ago go out on start (4, then 2
#            threads), with duplicates and losses counted; exits 1 if there are any.
# Also prints the peak RSS of the whole run.
# Usage: bench/reminders.sh [STARTUP_LEARNERS (100000)] [BURST_LEARNERS (10000)]
# The heap is 1 GB; BENCH_JAVA_OPTS adds JVM options after it, e.g. BENCH_JAVA_OPTS=-Xmx4g.
set -euo pipefail
cd "$(dirname "$0")/.."
min_java=21
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

java_major() { # prints the major version of the java binary $1, or 0
  local version
  version="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
  echo "${version%%.*}" | grep -E '^[0-9]+$' || echo 0
}

find_java() { # JAVA_HOME when new enough, else the newest JDK in the usual places (as ./mentor does)
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge "$min_java" ]; then
    echo "$JAVA_HOME/bin/java"; return
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/*/bin/java /opt/java/*/bin/java /usr/local/*/bin/java \
      "$HOME"/.sdkman/candidates/java/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java \
      "$(command -v java 2>/dev/null || true)"; do
    [ -x "$candidate" ] || continue
    major="$(java_major "$candidate")"
    if [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major="$major"; fi
  done
  if [ "$best_major" -ge "$min_java" ]; then echo "$best"; return; fi
  echo "reminders.sh: needs a JDK $min_java or newer; none found in JAVA_HOME, /usr/lib/jvm, /opt/java, ~/.sdkman or PATH." >&2
  exit 1
}

java="$(find_java)"
export JAVA_HOME="$(cd "$(dirname "$java")/.." && pwd)"
# Maven's own libraries trip a deprecation warning on JDK 24+; it means nothing for the build.
if [ "$(java_major "$java")" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi

# Compiles bot-core with its tests and writes its test classpath (the reactor's last module,
# bot-core, writes the file last).
./mvnw -q -B -DskipTests -pl bot-core -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=test >&2
classpath="bot-core/target/classes:bot-core/target/test-classes:$(cat "$work/classpath.txt")"

# shellcheck disable=SC2206 # BENCH_JAVA_OPTS is a list of JVM options
command=("$java" -Xmx1g ${BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" dev.mentor.bench.ReminderBenchmark "$@")
if [ -x /usr/bin/time ]; then
  status=0
  /usr/bin/time -v -o "$work/time.txt" "${command[@]}" || status=$?
  rss_kb="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$work/time.txt")"
  echo "peak RSS: $((rss_kb / 1024)) MB"
  exit "$status"
fi
exec "${command[@]}"
