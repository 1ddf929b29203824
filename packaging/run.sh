#!/usr/bin/env bash
# The main job from README.md: installs what is missing and builds; publishes the bundled
# content to a local faltstod-server and starts it on 127.0.0.1; enrolls the kiosk's replica
# with a one-time code and syncs it from the server; shows what the kiosk answers offline;
# then opens the kiosk window (which keeps syncing in the background) when there is a display,
# or keeps the server running until Ctrl-C when there is none.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh --programs

server=./build/sync/faltstod-server
kiosk=./build/app/faltstod
server_data="${XDG_DATA_HOME:-$HOME/.local/share}/faltstod-server"
mkdir -p "$server_data"
chmod 700 "$server_data"
server_db="$server_data/server.db"
port="${FALTSTOD_PORT:-8470}"
url="http://127.0.0.1:$port"

echo
echo "== Publishing assets/content to the server database ($server_db)"
"$server" --db "$server_db" publish assets/content

echo
echo "== Starting faltstod-server on $url"
"$server" --db "$server_db" serve --listen 127.0.0.1 --port "$port" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 50); do
  curl -fs "$url/healthz" >/dev/null 2>&1 && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "faltstod-server did not start (its message is above; if port $port is in use, set FALTSTOD_PORT)" >&2
    exit 1
  fi
  sleep 0.1
done

echo
echo "== Syncing the kiosk's replica from the server"
if ! "$kiosk" status | grep -q "^Server: $url"; then
  "$kiosk" enroll --server "$url" --code "$("$server" --db "$server_db" enroll-code --role reader 2>/dev/null)"
fi
"$kiosk" sync --once
"$kiosk" status

echo
echo "-- Support lines for children, answered from the replica:"
"$kiosk" lines --audience barn
echo
echo "-- Search 'tvangs' (å/ä/ö optional, prefixes match):"
"$kiosk" search tvangs

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  echo
  echo "== Opening the kiosk window (close it to stop the server too)"
  "$kiosk"
  exit 0
fi

echo
echo "No display found, so the kiosk window cannot open. Everything above ran headless;"
echo "'$kiosk --help' lists the kiosk's commands. To see the window without a desktop:"
echo "  xvfb-run -a $kiosk --screenshot home.png --size 1280x800   (then open home.png)"
echo "For the real window, run this script in a desktop session."

echo
echo "faltstod-server keeps running on $url (Ctrl-C stops it)."
echo "Try:  curl -s $url/healthz"
wait "$server_pid"
