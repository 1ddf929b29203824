#!/usr/bin/env bash
# Runs every fuzz target for a bounded time and reports what it did.
#
#   bash fuzz/run.sh [--seconds N] [--jobs J] [target...]
#
# Configures and builds build/fuzz with clang++ (libFuzzer + ASan + UBSan) under the shared
# build lock, then runs each target (nice'd) for N seconds (default 60) on a copy of its
# committed corpus in build/fuzz/corpus-out/<target>/, so new inputs never bloat the repository.
# Writes a Markdown table to build/fuzz/report.md and prints it. Exits non-zero when a target
# crashed, timed out or leaked, naming the reproducer; a reproducer belongs in
# fuzz/corpus/<target>/ once the bug is fixed (docs/reliability.md, "Fuzzing").
set -euo pipefail

seconds=60
jobs=1
only=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --jobs) jobs="$2"; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        -*) echo "unknown option: $1" >&2; exit 2 ;;
        *) only+=("$1"); shift ;;
    esac
done
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -gt 0 ]] || { echo "--seconds must be a positive integer" >&2; exit 2; }
[[ "$jobs" =~ ^[0-9]+$ && "$jobs" -gt 0 ]] || { echo "--jobs must be a positive integer" >&2; exit 2; }

root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build/fuzz"
lock=/tmp/faltstod-build.lock

if [[ ${#only[@]} -gt 0 ]]; then
    targets=("${only[@]}")
else
    targets=()
    for source in "$root"/fuzz/fuzz_*.cpp; do
        name=$(basename "$source" .cpp)
        targets+=("${name#fuzz_}")
    done
fi

if [[ ! -f "$build/CMakeCache.txt" ]]; then
    flock "$lock" cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DFALTSTOD_BUILD_FUZZ=ON -DFALTSTOD_BUILD_TESTS=OFF -DFALTSTOD_SANITIZE=address,undefined >/dev/null
fi
build_targets=()
for t in "${targets[@]}"; do build_targets+=("fuzz_$t"); done
flock "$lock" cmake --build "$build" --parallel 2 --target "${build_targets[@]}" >"$build/build.log" 2>&1 ||
    { tail -30 "$build/build.log"; echo "fuzz build failed (log: $build/build.log)" >&2; exit 1; }

mkdir -p "$build/logs" "$build/artifacts"
report="$build/report.md"
{
    echo "| target | seconds | executions | exec/s | corpus (files) | new coverage features | crashes |"
    echo "|---|---:|---:|---:|---:|---:|---|"
} >"$report"

failed=()
for t in "${targets[@]}"; do
    binary="$build/fuzz-targets/fuzz_$t"
    seeds="$root/fuzz/corpus/$t"
    work="$build/corpus-out/$t"
    artifacts="$build/artifacts/$t/"
    log="$build/logs/$t.log"
    rm -rf "$work" "$artifacts"
    mkdir -p "$work" "$artifacts"
    cp "$seeds"/* "$work"/
    dict=()
    [[ -f "$root/fuzz/$t.dict" ]] && dict=("-dict=$root/fuzz/$t.dict")
    fork=()
    [[ "$jobs" -gt 1 ]] && fork=("-fork=$jobs")
    echo "fuzzing $t for ${seconds}s ..." >&2
    start=$(date +%s)
    set +e
    # -timeout: an input that takes 10 s is a finding (a hang); -rss_limit_mb: so is 2 GiB.
    nice -n 10 "$binary" "$work" "${dict[@]}" "${fork[@]}" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix="$artifacts" -print_final_stats=1 >"$log" 2>&1
    status=$?
    set -e
    elapsed=$(( $(date +%s) - start ))
    executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    [[ -n "$executions" ]] || executions=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    [[ -n "$executions" ]] || executions=0
    rate=$(( executions / (elapsed > 0 ? elapsed : 1) ))
    features_start=$(grep -m1 -E 'INITED' "$log" | grep -oE 'ft: [0-9]+' | grep -oE '[0-9]+' || true)
    features_end=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
    new_features=$(( ${features_end:-0} - ${features_start:-${features_end:-0}} ))
    corpus_files=$(find "$work" -type f | wc -l)
    crashes=$(find "$artifacts" -type f | wc -l)
    if [[ $status -ne 0 || $crashes -gt 0 ]]; then
        reproducers=$(find "$artifacts" -type f -printf '%P ' )
        failed+=("$t: exit $status, reproducer(s) in $artifacts: ${reproducers:-none written}; log $log")
        crash_cell="$crashes (\`${reproducers% }\`)"
    else
        crash_cell=0
    fi
    echo "| $t | $elapsed | $executions | $rate | $corpus_files | $new_features (${features_start:-?} → ${features_end:-?}) | $crash_cell |" >>"$report"
done

{
    echo
    echo "Run on $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$root" rev-parse --short HEAD), $(nproc) cores," \
        "clang $(clang++ --version | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1), -fsanitize=fuzzer,address,undefined," \
        "--seconds $seconds --jobs $jobs."
} >>"$report"
cat "$report"

if [[ ${#failed[@]} -gt 0 ]]; then
    echo >&2
    for f in "${failed[@]}"; do echo "FINDING: $f" >&2; done
    exit 1
fi
