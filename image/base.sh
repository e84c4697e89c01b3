#!/usr/bin/env bash
# Builds the container image's base without any registry: a root filesystem of Debian's C and C++ runtime
# libraries (the JVM, sqlite-jdbc, ONNX Runtime and the tokenizer load nothing else) and a Java runtime made
# with jlink from the build's JDK, written as a one-layer image tarball (docker save layout) that Jib builds
# the mentor's image on (from.image tar://...).
#
#   image/base.sh OUTPUT_FOLDER     writes OUTPUT_FOLDER/base.tar
#
# Cached: when OUTPUT_FOLDER/base.tar was made by this same script from the same JDK, it does nothing. Needs
# bash, apt-get and dpkg-deb (Debian's package tools; the package lists must be current: apt-get update),
# tar, sha256sum and a JDK 21 or newer (JAVA_HOME, or the newest under /usr/lib/jvm).
set -euo pipefail

out="${1:?usage: image/base.sh OUTPUT_FOLDER}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
script="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"

# The shared libraries the runtime and the app's native code link against (measured with objdump -p on the JDK's
# and the jars' .so files): glibc, libgcc_s and libstdc++. The JDK brings its own zlib.
packages=(libc6 libgcc-s1 libstdc++6)
# And from libc-bin only the C.UTF-8 locale, so file names and the console are UTF-8 (LANG=C.UTF-8).
locale_package=libc-bin
# The modules the app needs: jdeps --print-module-deps over app/target/lib, plus what jdeps cannot see (services
# and reflection): jdk.zipfs (the roadmap is read from its jar), java.net.http (mentor health), jdk.crypto.ec and
# jdk.charsets (TLS and HTTP clients), jdk.naming.dns and jdk.management. image/check.sh fails when jdeps finds
# one missing.
modules=java.base,java.compiler,java.desktop,java.management,java.naming,java.net.http,java.rmi,java.security.jgss,java.sql,jdk.charsets,jdk.crypto.ec,jdk.httpserver,jdk.incubator.vector,jdk.jfr,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs
# The image's user (no login, no shell): the numeric id the image runs as, owner of /data and its home.
uid=65532

fail() { echo "image/base.sh: $*" >&2; exit 1; }

# shellcheck source=../scripts/java.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/java.sh"

java="$(find_java jlink)" || exit 1
jdk="$(cd "$(dirname "$(readlink -f "$java")")/.." && pwd)"
arch="$(dpkg --print-architecture 2>/dev/null)" || fail "needs Debian's dpkg (and apt-get) to fetch the libraries."
key="$( { sha256sum "$script"; cat "$jdk/release"; echo "$arch"; } | sha256sum | cut -d' ' -f1)"
if [ -f "$out/base.tar" ] && [ "$(cat "$out/base.key" 2>/dev/null)" = "$key" ]; then
  echo "image/base.sh: $out/base.tar is up to date" >&2
  exit 0
fi
echo "image/base.sh: building the base image from Debian's ${packages[*]} $locale_package and $(sed -n 's/^IMPLEMENTOR_VERSION="\(.*\)"/\1/p; s/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$jdk/release" | head -n 1)" >&2

# 1. The libraries, from Debian's packages (kept in the output folder for the next build).
debs="$out/debs"
mkdir -p "$debs"
for package in "${packages[@]}" "$locale_package"; do
  if ! compgen -G "$debs/${package}_*_$arch.deb" >/dev/null; then
    (cd "$debs" && apt-get download -q=2 "$package" 2>&1 | grep -v "unsandboxed as root" >&2) || true
    compgen -G "$debs/${package}_*_$arch.deb" >/dev/null \
      || fail "apt-get download $package failed; run apt-get update (as root) and try again."
  fi
done
rootfs="$out/rootfs"
rm -rf "$rootfs"
mkdir -p "$rootfs"
for package in "${packages[@]}"; do
  dpkg-deb -x "$(compgen -G "$debs/${package}_*_$arch.deb" | head -n 1)" "$rootfs"
done
dpkg-deb --fsys-tarfile "$(compgen -G "$debs/${locale_package}_*_$arch.deb" | head -n 1)" \
  | tar -x -C "$rootfs" ./usr/lib/locale/C.utf8 "./usr/share/doc/$locale_package/copyright"
# What no Java program uses: documentation (each package's copyright stays), translations, iconv's converters,
# lintian overrides, and glibc's helper programs.
find "$rootfs/usr/share/doc" -type f ! -name copyright -delete
rm -rf "$rootfs/usr/share/locale" "$rootfs/usr/share/lintian" "$rootfs/usr/share/gdb" "$rootfs/usr/lib/$(uname -m)-linux-gnu/gconv" \
  "$rootfs/usr/libexec" "$rootfs/sbin" "$rootfs/usr/sbin" "$rootfs/usr/bin"
find "$rootfs" -depth -type d -empty -delete

# 2. The Java runtime: only the modules above, without debug symbols, headers or manual pages, with the class
# data archive that starts the JVM faster (mentor health runs one every few seconds).
"$jdk/bin/jlink" --add-modules "$modules" --output "$rootfs/opt/java" --strip-debug --no-header-files \
  --no-man-pages --generate-cds-archive >&2
# The archive for heaps over 32 GB (uncompressed pointers) is never used here.
rm -f "$rootfs/opt/java/lib/server/classes_nocoops.jsa"

# 3. The few files a process expects: its user and group (so the JVM knows its home), name lookup through
# /etc/hosts then DNS, a world-writable /tmp (native libraries are unpacked there), the data folder and a home.
mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/data" "$rootfs/home/mentor"
cat > "$rootfs/etc/passwd" <<EOF
root:x:0:0:root:/root:/nonexistent
mentor:x:$uid:$uid:mentor:/home/mentor:/nonexistent
EOF
cat > "$rootfs/etc/group" <<EOF
root:x:0:
mentor:x:$uid:
EOF
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
chmod 1777 "$rootfs/tmp"
chmod 755 "$rootfs/data"
chmod 700 "$rootfs/home/mentor"

# 4. One layer, the same bytes for the same inputs: sorted, dated at the epoch, owned by root but for the
# user's folders.
work="$out/work"
rm -rf "$work"
mkdir -p "$work"
common=(--sort=name --mtime=@0 --numeric-owner --format=gnu -C "$rootfs")
tar -cf "$work/layer.tar" "${common[@]}" --owner=0 --group=0 --exclude=./data --exclude=./home/mentor .
tar -rf "$work/layer.tar" "${common[@]}" --owner="$uid" --group="$uid" ./data ./home/mentor
diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"

# 5. The image: its configuration and the docker save manifest Jib reads. Jib's own configuration has no health
# check, but it keeps the base image's: mentor health (GET /ready on the operations port) on the classpath Jib
# writes to /app/jib-classpath-file, every 30 s after a first minute to start (durations in nanoseconds).
case "$arch" in
  amd64|arm64) image_arch="$arch" ;;
  *) fail "no image architecture for Debian's $arch" ;;
esac
health='["CMD","/opt/java/bin/java","-XX:TieredStopAtLevel=1","-XX:+UseSerialGC","-Xmx64m","-Xlog:disable","-Xlog:all=error:stderr","-cp","@/app/jib-classpath-file","dev.mentor.app.Main","health"]'
cat > "$work/config.json" <<EOF
{"architecture":"$image_arch","os":"linux","config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],"Healthcheck":{"Test":$health,"Interval":30000000000,"Timeout":10000000000,"StartPeriod":60000000000,"Retries":3}},"rootfs":{"type":"layers","diff_ids":["$diff_id"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"image/base.sh: Debian ${packages[*]}, a jlink runtime of $modules"}]}
EOF
echo '[{"Config":"config.json","RepoTags":["mentor-base:local"],"Layers":["layer.tar"]}]' > "$work/manifest.json"
tar -cf "$out/base.tar.partial" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work" \
  manifest.json config.json layer.tar
mv "$out/base.tar.partial" "$out/base.tar"
echo "$key" > "$out/base.key"
rm -rf "$work"
echo "image/base.sh: wrote $out/base.tar ($(du -h "$out/base.tar" | cut -f1); the runtime: $(du -sh "$rootfs/opt/java" | cut -f1), the libraries: $(du -sh --exclude=opt "$rootfs" | cut -f1))" >&2
