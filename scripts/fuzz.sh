#!/usr/bin/env bash
# Builds and runs every fuzz target in fuzz/ for SECONDS each (default 60), then prints the
# executions and crashes per target. A crash input is copied to fuzz/regressions/<target>/,
# which the ordinary `cargo test` replays on stable (core/tests/fuzz_regressions.rs).
#
# Needs a nightly toolchain (libFuzzer's sanitizer flags) and cargo-fuzz (installed from
# crates.io if missing). Targets run one after another: each uses one core.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-60}"
TARGETS=(token_response papi_error pages india_response callbacks)

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
rustup toolchain list | grep -q '^nightly' || {
    echo "fuzz.sh: a nightly toolchain is needed (rustup toolchain install nightly)" >&2
    exit 1
}

cd fuzz
cargo +nightly fuzz build -O 2>&1 | tail -n 1
results=()
for t in "${TARGETS[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t" "regressions/$t"
    log="artifacts/$t/last-run.log"
    before=$(find "artifacts/$t" -type f ! -name '*.log' | wc -l)
    echo "==> $t: ${SECONDS_EACH} s"
    # A crash stops the target's run; fix it, then run again.
    cargo +nightly fuzz run -O "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$SECONDS_EACH" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="artifacts/$t/" >"$log" 2>&1 || true
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | awk '{s+=$2} END {print s+0}')
    crashes=0
    for f in $(find "artifacts/$t" -type f ! -name '*.log'); do
        cp -n "$f" "regressions/$t/$(basename "$f")"
        crashes=$((crashes + 1))
    done
    crashes=$((crashes - before))
    results+=("$(printf '%-16s %12s executions %4s new crashes %6s corpus inputs' "$t" "$execs" "$crashes" "$(ls "corpus/$t" | wc -l)")")
done
echo
echo "fuzz.sh: ${SECONDS_EACH} s per target"
printf '%s\n' "${results[@]}"
