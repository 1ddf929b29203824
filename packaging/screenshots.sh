#!/usr/bin/env bash
# Regenerates the screenshots in docs/screenshots/ from the bundled content with
# `faltstod --screenshot` (run packaging/build.sh first). Without a display it runs itself
# under Xvfb. Open-now states depend on the time the script runs.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1920x1080x24" bash "$0" "$@"
fi
kiosk=./build/app/faltstod
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out=docs/screenshots
mkdir -p "$out"
shot() { XDG_DATA_HOME="$work" XDG_CONFIG_HOME="$work" "$kiosk" --db "$work/replica.db" --no-sync --screenshot "$@"; }
# A laptop used in Östergötland (the county chosen in Settings), so Home shows its strip.
mkdir -p "$work/faltstod"
printf '{"county": "05"}\n' >"$work/faltstod/settings.json"
# The laptop sizes the issues name (1366x768) and a phone-like window (420x860), in Swedish and English.
shot "$out/home.png" --screen home --size 1366x768
shot "$out/search.png" --screen home --search 'socialjour' --size 1366x768
shot "$out/article.png" --screen article --item guidance/planerat-bortforande-fore-resa --size 1366x768
shot "$out/contacts.png" --screen contacts --size 1366x768
shot "$out/log.png" --screen log --size 1366x768
shot "$out/log-problems.png" --screen log-problems --search 'Ringde om 121212-1212 igen inför sommarlovet' --size 1366x768
shot "$out/show-to-person.png" --screen show-to-person --item line/nch-stodtelefon --size 1366x768
shot "$out/quick-exit.png" --screen quick-exit --size 640x420
shot "$out/home-narrow.png" --screen home --size 420x860
shot "$out/lines-narrow.png" --screen lines --size 420x860
shot "$out/home-en.png" --screen home --size 1366x768 --lang en
shot "$out/search-en.png" --screen home --search 'hedersnormer' --size 1366x768 --lang en
shot "$out/home-en-narrow.png" --screen home --size 420x860 --lang en
shot "$out/log-en-narrow.png" --screen log --size 420x860 --lang en
