#!/usr/bin/env bash
# The main job from README.md: installs what is missing, builds, validates the bundled
# content and loads it into the kiosk's local replica, then shows what the replica answers
# offline. (The sync server and the kiosk window join this script as they land.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh

echo
echo "== Validating the content bundle"
./build/sync/faltstod-server validate assets/content

echo
echo "== Loading it into the replica"
./build/app/faltstod import assets/content
./build/app/faltstod status

echo
echo "== Support lines for children (offline)"
./build/app/faltstod lines --audience barn
echo
echo "== Search: 'tvangs' (å/ä/ö optional, prefixes match)"
./build/app/faltstod search tvangs
echo
echo "Try: ./build/app/faltstod --help"
