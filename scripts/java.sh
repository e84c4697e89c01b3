# Sourced (not run) by ./mentor, the benchmarks, CI and the image build: finds a JDK >= 21, even
# when the machine's default java is older.
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

# find_java [TOOL]: prints the java binary of JAVA_HOME when it is new enough, else of the newest JDK in
# the usual places; with TOOL (jlink, say), only a JDK that has it beside java counts. Says what is
# missing on stderr and returns 1 when there is none.
find_java() {
  local tool="${1:-java}" candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/$tool" ] \
      && [ "$(java_major "$JAVA_HOME/bin/java")" -ge "$min_java" ]; then
    echo "$JAVA_HOME/bin/java"; return 0
  fi
  for candidate in /usr/lib/jvm/*/bin/java /opt/java/*/bin/java /usr/local/*/bin/java \
      "$HOME"/.sdkman/candidates/java/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java \
      "$(command -v java 2>/dev/null || true)"; do
    [ -x "$candidate" ] && [ -x "$(dirname "$(readlink -f "$candidate")")/$tool" ] || continue
    major="$(java_major "$candidate")"
    if [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major="$major"; fi
  done
  if [ "$best_major" -ge "$min_java" ]; then echo "$best"; return 0; fi
  echo "$(basename "$0"): needs a JDK $min_java or newer${1:+ with $tool}; none found in JAVA_HOME, /usr/lib/jvm," \
    "/opt/java, ~/.sdkman or PATH. Install one (for example Temurin 21+) and set JAVA_HOME to it." >&2
  return 1
}
