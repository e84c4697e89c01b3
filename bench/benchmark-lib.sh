# Shared by the benchmark scripts (sourced, not run): finds a JDK >= 21 as ./mentor does, then
# compiles a module with its tests and runs one of its benchmark classes, reporting peak RSS.
# shellcheck source=../scripts/java.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/java.sh"

# run_benchmark MODULE MAIN_CLASS HEAP [ARGS...]: compiles MODULE and its tests, then runs MAIN_CLASS
# on its test classpath with -XmxHEAP (BENCH_JAVA_OPTS adds JVM options after it) and prints the
# peak RSS of the run. Exits with the benchmark's status.
run_benchmark() {
  local module="$1" main_class="$2" heap="$3"
  shift 3
  local java work status=0 rss_kb
  java="$(find_java)" || exit 1
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
