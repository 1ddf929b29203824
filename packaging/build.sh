#!/usr/bin/env bash
# Configures and builds Fältstöd in build/ (RelWithDebInfo) with both cores.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFALTSTOD_BUILD_TESTS=ON >/dev/null
cmake --build build --parallel "$(nproc)"
