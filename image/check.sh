#!/usr/bin/env bash
# Checks the image tarball Jib wrote, without Docker:
#  1. its configuration: user, entrypoint and command, port, volume, environment (and no secret in it), health check;
#  2. that every Java module the app's jars need is in its runtime (jdeps, from the build's JDK);
#  3. as root, that it runs: its layers are extracted in order into a folder that becomes the root (chroot) of
#     the image's own commands, run as the image's user with the image's environment: java -version, the entrypoint
#     with --version, a question through the sentence model, the SQLite database in /data, a backup, then serve
#     against a fake Telegram on 127.0.0.1 until the image's own health check passes, and a clean stop.
#
#   image/check.sh [IMAGE_TAR]       (default: app/target/mentor-image.tar)
#
# Needs python3 and tar; step 3 needs root (chroot, mounting /proc and /dev) and is skipped otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

image="${1:-app/target/mentor-image.tar}"
[ -f "$image" ] || { echo "check: no image at $image; build it with ./mvnw -Pimage package" >&2; exit 1; }
work="$(mktemp -d)"
rootfs="$work/rootfs"
serve_pid=""
fake_pid=""
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null || true
  [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  for mount in "$rootfs/proc" "$rootfs/dev"; do
    if mountpoint -q "$mount" 2>/dev/null; then umount "$mount" || umount -l "$mount"; fi
  done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
fail() { echo "check: FAILED: $*" >&2; exit 1; }

tar -xf "$image" -C "$work"
echo "check: $image, $(du -h "$image" | cut -f1)"

# 1. The configuration, as docker load will read it.
python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
manifest = json.load(open(os.path.join(work, "manifest.json")))[0]
config = json.load(open(os.path.join(work, manifest["Config"])))["config"]
env = dict(item.split("=", 1) for item in config.get("Env", []))
entrypoint = config.get("Entrypoint") or []
problems = []
def expect(condition, what):
    if not condition:
        problems.append(what)
expect(config.get("User") == "65532:65532", f"User is {config.get('User')!r}, not 65532:65532")
expect(entrypoint[:1] == ["/opt/java/bin/java"], f"Entrypoint starts {entrypoint[:1]}, not /opt/java/bin/java")
for flag in ("--enable-native-access=ALL-UNNAMED", "-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=50"):
    expect(flag in entrypoint, f"Entrypoint lacks {flag}")
expect(entrypoint[-1:] == ["dev.mentor.app.Main"], f"Entrypoint ends {entrypoint[-1:]}, not the main class")
expect(config.get("Cmd") == ["serve"], f"Cmd is {config.get('Cmd')}, not [serve]")
expect("8080/tcp" in (config.get("ExposedPorts") or {}), f"ExposedPorts is {config.get('ExposedPorts')}")
expect("/data" in (config.get("Volumes") or {}), f"Volumes is {config.get('Volumes')}")
expect(config.get("WorkingDir") == "/data", f"WorkingDir is {config.get('WorkingDir')!r}")
for name, value in {"MENTOR_DB_URL": "jdbc:sqlite:/data/mentor.db", "MENTOR_HTTP_HOST": "0.0.0.0",
                    "MENTOR_HTTP_PORT": "8080"}.items():
    expect(env.get(name) == value, f"Env {name} is {env.get(name)!r}, not {value!r}")
secrets = [name for name in env if any(word in name for word in ("TOKEN", "PASSWORD", "SECRET"))]
expect(not secrets, f"Env holds secrets: {secrets}")
health = (config.get("Healthcheck") or {}).get("Test") or []
expect(health[:1] == ["CMD"] and health[-1:] == ["health"], f"Healthcheck is {health}")
if problems:
    print("check: FAILED: the image's configuration:\n  " + "\n  ".join(problems), file=sys.stderr)
    sys.exit(1)
# For the shell: the layers in order, the entrypoint, the health check and the environment, one item a line.
with open(os.path.join(work, "layers"), "w") as out:
    out.write("\n".join(os.path.join(work, layer) for layer in manifest["Layers"]) + "\n")
with open(os.path.join(work, "entrypoint"), "w") as out:
    out.write("\n".join(entrypoint) + "\n")
with open(os.path.join(work, "healthcheck"), "w") as out:
    out.write("\n".join(health[1:]) + "\n")
with open(os.path.join(work, "env"), "w") as out:
    out.write("\n".join(config.get("Env", [])) + "\n")
print(f"check: configuration ok: User {config['User']}, Entrypoint {' '.join(entrypoint)}, Cmd {config['Cmd']}, "
      f"ports {list(config['ExposedPorts'])}, volumes {list(config['Volumes'])}, health check {' '.join(health[1:])}")
PY
mapfile -t layers < "$work/layers"
mapfile -t entrypoint < "$work/entrypoint"
mapfile -t healthcheck < "$work/healthcheck"
mapfile -t image_env < "$work/env"

if [ "$(id -u)" -ne 0 ]; then
  echo "check: not root, so the image is not run (chroot needs root)"
  exit 0
fi

# 3a. The root filesystem: every layer in order, owners and modes as they are in the image.
mkdir -p "$rootfs"
for layer in "${layers[@]}"; do
  tar -xzf "$layer" -C "$rootfs" --numeric-owner --same-owner --same-permissions --warning=no-unknown-keyword
done
echo "check: root filesystem $(du -sh "$rootfs" | cut -f1)"

# 2. The runtime has every module the jars need (run here, where the runtime's module list can be read).
jdk=""
for home in ${JAVA_HOME:-} /usr/lib/jvm/*; do
  if [ -x "$home/bin/jdeps" ] && [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null || echo 0)" -ge 21 ] 2>/dev/null; then
    jdk="$home"
  fi
done
if [ -n "$jdk" ]; then
  needed="$("$jdk/bin/jdeps" --multi-release 21 --ignore-missing-deps --print-module-deps \
    --class-path "$rootfs/app/libs/*" "$rootfs/app/classes" "$rootfs"/app/libs/*.jar 2>/dev/null | tail -n 1)"
  present="$(sed -n 's/^MODULES="\(.*\)"/\1/p' "$rootfs/opt/java/release")"
  for module in ${needed//,/ }; do
    [[ " $present " == *" $module "* ]] || fail "the runtime lacks $module, which the app's jars need (add it to image/base.sh)"
  done
  echo "check: the runtime has every module jdeps finds: $needed"
fi

# 3b. Run it as a container would: /proc and /dev mounted, the image's user and environment.
mkdir -p "$rootfs/proc" "$rootfs/dev"
mount -t proc proc "$rootfs/proc"
mount --bind /dev "$rootfs/dev"
chroot="$(command -v chroot)"
as_image() { # runs the entrypoint with the arguments given, as the image's user with its environment
  env -i "${image_env[@]}" "${extra_env[@]}" "$chroot" --userspec=65532:65532 "$rootfs" "${entrypoint[@]}" "$@"
}
extra_env=()

echo "check: chroot $rootfs /opt/java/bin/java -version"
chroot "$rootfs" /opt/java/bin/java -version 2>&1 | sed 's/^/    /'
version="$(as_image --version)" || fail "the entrypoint with --version"
echo "check: entrypoint --version: $version"
[[ "$version" == mentor\ * ]] || fail "the entrypoint with --version printed '$version'"

answer="$(as_image ask --explain --json "why does my page forget who I am after a refresh")" || fail "ask in the image"
python3 - "$answer" <<'PY' || fail "ask in the image did not use the sentence model: $answer"
import json, sys
semantic = json.loads(sys.argv[1])["why"]["semantic"]
assert semantic.get("topics"), semantic
print(f"check: the sentence model runs (ONNX Runtime): {semantic['action']}, closest {semantic['topics'][0]}")
PY

listing="$(as_image reminders)" || fail "reminders (the SQLite database in /data)"
echo "check: reminders on /data/mentor.db: $(tail -n 1 <<< "$listing")"
[ "$(stat -c %u "$rootfs/data/mentor.db")" = 65532 ] || fail "/data/mentor.db is not the image user's"
backup="$(as_image backup /data/backup.db)" || fail "backup in the image"
echo "check: $backup"

# 3c. serve against a fake Telegram on 127.0.0.1, until the image's own health check passes.
fake_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
http_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 - "$fake_port" <<'PY' &
import json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class BotApi(BaseHTTPRequestHandler):
    def answer(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        method = self.path.rsplit("/", 1)[-1].lower()
        if method == "getupdates":
            time.sleep(1)
        result = {"getme": {"id": 42, "is_bot": True, "first_name": "Mentor", "username": "mentor_check_bot"},
                  "getupdates": [], "getwebhookinfo": {"url": "", "pending_update_count": 0}}.get(method, True)
        body = json.dumps({"ok": True, "result": result}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_GET = do_POST = answer
    def log_message(self, *args):
        pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), BotApi).serve_forever()
PY
fake_pid=$!
extra_env=(MENTOR_TELEGRAM_TOKEN=42:image-check-token MENTOR_TELEGRAM_API_URL="http://127.0.0.1:$fake_port"
  MENTOR_HTTP_PORT="$http_port")
# Started as one command (env, then chroot, then java, each replacing the last), so its id is the JVM's.
env -i "${image_env[@]}" "${extra_env[@]}" "$chroot" --userspec=65532:65532 "$rootfs" "${entrypoint[@]}" serve \
  > "$work/serve.log" 2>&1 &
serve_pid=$!
healthy=""
for _ in $(seq 1 90); do
  if env -i "${image_env[@]}" "${extra_env[@]}" "$chroot" --userspec=65532:65532 "$rootfs" "${healthcheck[@]}" \
      > "$work/health.out" 2>&1; then
    healthy=yes; break
  fi
  kill -0 "$serve_pid" 2>/dev/null || break
  sleep 2
done
[ -n "$healthy" ] || { sed 's/^/    serve: /' "$work/serve.log" | tail -n 30 >&2; cat "$work/health.out" >&2; fail "serve never became ready"; }
echo "check: serve in the image is ready; its health check says: $(cat "$work/health.out")"
kill -TERM "$serve_pid"
status=0
wait "$serve_pid" || status=$?
serve_pid=""
[ "$status" -eq 0 ] || [ "$status" -eq 143 ] || { tail -n 30 "$work/serve.log" >&2; fail "serve stopped with status $status"; }
echo "check: serve stopped cleanly on SIGTERM (status $status)"
echo "check: the image passed"
