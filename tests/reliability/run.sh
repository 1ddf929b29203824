#!/usr/bin/env bash
# Issue 8's one script: every reliability and security check, bounded in time.
#
#   bash tests/reliability/run.sh --fast   the subset CI runs on every change (packaging/test.sh):
#                                          the whole suite under ASan+UBSan, which includes every
#                                          fuzz target replaying its corpus (fuzz_replay_*); its
#                                          last line is ctest's summary
#   bash tests/reliability/run.sh          the full run, on demand: the above with longer
#                                          fuzzing, the threaded parts under TSan, and the crash
#                                          loops and load test at full size
#
# Every step prints what it ran; the summary at the end says which steps passed. Results are
# kept in build/reliability/ (logs, the fuzzing report). docs/reliability.md explains them.
set -euo pipefail
cd "$(dirname "$0")/../.."

mode=full
case "${1:-}" in
  --fast) mode=fast ;;
  --full | "") mode=full ;;
  *) echo "usage: $0 [--fast|--full]" >&2; exit 2 ;;
esac

jobs="$(nproc)"
out=build/reliability
mkdir -p "$out"
summary=()
failed=0

step() {  # step NAME COMMAND...: runs one step, logs it, remembers the outcome
  local name="$1"; shift
  local start=$SECONDS
  echo
  echo "== reliability ($mode): $name"
  if "$@"; then
    summary+=("passed  $(printf '%4d' $((SECONDS - start))) s  $name")
  else
    summary+=("FAILED  $(printf '%4d' $((SECONDS - start))) s  $name")
    failed=1
  fi
}

# Sanitized builds are Debug (-O0 -g) with the sanitizers on every translation unit of ours.
build_sanitized() {  # build_sanitized DIR SANITIZERS [TARGETS...]
  local dir="$1" sanitizers="$2"; shift 2
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DFALTSTOD_BUILD_TESTS=ON -DFALTSTOD_SANITIZE="$sanitizers" >/dev/null
  if [ $# -eq 0 ]; then
    cmake --build "$dir" --parallel "$jobs"
  else
    cmake --build "$dir" --parallel "$jobs" --target "$@"
  fi
}

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer (GUI tests need a display).
asan_suite() {
  build_sanitized build/asan address,undefined &&
    xvfb-run -a -s "-screen 0 1920x1080x24" \
      ctest --test-dir build/asan --output-on-failure --parallel "$jobs" --timeout 600
}

# The threaded parts under ThreadSanitizer: the server, the sync engine, and the system tests
# that drive both with concurrent devices. GUI tests are left out (Mesa's software renderer is
# not built for TSan and reports its own threads).
tsan_threaded() {
  build_sanitized build/tsan thread faltstod-server faltstod server_tests sync_tests sync_client_tests \
      server_system_tests kiosk_system_tests &&
    TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
      ctest --test-dir build/tsan --output-on-failure --parallel "$jobs" --timeout 900 \
      -L 'integration|system' -E '_NOT_BUILT$|^package_test$'
}

# The crash loop and the load test at full size, in the normal build (CTest runs them smaller:
# 100 kills, 15 s of load).
full_size_system_tests() {
  cmake --build build --parallel "$jobs" --target server_system_tests kiosk_system_tests &&
    FALTSTOD_CRASH_ROUNDS=300 FALTSTOD_LOAD_SECONDS=60 FALTSTOD_LOAD_DEVICES=1000 \
      ctest --test-dir build --output-on-failure --timeout 900 \
      -R 'acknowledged pushes from concurrent devices survive|a thousand devices poll and push|kill -9 at random moments'
}

fuzzing() {  # fuzzing SECONDS (libFuzzer needs clang and its runtime, installed here if missing)
  bash packaging/install-deps.sh clang libclang-rt-14-dev &&
    bash fuzz/run.sh --seconds "$1"
}

# Live fuzzing is not in the fast subset: a new finding is a bug to fix, not a reason for an
# unrelated change to fail CI at random. What fuzzing found stays in the corpus, and the corpus
# replays run on every change. The fast subset is one step, so it ends with ctest's own summary
# (packaging/test.sh's last line).
if [ "$mode" = fast ]; then
  asan_suite
  exit $?
fi

step "ASan+UBSan: the whole test suite" asan_suite
step "TSan: server, sync engine and their system tests" tsan_threaded
step "crash loops (300 server kills, 150 kiosk kills) and 60 s of load by 1,000 devices" full_size_system_tests
step "libFuzzer: every target for 300 s" fuzzing 300

echo
echo "== reliability ($mode): summary"
printf '%s\n' "${summary[@]}" | tee "$out/summary-$mode.txt"
exit "$failed"
