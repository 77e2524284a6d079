#!/usr/bin/env bash
# Python benchmark in release mode: builds the release emulator and a release wheel, installs the
# wheel (plus the baselines: `requests`, authlib, httpx) into a separate venv
# ($CARGO_TARGET_DIR/python-bench-venv), and runs python/benchmarks/bench.py, which prints the
# numbers. The test venv (.venv) is left alone. Arguments go to bench.py, e.g. `--only f` for
# the asyncio measurements alone (`scripts/python.sh bench --only f`).
#
# Env: PYTHON (default python3) creates the venv; CARGO_TARGET_DIR is honoured;
#      BENCH_RUNS (default 30) runs per measurement.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
VENV="$TARGET_DIR/python-bench-venv"  # outside the source tree
DIST="$ROOT/dist/release"

echo "==> cargo build --release -p sinch-emulator"
cargo build --release --locked -p sinch-emulator

echo "==> bench venv + maturin + baselines"
if [ ! -x "$VENV/bin/python" ]; then
    "${PYTHON:-python3}" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q 'maturin>=1.16,<2' requests authlib httpx

echo "==> maturin build --release"
rm -rf python/src/sinch_core/_native "$DIST"
(cd python && "$VENV/bin/maturin" build --release --locked -o "$DIST")
"$VENV/bin/python" -m pip install -q --force-reinstall --no-deps "$DIST"/sinch_core-*.whl

echo "==> benchmark"
"$VENV/bin/python" python/benchmarks/bench.py \
    --emulator "$TARGET_DIR/release/sinch-emulator" --runs "${BENCH_RUNS:-30}" "$@"
