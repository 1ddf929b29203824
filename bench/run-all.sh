#!/usr/bin/env bash
# Runs every Fältstöd benchmark in one go and writes docs/performance.md: builds what it needs
# (under the shared build lock), generates the datasets, starts the real faltstod-server on
# loopback, measures each figure beside its reference in the same run, stops every server and
# nginx it started, and renders the report. Usage:  bash bench/run-all.sh
# Environment: FALTSTOD_BENCH_SIZES ("1000 10000 100000"), FALTSTOD_BENCH_REPS (3),
# FALTSTOD_BENCH_KEEP=1 keeps the work folder, FALTSTOD_BENCH_SKIP_BUILD=1 uses the built binaries.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/build"
SIZES=${FALTSTOD_BENCH_SIZES:-"1000 10000 100000"}
REPS=${FALTSTOD_BENCH_REPS:-3}
SEED=7
WORK=$(mktemp -d /tmp/faltstod-bench.XXXXXX)
RESULTS="$WORK/results"
mkdir -p "$RESULTS"
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [[ "${FALTSTOD_BENCH_KEEP:-0}" == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

log() { echo "[$(date +%T)] $*" >&2; }

# --- build -------------------------------------------------------------------------------
BENCH_TARGETS="faltstod faltstod-server faltstod-bench-gen faltstod-bench-load faltstod-bench-mutate faltstod-bench-sync faltstod-bench-search faltstod-bench-push faltstod-bench-kiosk"
if [[ "${FALTSTOD_BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    log "building $BENCH_TARGETS"
    cd "$ROOT"
    if ! grep -q '^FALTSTOD_BUILD_BENCH:BOOL=ON' "$BUILD/CMakeCache.txt" 2>/dev/null; then
        flock /tmp/faltstod-build.lock cmake -S "$ROOT" -B "$BUILD" -DFALTSTOD_BUILD_BENCH=ON >/dev/null
    fi
    # shellcheck disable=SC2086
    flock /tmp/faltstod-build.lock cmake --build "$BUILD" --target $BENCH_TARGETS -j2 >"$WORK/build.log" 2>&1 ||
        { tail -30 "$WORK/build.log"; exit 1; }
fi
APP="$BUILD/app/faltstod"
SERVER="$BUILD/sync/faltstod-server"
B="$BUILD/bench"

# --- helpers -----------------------------------------------------------------------------
# start_server DB: starts faltstod-server on a free loopback port; sets SERVER_PID and PORT.
start_server() {
    local out="$WORK/serve-$RANDOM.out"
    "$SERVER" --db "$1" serve --listen 127.0.0.1 --port 0 >"$out" 2>>"$WORK/serve.log" &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    for _ in $(seq 100); do
        PORT=$(grep -o '127.0.0.1:[0-9]*' "$out" 2>/dev/null | cut -d: -f2 || true)
        [[ -n "$PORT" ]] && return 0
        sleep 0.1
    done
    echo "the server did not start" >&2
    exit 1
}
stop_server() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
}
# enroll SERVER_DB REPLICA_DIR: a fresh replica enrolled as a reader.
enroll() {
    rm -rf "$2"
    mkdir -p "$2"
    local code
    code=$("$SERVER" --db "$1" enroll-code --role reader 2>/dev/null | grep -o '^[A-Z0-9]\{4\}-[A-Z0-9]\{4\}-[A-Z0-9]\{4\}')
    "$APP" --db "$2/replica.db" enroll --server "http://127.0.0.1:$PORT" --code "$code" >/dev/null
}
# timed OUT_JSON CMD…: runs CMD under /usr/bin/time; writes {"s": wall seconds, "rss_kib": peak}.
timed() {
    local out=$1
    shift
    /usr/bin/time -f '{"s": %e, "rss_kib": %M}' -o "$out" "$@" >"$out.stdout"
}
rss_kib() { awk -v key="$2:" '$1 == key {print $2}' "/proc/$1/status"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# shellcheck source=bench/nginx-reference.sh
source "$(dirname "${BASH_SOURCE[0]}")/nginx-reference.sh"

# --- the machine -------------------------------------------------------------------------
{
    echo "{"
    echo "\"nproc\": $(nproc),"
    echo "\"cpu\": $(lscpu | sed -n 's/^Model name: *//p' | head -1 | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read().strip()))'),"
    echo "\"mem_mib\": $(free -m | awk '/^Mem:/ {print $2}'),"
    echo "\"kernel\": \"$(uname -r)\","
    echo "\"compiler\": \"$(c++ --version | head -1)\","
    echo "\"build_type\": \"$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD/CMakeCache.txt")\","
    echo "\"commit\": \"$(git -C "$ROOT" rev-parse --short HEAD)\","
    echo "\"dirty\": $(git -C "$ROOT" status --porcelain | grep -c . || true),"
    echo "\"start\": \"$(date -u +%FT%TZ)\","
    echo "\"load_start\": \"$(cut -d' ' -f1-3 /proc/loadavg)\""
    echo "}"
} >"$RESULTS/machine.json"

# --- 1 + 2 + 3: first sync, incremental sync, idle poll, per dataset size ---------------
for N in $SIZES; do
    log "dataset of $N rows"
    "$B/faltstod-bench-gen" --rows "$N" --seed "$SEED" --out "$WORK/bundle-$N" >"$RESULTS/gen-$N.json"
    timed "$RESULTS/publish-$N.json" "$SERVER" --db "$WORK/server-$N.db" publish "$WORK/bundle-$N"
    "$B/faltstod-bench-load" prepare --server-db "$WORK/server-$N.db" --rows-out "$WORK/rows-$N.json" >"$RESULTS/rows-$N.json"
    start_server "$WORK/server-$N.db"
    for rep in $(seq "$REPS"); do
        log "  first sync $N, run $rep (sync, then the two local references)"
        enroll "$WORK/server-$N.db" "$WORK/replica-$N"
        timed "$RESULTS/first-sync-$N-$rep.json" "$APP" --db "$WORK/replica-$N/replica.db" sync --once
        rm -f "$WORK/ref-$N.db"*
        timed "$RESULTS/ref-replica-$N-$rep.json" "$B/faltstod-bench-load" replica --rows "$WORK/rows-$N.json" --db "$WORK/ref-$N.db"
        rm -f "$WORK/ref-$N.db"*
        timed "$RESULTS/ref-raw-$N-$rep.json" "$B/faltstod-bench-load" raw --rows "$WORK/rows-$N.json" --db "$WORK/ref-$N.db"
        rm -f "$WORK/ref-$N.db"*
    done
    stat -c %s "$WORK/replica-$N/replica.db" >"$RESULTS/replica-bytes-$N"
    log "  incremental sync of 100 changed rows and idle polls, 5 rounds"
    "$B/faltstod-bench-sync" --replica "$WORK/replica-$N/replica.db" --credentials "$WORK/replica-$N/device.json" --rounds 5 \
        --change-cmd "'$B/faltstod-bench-mutate' --db '$WORK/server-$N.db' --changed 100 --round {r} >/dev/null" \
        >"$RESULTS/incremental-$N.jsonl"
    if [[ "$N" != "${SIZES##* }" ]]; then stop_server; fi
done
BIG=${SIZES##* }

# --- 5: pushes per second against the largest server; server RSS idle vs under load -----
# The server keeps running from above (BIG rows published, one replica synced). Restart it so
# that "idle" is a fresh server that has served nothing yet.
stop_server
start_server "$WORK/server-$BIG.db"
sleep 1
echo "{\"idle_rss_kib\": $(rss_kib "$SERVER_PID" VmRSS)}" >"$RESULTS/server-rss-idle.json"
log "pushes per second: 1 client, then 4 clients (batches of 50)"
"$B/faltstod-bench-push" --port "$PORT" --credentials "$WORK/replica-$BIG/device.json" --clients 1 --batches 100 --seconds 60 \
    >"$RESULTS/push-1.json"
"$B/faltstod-bench-push" --port "$PORT" --credentials "$WORK/replica-$BIG/device.json" --clients 4 --batches 400 --seconds 60 \
    >"$RESULTS/push-4.json"
log "one more first sync of $BIG rows while the server is measured"
enroll "$WORK/server-$BIG.db" "$WORK/replica-rss"
"$APP" --db "$WORK/replica-rss/replica.db" sync --once >/dev/null

# --- 6: idle polls per second with wrk, against nginx serving a file of the same size -----
TOKEN=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["token"])' "$WORK/replica-$BIG/device.json")
CURSOR=$("$APP" --db "$WORK/replica-$BIG/replica.db" status | sed -n 's/.*content version \([0-9]*\).*/\1/p')
POLL_PATH="/v1/changes?since=$CURSOR&limit=500"
curl -s -D "$WORK/poll.headers" -o "$WORK/poll.body" -H "Authorization: Bearer $TOKEN" -H "X-Faltstod-Protocol: 1" \
    "http://127.0.0.1:$PORT$POLL_PATH"
ETAG=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r$/\1/p' "$WORK/poll.headers")
curl -s -o /dev/null -w '{"status": %{http_code}, "header_bytes": %{size_header}, "body_bytes": %{size_download}}' \
    -H "Authorization: Bearer $TOKEN" -H "X-Faltstod-Protocol: 1" -H "If-None-Match: $ETAG" \
    "http://127.0.0.1:$PORT$POLL_PATH" >"$RESULTS/poll-304-curl.json"
WRK_ARGS=(-t2 -c8 -d10s --latency)
if command -v wrk >/dev/null && command -v nginx >/dev/null; then
    log "wrk: faltstod-server idle polls (304)"
    wrk "${WRK_ARGS[@]}" -H "Authorization: Bearer $TOKEN" -H "X-Faltstod-Protocol: 1" -H "If-None-Match: $ETAG" \
        "http://127.0.0.1:$PORT$POLL_PATH" >"$RESULTS/wrk-server.txt"
    echo "{\"loaded_hwm_kib\": $(rss_kib "$SERVER_PID" VmHWM), \"loaded_rss_kib\": $(rss_kib "$SERVER_PID" VmRSS)}" \
        >"$RESULTS/server-rss-loaded.json"
    start_nginx_reference "$WORK" "$WORK/poll.body"
    log "wrk: nginx, the same body as a static file (200), and with its ETag (304)"
    wrk "${WRK_ARGS[@]}" "http://127.0.0.1:$NGINX_PORT/poll.json" >"$RESULTS/wrk-nginx-200.txt"
    wrk "${WRK_ARGS[@]}" -H "If-None-Match: $NGINX_ETAG" "http://127.0.0.1:$NGINX_PORT/poll.json" >"$RESULTS/wrk-nginx-304.txt"
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
else
    log "wrk or nginx missing: skipped (apt-get install -y wrk nginx-light)"
fi
stop_server

# --- 4: search per keystroke, 10k articles + 20k contacts --------------------------------
log "search per keystroke"
"$B/faltstod-bench-gen" --articles 10000 --contacts 20000 --lines 10 --seed "$SEED" --out "$WORK/bundle-search" >/dev/null
timed "$RESULTS/search-import.json" "$APP" --db "$WORK/search/replica.db" import "$WORK/bundle-search"
"$B/faltstod-bench-search" --db "$WORK/search/replica.db" --passes 5 >"$RESULTS/search.json"
# Home's search for everything (articles, lines, contacts, checklists) on the same replica.
"$B/faltstod-bench-search" --db "$WORK/search/replica.db" --passes 5 --everything >"$RESULTS/search-everything.json"

# --- 7: the kiosk window under Xvfb ------------------------------------------------------
if [[ -x "$B/faltstod-bench-kiosk" ]] && command -v xvfb-run >/dev/null; then
    log "kiosk: empty window, the kiosk with the $BIG-row replica, with the search replica (Home, Contacts opened from Home), and its Contacts"
    for rep in $(seq "$REPS"); do
        timed "$RESULTS/kiosk-empty-$rep.json" xvfb-run -a -s "-screen 0 1280x800x24" "$B/faltstod-bench-kiosk" empty --frames 200
        timed "$RESULTS/kiosk-full-$rep.json" xvfb-run -a -s "-screen 0 1280x800x24" "$B/faltstod-bench-kiosk" kiosk \
            --db "$WORK/replica-$BIG/replica.db" --frames 200
        timed "$RESULTS/kiosk-search-$rep.json" xvfb-run -a -s "-screen 0 1280x800x24" "$B/faltstod-bench-kiosk" kiosk \
            --db "$WORK/search/replica.db" --frames 200
        timed "$RESULTS/kiosk-contacts-open-$rep.json" xvfb-run -a -s "-screen 0 1280x800x24" "$B/faltstod-bench-kiosk" kiosk \
            --db "$WORK/search/replica.db" --screen contacts --open-after 30 --frames 100
    done
    timed "$RESULTS/kiosk-contacts.json" xvfb-run -a -s "-screen 0 1280x800x24" "$B/faltstod-bench-kiosk" kiosk \
        --db "$WORK/search/replica.db" --screen contacts --frames 300
fi

echo "{\"end\": \"$(date -u +%FT%TZ)\", \"load_end\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >"$RESULTS/machine-end.json"

# --- the report ----------------------------------------------------------------------------
log "writing docs/performance.md"
python3 "$ROOT/bench/render_report.py" "$RESULTS" "$ROOT/docs/performance.md"
log "done"
