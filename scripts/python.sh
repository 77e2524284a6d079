#!/usr/bin/env bash
# Builds, lints and tests the Python packages: sinch-core (python/) and sinch-emulator (the
# emulator binary + control client + pytest plugin, tests/emulator/python/), both as dev-profile
# wheels in dist/dev/ installed into .venv; then python/tests and examples/pytest-emulator (the
# plugin used the way a user would) run against the installed packages.
#
# Expects the cargo dev build to be done already (scripts/build.sh). maturin reuses the
# uniffi-bindgen from it, but builds the cdylib with sinch-core-ffi's own feature set, so after a
# cold workspace build it compiles ~45 dependency units once more (see python/README.md).
# Release wheels and the sdist: scripts/dist-python.sh.
#
# `scripts/python.sh install` only builds and installs the sinch-core wheel into .venv (the demo
# uses it).
# `scripts/python.sh bench [--only f]` runs the benchmark instead (release wheel and emulator,
# in a venv of its own): see scripts/bench-python.sh.
#
# Env: PYTHON (default python3) creates the venv; CARGO_TARGET_DIR is honoured;
#      SINCH_EMULATOR overrides the emulator binary the tests run (default: the one the
#      sinch-emulator wheel installed into .venv).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ "${1:-}" = "bench" ]; then
    exec "$ROOT/scripts/bench-python.sh" "${@:2}"
fi

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

VENV="$ROOT/.venv"
# Dev wheels apart from the release artifacts that scripts/dist-python.sh puts in dist/.
DIST="$ROOT/dist/dev"
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
    # For scripts/papi-extract.py and its test (tests/papi-spec).
    "$VENV/bin/python" -m pip install -q pyyaml
}

build_wheel() {
    # Generated files left in the source tree (by `maturin develop`) break `maturin build`.
    rm -rf python/src/sinch_core/_native
    rm -f "$DIST"/sinch_core-*.whl
    # Dev profile on purpose: it reuses the cargo dev build (no --release).
    # workspace-features: the dependency features of the workspace build, so nothing compiles
    # twice (scripts/check-features.sh); release wheels leave them off. (--features replaces
    # the pyproject.toml list, hence python again.)
    (cd python && "$VENV/bin/maturin" build --locked --features python,workspace-features -o "$DIST")
}

build_emulator_wheel() {
    rm -f "$DIST"/sinch_emulator-*.whl
    (cd tests/emulator/python && "$VENV/bin/maturin" build --locked -o "$DIST")
}

install_wheels() {
    "$VENV/bin/python" -m pip install -q --force-reinstall --no-deps "$@"
}

LINTED=(python tests/emulator/python examples tests/fleet tests/papi-spec scripts/papi-extract.py)
lint() {
    "$VENV/bin/ruff" format --check "${LINTED[@]}"
    "$VENV/bin/ruff" check "${LINTED[@]}"
}

step "venv + tools" make_venv
step "maturin build sinch-core (dev profile)" build_wheel
if [ "${1:-}" = "install" ]; then
    step "pip install sinch-core" install_wheels "$DIST"/sinch_core-*.whl
    exit 0
fi
step "maturin build sinch-emulator (dev profile)" build_emulator_wheel
step "pip install both wheels" install_wheels "$DIST"/sinch_core-*.whl "$DIST"/sinch_emulator-*.whl
step "ruff" lint
step "pytest python/tests" "$VENV/bin/python" -m pytest python/tests -q
# The pytest plugin as a user runs it: its own directory, pytest.ini and seed file.
step "pytest examples/pytest-emulator" "$VENV/bin/python" -m pytest examples/pytest-emulator -q
step "pytest tests/papi-spec (the extract script)" "$VENV/bin/python" -m pytest tests/papi-spec -q
echo "==> python.sh total: $(elapsed "$TOTAL_START")"
