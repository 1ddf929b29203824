#!/usr/bin/env bash
# The main job as a newcomer runs it (README: `bash packaging/run.sh`), headless, with a fresh
# home folder: it must publish, serve, enroll and sync the kiosk, answer offline, and keep the
# server running; the README's "Using the programs" examples must then work against the
# database it serves (an enrollment code made there is accepted by that server); and stopping
# it must stop the server. It must build only the two programs, never the test suite.
#
# Usage: tests/system/main_job_test.sh SOURCE_DIR BUILD_DIR
# Runs only on the plain build in SOURCE_DIR/build that run.sh itself uses (test.sh builds its
# programs first); anywhere else it exits 77, which CTest reports as skipped.
set -euo pipefail

SKIP=77
source_dir="$(cd "$1" && pwd)"
build_dir="$(cd "$2" && pwd)"
say() { printf 'main-job-test: %s\n' "$*"; }
fail() { printf 'main-job-test: FAILED: %s\n' "$*" >&2; [ -f "${log:-}" ] && sed 's/^/  run.sh: /' "$log" >&2; exit 1; }

if [ "$build_dir" != "$source_dir/build" ]; then
  say "SKIPPED: run.sh builds and runs $source_dir/build; this is $build_dir"
  exit $SKIP
fi
for program in app/faltstod sync/faltstod-server; do
  if [ ! -x "$build_dir/$program" ]; then
    say "SKIPPED: $build_dir/$program is not built (bash packaging/build.sh --programs)"
    exit $SKIP
  fi
done

work="$(mktemp -d)"
log="$work/run.log"
runner=""
cleanup() {
  [ -n "$runner" ] && kill -TERM -- "-$runner" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A fresh user: empty home, no display (ctest may run inside xvfb-run), no XDG folders set.
export HOME="$work/home"
mkdir -p "$HOME"
unset DISPLAY WAYLAND_DISPLAY XDG_DATA_HOME XDG_CONFIG_HOME XDG_STATE_HOME XDG_CACHE_HOME
port=$(( 20000 + RANDOM % 40000 ))
export FALTSTOD_PORT="$port"

# Test targets' files before, to see that the main job builds none of them.
suite_stamp="$work/suite-stamp"
touch "$suite_stamp"

# Its own process group, so that stopping it reaches the server it started.
setsid bash "$source_dir/packaging/run.sh" >"$log" 2>&1 &
runner=$!
for _ in $(seq 1 600); do
  grep -q "keeps running on" "$log" && break
  kill -0 "$runner" 2>/dev/null || fail "run.sh ended before serving"
  sleep 0.5
done
grep -q "keeps running on http://127.0.0.1:$port" "$log" || fail "run.sh did not reach 'keeps running' within 300 s"

grep -q "^Server: http://127.0.0.1:$port" "$log" || fail "the kiosk is not enrolled against the server run.sh started"
grep -qi "bris" "$log" || fail "the support lines for children (BRIS) were not shown"
grep -q "No display found" "$log" || fail "run.sh did not say that it found no display"
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || fail "the server does not answer /healthz"
say "run.sh serves on port $port and the kiosk synced from it"

# The README's examples, against the database run.sh serves.
db="$HOME/.local/share/faltstod-server/server.db"
[ -f "$db" ] || fail "run.sh's server database is not at $db, where the README says"
code="$("$build_dir/sync/faltstod-server" --db "$db" enroll-code --role reader --county 05 2>/dev/null)"
second_home="$work/second-laptop"
mkdir -p "$second_home"
HOME="$second_home" "$build_dir/app/faltstod" enroll --server "http://127.0.0.1:$port" --code "$code" >"$work/enroll.out" 2>&1 ||
  { cat "$work/enroll.out" >&2; fail "a code made with the README's command was refused by run.sh's server"; }
HOME="$second_home" "$build_dir/app/faltstod" sync --once >/dev/null 2>&1 || fail "the second kiosk could not sync"
"$build_dir/sync/faltstod-server" --db "$db" devices | grep -q . || fail "'devices' on run.sh's database lists nothing"
say "the README's examples work against run.sh's database"

# Built only the programs: no test binary is newer than the start of this run.
newer="$(find "$build_dir/tests" -maxdepth 1 -type f -name '*_tests' -newer "$suite_stamp" 2>/dev/null | head -n 3)"
[ -z "$newer" ] || fail "run.sh built test binaries: $newer"

# Stopping it stops the server too.
kill -TERM -- "-$runner"
wait "$runner" 2>/dev/null || true
runner=""
for _ in $(seq 1 50); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || break
  sleep 0.1
done
if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then fail "the server kept running after run.sh was stopped"; fi
say "passed"
