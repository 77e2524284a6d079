#!/usr/bin/env bash
# Runs every test in all three languages against the local Sinch emulator (127.0.0.1):
# Rust (cargo test), Python (pytest on the built wheel), Kotlin (JUnit 5 via Maven).
# Needs: Rust (cargo), Python >= 3.9, JDK 17 + Maven; redis-server (installed with apt-get if
# missing). Python tools go into ./.venv.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
bash scripts/ensure-redis.sh
bash scripts/build.sh
# The Python build must reuse what build.sh compiled (no crate compiled twice).
bash scripts/check-features.sh
step=$SECONDS
cargo test --workspace --locked
# The Python-only page encoder (feature `python`, which the workspace build leaves off).
cargo test -p sinch-core --features python --lib --locked pickle
echo "test.sh: Rust tests took $((SECONDS - step)) s"
bash scripts/python.sh
# The mixed Python + JVM fleet tests (RedisFleetTest) must run here, not be skipped.
SINCH_REQUIRE_FLEET=1 bash scripts/kotlin.sh
echo "test.sh: all tests passed in $((SECONDS - start)) s"
