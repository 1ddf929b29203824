#!/usr/bin/env bash
# The main job from README.md: installs what is missing and builds; publishes the bundled
# content to a local faltstod-server database; loads the same content into the kiosk's
# replica and shows what it answers offline; then runs the server on 127.0.0.1 until Ctrl-C.
# (The kiosk window and its background sync join this script as they land.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh

server=./build/sync/faltstod-server
kiosk=./build/app/faltstod
server_data="${XDG_DATA_HOME:-$HOME/.local/share}/faltstod-server"
mkdir -p "$server_data"
chmod 700 "$server_data"
server_db="$server_data/server.db"
port="${FALTSTOD_PORT:-8470}"

echo
echo "== Publishing assets/content to the server database ($server_db)"
"$server" --db "$server_db" publish assets/content

echo
echo "== Loading the same content into the kiosk's offline replica"
"$kiosk" import assets/content
"$kiosk" status
echo
echo "-- Support lines for children, answered offline:"
"$kiosk" lines --audience barn
echo
echo "-- Search 'tvangs' (å/ä/ö optional, prefixes match):"
"$kiosk" search tvangs

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo
  echo "No display found. Everything above runs headless; the kiosk's commands are listed by"
  echo "'$kiosk --help'. For the window, run this script in a desktop session."
fi

echo
echo "== Starting faltstod-server on http://127.0.0.1:$port (Ctrl-C stops it)"
code=$("$server" --db "$server_db" enroll-code --role reader 2>/dev/null)
echo "A one-time enrollment code for a test device (valid 24 h): $code"
echo "Try:  curl -s http://127.0.0.1:$port/healthz"
echo "      curl -s -X POST http://127.0.0.1:$port/v1/enroll -d '{\"code\": \"$code\", \"device_name\": \"Testdator\"}'"
exec "$server" --db "$server_db" serve --listen 127.0.0.1 --port "$port"
