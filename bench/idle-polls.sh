#!/usr/bin/env bash
# Section 6 of docs/performance.md on its own: idle polls per second (wrk, keep-alive) from
# faltstod-server against nginx serving a static file of the same bytes, in one run, as
# bench/run-all.sh measures them, without the rest of the benchmarks. Uses the built binaries in
# build/ (no build here). Every server and nginx it starts is stopped on exit.
# Usage:  bash bench/idle-polls.sh [ROWS (10000)] [ROUNDS (2)]
# Each round runs wrk against faltstod-server, nginx (200) and nginx with its ETag (304), in turn.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/build"
ROWS=${1:-10000}
ROUNDS=${2:-2}
APP="$BUILD/app/faltstod"
SERVER="$BUILD/sync/faltstod-server"
B="$BUILD/bench"
WORK=$(mktemp -d /tmp/faltstod-idle.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "[$(date +%T)] $*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# shellcheck source=bench/nginx-reference.sh
source "$(dirname "${BASH_SOURCE[0]}")/nginx-reference.sh"
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx (apt-get install -y wrk nginx-light)" >&2; exit 1; }

echo "commit $(git -C "$ROOT" rev-parse --short HEAD) ($(git -C "$ROOT" status --porcelain | grep -c . || true) files changed or untracked), $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
log "dataset of $ROWS rows, published"
"$B/faltstod-bench-gen" --rows "$ROWS" --seed 7 --out "$WORK/bundle" >/dev/null
"$SERVER" --db "$WORK/server.db" publish "$WORK/bundle" >/dev/null
"$SERVER" --db "$WORK/server.db" serve --listen 127.0.0.1 --port 0 >"$WORK/serve.out" 2>"$WORK/serve.log" &
PIDS+=("$!")
for _ in $(seq 100); do
    PORT=$(grep -o '127.0.0.1:[0-9]*' "$WORK/serve.out" 2>/dev/null | cut -d: -f2 || true)
    [[ -n "$PORT" ]] && break
    sleep 0.1
done
[[ -n "$PORT" ]] || { echo "the server did not start" >&2; exit 1; }
mkdir -p "$WORK/replica"
CODE=$("$SERVER" --db "$WORK/server.db" enroll-code --role reader 2>/dev/null | grep -o '^[A-Z0-9]\{4\}-[A-Z0-9]\{4\}-[A-Z0-9]\{4\}')
"$APP" --db "$WORK/replica/replica.db" enroll --server "http://127.0.0.1:$PORT" --code "$CODE" >/dev/null
log "first sync"
"$APP" --db "$WORK/replica/replica.db" sync --once >/dev/null

TOKEN=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["token"])' "$WORK/replica/device.json")
CURSOR=$("$APP" --db "$WORK/replica/replica.db" status | sed -n 's/.*content version \([0-9]*\).*/\1/p')
POLL_PATH="/v1/changes?since=$CURSOR&limit=500"
curl -s -D "$WORK/poll.headers" -o "$WORK/poll.body" -H "Authorization: Bearer $TOKEN" -H "X-Faltstod-Protocol: 1" \
    "http://127.0.0.1:$PORT$POLL_PATH"
ETAG=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r$/\1/p' "$WORK/poll.headers")
echo "idle poll: $(curl -s -o /dev/null -w 'status %{http_code}, %{size_header} bytes of headers, %{size_download} of body' \
    -H "Authorization: Bearer $TOKEN" -H "X-Faltstod-Protocol: 1" -H "If-None-Match: $ETAG" "http://127.0.0.1:$PORT$POLL_PATH")"

start_nginx_reference "$WORK" "$WORK/poll.body"

WRK_ARGS=(-t2 -c8 -d10s --latency)
summary() { grep -E 'Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors|requests in' | tr -s ' ' | paste -sd ';' -; }
# TCP connections accepted on this machine (all processes: the count is only meaningful on a
# machine that opens few other connections meanwhile).
passive_opens() { awk '$1 == "Tcp:" && $7 ~ /^[0-9]+$/ {print $7}' /proc/net/snmp; }
measured() {  # LABEL wrk-args…: wrk's summary and the connections it needed
    local before after out
    before=$(passive_opens)
    out=$(wrk "${@:2}" | summary)
    after=$(passive_opens)
    echo "round $round $1: $out; TCP connections accepted $((after - before))"
}
for round in $(seq "$ROUNDS"); do
    log "round $round: faltstod-server (304), nginx (200), nginx with its ETag (304)"
    measured faltstod-server-304 "${WRK_ARGS[@]}" -H "Authorization: Bearer $TOKEN" -H "X-Faltstod-Protocol: 1" \
        -H "If-None-Match: $ETAG" "http://127.0.0.1:$PORT$POLL_PATH"
    measured nginx-200 "${WRK_ARGS[@]}" "http://127.0.0.1:$NGINX_PORT/poll.json"
    measured nginx-304 "${WRK_ARGS[@]}" -H "If-None-Match: $NGINX_ETAG" "http://127.0.0.1:$NGINX_PORT/poll.json"
done
