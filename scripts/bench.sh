#!/usr/bin/env bash
# Every benchmark (release builds; they print numbers, nothing is asserted):
# the Rust token cache (cached read cost, cold-thread token requests), listing 1000 templates
# in Rust (HTTP vs decoding), and the Python benchmark (1000 templates through sinch_core vs
# requests + json, a cached token read from Python, 8 cold processes on one file store, asyncio
# vs httpx), the async forms in Rust (vs blocking, vs async reqwest) and Kotlin (suspend vs
# Dispatchers.IO).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --locked -p sinch-core --bench token_cache 2>&1 | grep -v '^\s*\(Compiling\|Finished\|Running\)'
cargo bench --locked -p sinch-core --bench list_pages 2>&1 | grep -v '^\s*\(Compiling\|Finished\|Running\)'
bash scripts/ensure-redis.sh
cargo bench --locked -p sinch-core --bench redis_store 2>&1 | grep -v '^\s*\(Compiling\|Finished\|Running\)'
cargo bench --locked -p sinch-core --bench async_calls 2>&1 | grep -v '^\s*\(Compiling\|Finished\|Running\)'
bash scripts/bench-python.sh 2>&1 | sed -n '/^==> benchmark/,$p'
bash scripts/bench-kotlin.sh
