#!/usr/bin/env bash
# The packaging proof (issue 9): builds both Debian packages with cpack from an existing build
# folder, installs them with apt-get (so dependencies resolve), starts the server with the
# command line of its systemd unit (systemd itself is not needed: the ExecStart line is run by
# hand as the unit's user, on a free loopback port, with a temporary database), publishes the
# installed bundled content, enrolls a kiosk with temporary XDG folders, runs
# 'faltstod sync --once', stops the server, purges both packages and checks that nothing of
# theirs is left. Runs lintian on the packages too when it is installed.
#
# Usage: packaging/package-test.sh [BUILD_DIR]      (default: build/ next to this folder)
# Needs root and dpkg/apt-get; otherwise it exits 77, which CTest reports as skipped.
# It installs and purges 'faltstod' and 'faltstod-server' on this machine: run it on a build
# or CI machine, not on a laptop or server where they are in real use.
set -euo pipefail

SKIP=77
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "${1:-$here/../build}" && pwd)"
say() { printf 'package-test: %s\n' "$*"; }
fail() { printf 'package-test: FAILED: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
  say "SKIPPED: needs root to install packages (run as root, e.g. in CI or a container)"
  exit $SKIP
fi
for tool in dpkg dpkg-deb apt-get cpack runuser setpriv; do
  if ! command -v "$tool" >/dev/null; then
    say "SKIPPED: '$tool' is not available on this machine"
    exit $SKIP
  fi
done
for tool in dpkg-shlibdeps file curl; do  # cpack needs the first two for Depends
  command -v "$tool" >/dev/null || fail "'$tool' is missing: run packaging/install-deps.sh"
done
[ -f "$build/CPackConfig.cmake" ] || fail "no CPackConfig.cmake in $build: configure and build first"
present() {  # is the package on this machine (installed, half-installed, or its conffiles)?
  local status
  status="$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)"
  [ -n "$status" ] && [ "$status" != "not-installed" ]
}
for package in faltstod faltstod-server; do
  if present "$package"; then
    fail "$package is already installed here; this test would replace and purge it (dpkg --purge $package first)"
  fi
done

work="$(mktemp -d /tmp/faltstod-package-test.XXXXXX)"
chmod 0755 "$work"  # apt's sandbox user must be able to read the .deb files
server_pid=""
installed=0
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -KILL "$server_pid" 2>/dev/null || true; fi
  if [ "$installed" = 1 ]; then
    timeout 120 apt-get purge -y -qq faltstod faltstod-server >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
apt_get() { timeout 180 env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=60 "$@"; }

# 1. Build the packages (under the shared build lock when there is one). cpack packages what is
#    built (CMAKE_SKIP_INSTALL_ALL_DEPENDENCY), so the packaged targets are brought up to date
#    first, and nothing else: a build of only these is enough.
say "building the packages with cpack from $build"
lock=()
if command -v flock >/dev/null; then lock=(flock /tmp/faltstod-build.lock); fi
if ! timeout 600 "${lock[@]}" cmake --build "$build" --parallel "$(nproc)" \
    --target faltstod faltstod-server faltstod_translations faltstod_package_files >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  fail "the packaged programs did not build"
fi
if ! timeout 240 "${lock[@]}" cpack --config "$build/CPackConfig.cmake" -B "$work/pkg" >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log" >&2
  fail "cpack did not build the packages"
fi
version="$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")"
kiosk_deb="$(ls "$work"/pkg/faltstod_*.deb)"
server_deb="$(ls "$work"/pkg/faltstod-server_*.deb)"
chmod 0755 "$work/pkg"
for deb in "$kiosk_deb" "$server_deb"; do
  say "built $(basename "$deb"): $(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)"
  [ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "$(basename "$deb") has version $(dpkg-deb -f "$deb" Version), not $version"
done

if command -v lintian >/dev/null; then
  lintian --info "$kiosk_deb" "$server_deb" >"$work/lintian.log" 2>&1 || true
  if grep -q '^E:' "$work/lintian.log"; then
    grep '^E:' "$work/lintian.log" >&2
    fail "lintian reports errors"
  fi
  # The shipped programs are built hardened (CMakeLists.txt): no hardening note of any level.
  if grep -q 'hardening-' "$work/lintian.log"; then
    grep 'hardening-' "$work/lintian.log" >&2
    fail "lintian reports missing hardening"
  fi
  say "lintian: no errors ($(grep -c '^W:' "$work/lintian.log" || true) warnings)"
else
  say "lintian is not installed: package checks skipped (apt-get install lintian)"
fi

# What the packages ship, to check after the purge that none of it is left.
dpkg-deb --fsys-tarfile "$kiosk_deb" | tar -t >"$work/files.txt"
dpkg-deb --fsys-tarfile "$server_deb" | tar -t >>"$work/files.txt"

# 2. Install both; apt-get resolves their dependencies.
say "installing both packages"
installed=1
apt_get install -y -qq --no-install-recommends "$kiosk_deb" "$server_deb" >"$work/install.log" 2>&1 \
  || { cat "$work/install.log" >&2; fail "apt-get install failed"; }
[ "$(faltstod --version)" = "faltstod $version" ] || fail "faltstod --version says '$(faltstod --version)'"
[ "$(faltstod-server --version)" = "faltstod-server $version" ] || fail "faltstod-server --version says '$(faltstod-server --version)'"
getent passwd faltstod >/dev/null || fail "the faltstod system user was not created"
dpkg-query -W -f='${Conffiles}' faltstod-server | grep -q '/etc/faltstod/server.toml' \
  || fail "/etc/faltstod/server.toml is not a conffile"
for path in /usr/share/faltstod/content/topics.json /usr/share/locale/en/LC_MESSAGES/faltstod.mo \
    /usr/share/applications/se.faltstod.Faltstod.desktop /usr/share/metainfo/se.faltstod.Faltstod.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/se.faltstod.Faltstod.svg /usr/share/man/man1/faltstod.1.gz \
    /usr/share/man/man8/faltstod-server.8.gz /lib/systemd/system/faltstod-server.service; do
  [ -e "$path" ] || fail "$path is not installed"
done
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify --man=no /lib/systemd/system/faltstod-server.service >"$work/verify.log" 2>&1 \
    || { cat "$work/verify.log" >&2; fail "systemd-analyze verify rejects the unit"; }
  # It only warns (and exits 0) about a key it ignores or a value it cannot parse.
  if grep -q 'faltstod-server.service:' "$work/verify.log"; then
    cat "$work/verify.log" >&2
    fail "systemd-analyze verify warns about the unit"
  fi
  say "systemd-analyze verify: the unit is valid"
fi

# 3. Start the server the way the unit does: its ExecStart line, as its user, with its umask,
#    but reading a copy of the installed configuration that points at a temporary database
#    and port 0 (the server picks a free port and prints it).
unit=/lib/systemd/system/faltstod-server.service
exec_start="$(sed -n 's/^ExecStart=//p' "$unit")"
unit_user="$(sed -n 's/^User=//p' "$unit")"
[[ "$exec_start" == *"--config /etc/faltstod/server.toml"* ]] || fail "unexpected ExecStart: $exec_start"
state="$work/state"
install -d -o "$unit_user" -g "$unit_user" -m 0750 "$state"
config="$work/server.toml"
sed -e "s|^db = .*|db = \"$state/server.db\"|" -e 's|^port = .*|port = 0|' /etc/faltstod/server.toml >"$config"
chmod 0644 "$config"
grep -q "^db = \"$state/server.db\"" "$config" && grep -q '^port = 0' "$config" \
  || fail "the installed server.toml has no 'db = ' or 'port = ' line to point at the test database"
read -r -a command <<<"${exec_start//\/etc\/faltstod\/server.toml/$config}"
server_admin() { runuser -u "$unit_user" -- /usr/bin/faltstod-server --config "$config" "$@"; }

say "publishing /usr/share/faltstod/content"
server_admin publish /usr/share/faltstod/content >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log" >&2; fail "publish failed"; }
code="$(server_admin enroll-code --role reader 2>/dev/null)"
[ -n "$code" ] || fail "enroll-code printed no code"

# Starts the server in the background, as the unit would; sets server_pid and url.
start_server() {
  say "starting: ${command[*]} (as $unit_user)"
  # setpriv execs the server itself (runuser would stay in between and change the exit status).
  (umask 0077 && cd "$state" && exec setpriv --reuid="$unit_user" --regid="$unit_user" --init-groups -- "${command[@]}") \
    >"$work/server.out" 2>"$work/server.err" &
  server_pid=$!
  url=""
  for _ in $(seq 1 100); do
    url="$(sed -n 's/^faltstod-server listening on \(http[^ ]*\)$/\1/p' "$work/server.out")"
    [ -n "$url" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.err" >&2; fail "the server stopped at start"; }
    sleep 0.1
  done
  [ -n "$url" ] || fail "the server did not say where it listens"
  curl -fsS --max-time 5 "$url/healthz" >/dev/null || fail "GET $url/healthz failed"
  grep -q "faltstod-server $version serving $state/server.db on 127.0.0.1" "$work/server.err" \
    || { cat "$work/server.err" >&2; fail "the start log line lacks version, database or address"; }
  say "server up at $url"
}
# Stops it with SIGTERM, as systemctl stop does; it must exit 0.
stop_server() {
  kill -TERM "$server_pid"
  local status=0
  wait "$server_pid" || status=$?
  [ "$status" -eq 0 ] || { cat "$work/server.err" >&2; fail "the server stopped with status $status on SIGTERM, not 0"; }
  server_pid=""
  if grep -q "$code" "$work/server.err"; then fail "the server log holds the enrollment code"; fi
  say "server stopped cleanly on SIGTERM"
}
start_server

# 4. A kiosk with its own temporary XDG folders enrolls and syncs.
home="$work/home"
mkdir -p "$home"
kiosk() { env HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" timeout 60 /usr/bin/faltstod "$@"; }
kiosk enroll --server "$url" --code "$code" >"$work/enroll.log" 2>&1 \
  || { cat "$work/enroll.log" >&2; fail "faltstod enroll failed"; }
kiosk sync --once >"$work/sync.log" 2>&1 || { cat "$work/sync.log" "$work/server.err" >&2; fail "faltstod sync --once failed"; }
say "faltstod sync --once: $(tail -n 1 "$work/sync.log")"
kiosk status >"$work/status.log" 2>&1 || { cat "$work/status.log" >&2; fail "faltstod status failed"; }
grep -q "$url" "$work/status.log" || { cat "$work/status.log" >&2; fail "faltstod status does not name the server"; }
kiosk search tvångsäktenskap >"$work/search.log" 2>&1 && [ -s "$work/search.log" ] \
  || { cat "$work/search.log" >&2; fail "the synced replica finds nothing for 'tvångsäktenskap'"; }
stop_server

# 5. The upgrade path of the maintainer scripts: both packages installed again over themselves
#    keep a local change to the conffile, and the server started again on the same database
#    (and port) still knows the enrolled laptop.
echo "# a local change, kept by upgrades" >>/etc/faltstod/server.toml
say "reinstalling both packages over themselves"
apt_get install -y -qq --reinstall --no-install-recommends "$kiosk_deb" "$server_deb" </dev/null >"$work/reinstall.log" 2>&1 \
  || { cat "$work/reinstall.log" >&2; fail "apt-get install --reinstall failed"; }
grep -q '^# a local change, kept by upgrades$' /etc/faltstod/server.toml || fail "the reinstall lost a local change to server.toml"
port="${url##*:}"
sed -i "s|^port = 0$|port = $port|" "$config"
start_server
kiosk sync --once >"$work/sync2.log" 2>&1 || { cat "$work/sync2.log" "$work/server.err" >&2; fail "faltstod sync --once failed after the reinstall"; }
say "after the reinstall: $(tail -n 1 "$work/sync2.log")"
stop_server

# 6. Purge both, and check that nothing they installed is left.
say "purging both packages"
apt_get purge -y -qq faltstod faltstod-server >"$work/purge.log" 2>&1 || { cat "$work/purge.log" >&2; fail "apt-get purge failed"; }
installed=0
left=()
while IFS= read -r entry; do
  path="/${entry#./}"
  [ "$path" = "/" ] && continue
  if [ "${path%/}" != "$path" ]; then continue; fi  # directories such as /usr/share/icons are shared
  [ -e "$path" ] && left+=("$path")
done <"$work/files.txt"
for dir in /usr/share/faltstod /usr/share/doc/faltstod /usr/share/doc/faltstod-server /usr/libexec/faltstod /etc/faltstod; do
  [ -e "$dir" ] && left+=("$dir")
done
[ ${#left[@]} -eq 0 ] || fail "left after purge: ${left[*]}"
for package in faltstod faltstod-server; do
  if present "$package"; then fail "$package is still known to dpkg after the purge"; fi
done
say "PASSED: built, installed, served, synced and purged faltstod $version and faltstod-server $version"
