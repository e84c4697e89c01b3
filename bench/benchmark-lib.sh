# Shared by the benchmark scripts (sourced, not run): finds a JDK >= 21 as ./mentor does, then
# compiles a module with its tests and runs one of its benchmark classes, reporting peak RSS.
min_java=21

java_major() { # prints the major version of the java binary $1, or 0
  local version release
  # A JDK's release file names its version: reading it is instant, starting a JVM to ask is not.
  release="$(dirname "$(dirname "$(readlink -f "$1")")")/release"
  if [ -f "$release" ]; then
    version="$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$release")"
    version="${version#1.}"
  else
    version="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
  fi
  echo "${version%%[.+_-]*}" | grep -E '^[0-9]+$' || echo 0
}

find_java() { # JAVA_HOME when new enough, else the newest JDK in the usual places
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
  echo "$(basename "$0"): needs a JDK $min_java or newer; none found in JAVA_HOME, /usr/lib/jvm, /opt/java, ~/.sdkman or PATH." >&2
  exit 1
}

# run_benchmark MODULE MAIN_CLASS HEAP [ARGS...]: compiles MODULE and its tests, then runs MAIN_CLASS
# on its test classpath with -XmxHEAP (BENCH_JAVA_OPTS adds JVM options after it) and prints the
# peak RSS of the run. Exits with the benchmark's status.
run_benchmark() {
  local module="$1" main_class="$2" heap="$3"
  shift 3
  local java work status=0 rss_kb
  java="$(find_java)"
  JAVA_HOME="$(cd "$(dirname "$java")/.." && pwd)"
  export JAVA_HOME
  # Maven's own libraries trip a deprecation warning on JDK 24+; it means nothing for the build.
  if [ "$(java_major "$java")" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
  work="$(mktemp -d)"
  # The reactor's last module, the one measured, writes the classpath file last.
  ./mvnw -q -B -DskipTests -pl "$module" -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=test >&2
  local classpath="$module/target/classes:$module/target/test-classes:$(cat "$work/classpath.txt")"
  # shellcheck disable=SC2206 # BENCH_JAVA_OPTS is a list of JVM options
  local command=("$java" "-Xmx$heap" ${BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda=error -cp "$classpath" "$main_class" "$@")
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$work/time.txt" "${command[@]}" || status=$?
    rss_kb="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$work/time.txt")"
    echo "peak RSS: $((rss_kb / 1024)) MB"
  else
    "${command[@]}" || status=$?
  fi
  rm -rf "$work"
  return "$status"
}
