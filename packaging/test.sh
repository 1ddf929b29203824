#!/usr/bin/env bash
# The test command from README.md: installs what is missing, builds, and runs every test
# (unit, integration, gui, system). GUI tests need a display, so the run is wrapped in
# xvfb-run. The last line printed is ctest's.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh
exec xvfb-run -a -s "-screen 0 1920x1080x24" ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 300
