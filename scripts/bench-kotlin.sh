#!/usr/bin/env bash
# Kotlin coroutine benchmark in release mode: 100 concurrent webhooks().list() calls through the
# suspend API (one dispatcher thread) vs the blocking API on Dispatchers.IO, alternating, with
# wall time and threads used (kotlin/sinch-core/src/test/kotlin/io/github/sinchcore/bench/AsyncBench.kt).
# It prints numbers and asserts nothing.
#
# Builds the release native library and emulator (Maven runs cargo, through scripts/kotlin.sh),
# compiles the test sources without running the suite, then runs the benchmark's main class on
# the test classpath.
#
# Env: BENCH_ROUNDS (default 10) rounds per contender after warm-up; BENCH_LATENCY_MS (default
#      "0,50") server-side delay per call, one measurement each; CARGO_TARGET_DIR is honoured;
#      MVN_ARGS is passed on to Maven (e.g. -o).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac

# test-compile also copies the staged release .so into target/classes; the classpath file lists
# the test-scope jars (kotlinx-coroutines, JNA, the Kotlin stdlib).
PROFILE=release bash scripts/kotlin.sh test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test -q 2>&1 |
    { grep -v '^\[WARNING\]' || true; } | sed -e 's/\x1b\[[0-9;]*m//g'

echo "==> benchmark"
cd kotlin/sinch-core
SINCH_EMULATOR="$target/release/sinch-emulator" \
    java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    io.github.sinchcore.bench.AsyncBenchKt \
    --rounds "${BENCH_ROUNDS:-10}" --latency-ms "${BENCH_LATENCY_MS:-0,50}"
