#!/usr/bin/env bash
# Builds, lints and tests the Python package (python/).
#
# Expects the cargo dev build to be done already (scripts/build.sh). maturin reuses the
# uniffi-bindgen from it, but builds the cdylib with sinch-core-ffi's own feature set, so after a
# cold workspace build it compiles ~45 dependency units once more (see python/README.md).
#
# `scripts/python.sh install` only builds and installs the wheel into .venv (the demo uses it).
# `scripts/python.sh bench [--only f]` runs the benchmark instead (release wheel and emulator,
# in a venv of its own): see scripts/bench-python.sh.
#
# Env: PYTHON (default python3) creates the venv; CARGO_TARGET_DIR is honoured;
#      SINCH_EMULATOR overrides the emulator binary used by the tests.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ "${1:-}" = "bench" ]; then
    exec "$ROOT/scripts/bench-python.sh" "${@:2}"
fi

TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export SINCH_EMULATOR="${SINCH_EMULATOR:-$TARGET_DIR/debug/sinch-emulator}"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

VENV="$ROOT/.venv"
TOTAL_START=$(date +%s%N)

elapsed() { # nanosecond timestamp -> "12.3 s" since then (no bc needed)
    local ms=$((($(date +%s%N) - $1) / 1000000))
    printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100))
}

step() {
    local name="$1"
    shift
    echo "==> $name"
    local start
    start=$(date +%s%N)
    "$@"
    echo "<== $name: $(elapsed "$start")"
}

make_venv() {
    if [ ! -x "$VENV/bin/python" ]; then
        "${PYTHON:-python3}" -m venv "$VENV"
    fi
    "$VENV/bin/python" -m pip install -q 'maturin>=1.16,<2' pytest pytest-asyncio ruff
    # For python/benchmarks/bench.py only (its baseline); the tests never import it.
    "$VENV/bin/python" -m pip install -q requests
}

build_wheel() {
    # Generated files left in the source tree (by `maturin develop`) break `maturin build`.
    # (The 2>&1 keeps maturin's progress on stdout, so a caller can silence it as a whole.)
    rm -rf python/src/sinch_core/_native
    rm -f dist/sinch_core-*.whl
    # Dev profile on purpose: it reuses the cargo dev build (no --release).
    (cd python && "$VENV/bin/maturin" build --locked -o "$ROOT/dist")
}

install_wheel() {
    local wheels=(dist/sinch_core-*.whl)
    "$VENV/bin/python" -m pip install -q --force-reinstall --no-deps "${wheels[@]}"
}

lint() {
    "$VENV/bin/ruff" format --check python
    "$VENV/bin/ruff" check python
}

run_tests() {
    if [ ! -x "$SINCH_EMULATOR" ]; then
        echo "sinch-emulator not found at $SINCH_EMULATOR; run: cargo build -p sinch-emulator" >&2
        return 1
    fi
    "$VENV/bin/python" -m pytest python/tests -q
}

step "venv + tools" make_venv
step "maturin build (dev profile)" build_wheel
step "pip install wheel" install_wheel
if [ "${1:-}" = "install" ]; then
    exit 0
fi
step "ruff" lint
step "pytest" run_tests
echo "==> python.sh total: $(elapsed "$TOTAL_START")"
