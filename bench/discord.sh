#!/usr/bin/env bash
# Measures the Discord adapter (dev.mentor.discord.DiscordBenchmark): interactions driven through
# the real Discord4J client against the tests' fake Discord gateway and REST API on 127.0.0.1.
#   throughput: /ask interactions sent at once, answered per second, with a conversation that
#               answers at once (adapter and Discord4J alone) and with the real engine;
#   latency:    one interaction at a time, the time from gateway event to interaction callback
#               minus the conversation's own time (median, p95, p99).
# Also prints the peak RSS of the whole run.
# Usage: bench/discord.sh [INTERACTIONS (2000)] [SEQUENTIAL (500)]
# The heap is 1 GB; BENCH_JAVA_OPTS adds JVM options after it.
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
  echo "discord.sh: needs a JDK $min_java or newer; none found in JAVA_HOME, /usr/lib/jvm, /opt/java, ~/.sdkman or PATH." >&2
  exit 1
}

java="$(find_java)"
export JAVA_HOME="$(cd "$(dirname "$java")/.." && pwd)"
# Maven's own libraries trip a deprecation warning on JDK 24+; it means nothing for the build.
if [ "$(java_major "$java")" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi

# Compiles the Discord adapter with its tests and writes its test classpath (the reactor's last
# module, discord-adapter, writes the file last).
./mvnw -q -B -DskipTests -pl discord-adapter -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=test >&2
classpath="discord-adapter/target/classes:discord-adapter/target/test-classes:$(cat "$work/classpath.txt")"

# shellcheck disable=SC2206 # BENCH_JAVA_OPTS is a list of JVM options
command=("$java" -Xmx1g ${BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" dev.mentor.discord.DiscordBenchmark "$@")
if [ -x /usr/bin/time ]; then
  status=0
  /usr/bin/time -v -o "$work/time.txt" "${command[@]}" || status=$?
  rss_kb="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$work/time.txt")"
  echo "peak RSS: $((rss_kb / 1024)) MB"
  exit "$status"
fi
exec "${command[@]}"
