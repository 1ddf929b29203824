#!/usr/bin/env bash
# Configures and builds Fältstöd in build/ (RelWithDebInfo) with both cores.
#   bash packaging/build.sh             everything: the two programs and the whole test suite
#   bash packaging/build.sh --programs  only what the main job runs (the kiosk, the server and
#                                       the kiosk's translations): run.sh uses this, so a newcomer
#                                       does not compile the test suite to try the product
set -euo pipefail
cd "$(dirname "$0")/.."
targets=()
case "${1:-}" in
  "") ;;
  --programs) targets=(--target faltstod faltstod-server faltstod_translations) ;;
  *) echo "usage: bash packaging/build.sh [--programs]" >&2; exit 2 ;;
esac
# Tests stay ON in the configuration either way: test.sh configures build/ the same, so switching
# between the two commands never reconfigures or rebuilds what is already built.
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFALTSTOD_BUILD_TESTS=ON >/dev/null
cmake --build build --parallel "$(nproc)" "${targets[@]}"
