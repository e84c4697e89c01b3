#!/usr/bin/env bash
# Builds and tests the committed tree on JDK 21, the oldest JDK the README promises, besides the JDK 25 of the
# main run. Debian 12 (these machines) has no JDK 21 and Debian 13's needs a newer C library, so it runs in a
# Debian 13 root made with debootstrap: its own openjdk-21, the same network (PostgreSQL on 127.0.0.1), the
# local Maven repository shared. Needs root. Usage: .ci/jdk21.sh [maven arguments, default: verify]
set -euo pipefail
cd "$(dirname "$0")/.."

root="${MENTOR_JDK21_ROOT:-/var/tmp/mentor-jdk21}"
jdk=/usr/lib/jvm/java-21-openjdk-amd64
[ "$(id -u)" -eq 0 ] || { echo "jdk21: needs root (debootstrap, chroot, mount)" >&2; exit 1; }
command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap; }

cleanup() {
  for mount in "$root/root/.m2/repository" "$root/dev" "$root/proc"; do
    if mountpoint -q "$mount" 2>/dev/null; then umount "$mount" || umount -l "$mount"; fi
  done
}
trap cleanup EXIT

# The root is kept between runs; a half-made one (no java) is made again.
if [ ! -x "$root$jdk/bin/java" ]; then
  rm -rf "$root"
  mkdir -p "$root"
  # Fonts and the font libraries: the charts are drawn with text.
  debootstrap --variant=minbase \
    --include=openjdk-21-jdk-headless,ca-certificates,libfreetype6,libharfbuzz0b,fontconfig,fonts-dejavu-core \
    trixie "$root" http://deb.debian.org/debian >"$root.log" 2>&1 \
    || { tail -n 20 "$root.log" >&2; echo "jdk21: debootstrap failed (log: $root.log)" >&2; exit 1; }
fi

mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
# The certificate authorities this machine trusts beyond Debian's (a proxy's, say), for Maven's downloads.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates >/dev/null 2>&1 || { echo "jdk21: update-ca-certificates failed" >&2; exit 1; }
fi
mkdir -p "$HOME/.m2/repository" "$root/root/.m2/repository"
mount --bind "$HOME/.m2/repository" "$root/root/.m2/repository"

# A clean copy of what is committed: nothing built by the JDK 25 run comes along.
rm -rf "$root/src"
mkdir -p "$root/src"
git archive HEAD | tar -x -C "$root/src"

echo "jdk21: $(chroot "$root" "$jdk/bin/java" -version 2>&1 | head -n 1)"
[ $# -gt 0 ] || set -- verify
chroot "$root" /usr/bin/env -i HOME=/root PATH="$jdk/bin:/usr/bin:/bin" JAVA_HOME="$jdk" LANG=C.UTF-8 \
  /bin/bash -c 'cd /src && ./mvnw -B "$@"' mvnw "$@"
