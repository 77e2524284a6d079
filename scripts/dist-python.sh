#!/usr/bin/env bash
# Python release artifacts into dist/, then checks them as a user would get them:
#   sinch_core-<v>-py3-none-manylinux2014_x86_64...whl      release, zig (glibc >= 2.17), stripped
#   sinch_core-<v>.tar.gz                                   sdist (builds with Rust >= 1.89)
#   sinch_emulator-<v>-py3-none-manylinux2014_x86_64...whl  the emulator binary + pytest plugin
# Checks: `auditwheel show` must say manylinux_2_17; a fresh venv with both wheels (not the source
# tree) runs a smoke test, python/tests and examples/pytest-emulator; another fresh venv installs
# sinch-core from the sdist with pip (a real build from source) and runs the smoke test.
#
# The slow part is the release build (fat LTO, one codegen unit): ~4-5 min cold on 2 cores per
# configuration; rebuilds reuse ${CARGO_TARGET_DIR:-target}.
#
# Tools (maturin, ziglang, auditwheel) go into a venv of their own: $CARGO_TARGET_DIR/dist-venv.
# Env: PYTHON (default python3) creates the venvs; CARGO_TARGET_DIR is honoured;
#      DIST_SKIP_SDIST_CHECK=1 skips the sdist install (the slowest check: a release build of the
#      core from the unpacked sdist); DIST_QUICK_SDIST=1 keeps it but builds the sdist
#      unoptimised (no LTO, opt-level 0: proves that the source tree builds, in a third of the
#      time; CI uses it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
# Exported so that pip's sdist build (in a temporary directory) reuses the same target dir.
export CARGO_TARGET_DIR="$TARGET_DIR"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
unset SINCH_EMULATOR # the checks must run the binary the wheel installed

TOOLS="$TARGET_DIR/dist-venv"
CHECK_VENV="$TARGET_DIR/dist-check-venv"
SDIST_VENV="$TARGET_DIR/dist-sdist-venv"
DIST="$ROOT/dist"
LOGS="$TARGET_DIR/dist-logs"
PY="${PYTHON:-python3}"
TOTAL_START=$(date +%s%N)

elapsed() { # nanosecond timestamp -> "12.3 s" since then
    local ms=$((($(date +%s%N) - $1) / 1000000))
    printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100))
}

TIMES=()
step() {
    local name="$1"
    shift
    echo
    echo "==> $name"
    local start
    start=$(date +%s%N)
    "$@"
    local took
    took=$(elapsed "$start")
    echo "<== $name: $took"
    TIMES+=("$(printf '%-46s %s' "$name" "$took")")
}

versions_match() {
    local cargo core emu
    cargo=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
    core=$(sed -n 's/^version = "\(.*\)"/\1/p' python/pyproject.toml | head -n 1)
    emu=$(sed -n 's/^version = "\(.*\)"/\1/p' tests/emulator/python/pyproject.toml | head -n 1)
    echo "Cargo.toml $cargo, python/pyproject.toml $core, tests/emulator/python/pyproject.toml $emu"
    if [ "$cargo" != "$core" ] || [ "$cargo" != "$emu" ]; then
        echo "dist-python.sh: the versions differ; RELEASING.md, step 1" >&2
        return 1
    fi
    VERSION="$cargo"
}

tools() {
    [ -x "$TOOLS/bin/python" ] || "$PY" -m venv "$TOOLS"
    "$TOOLS/bin/python" -m pip install -q 'maturin>=1.16,<2' ziglang auditwheel
    # maturin (cargo-zigbuild) finds zig as `python3 -m ziglang` on PATH.
    export PATH="$TOOLS/bin:$PATH"
    maturin --version
    python3 -m ziglang version | sed 's/^/zig /'
    rm -rf python/src/sinch_core/_native # left by `maturin develop`, breaks `maturin build`
    rm -f "$DIST"/sinch_core-*.whl "$DIST"/sinch_core-*.tar.gz "$DIST"/sinch_emulator-*.whl
    mkdir -p "$DIST" "$LOGS"
}

# Both zig builds: debuginfo stripping (cargo's default with debug = 0) makes the zig linker drop
# the whole .symtab, where uniffi-bindgen looks for the UNIFFI_META symbols. Keep symbols at link
# time; strip_wheel.py strips the library once the bindings are generated.
zig_build() {
    CARGO_PROFILE_RELEASE_STRIP=false \
        maturin build --release --zig --compatibility manylinux2014 --locked -o "$DIST" "$@"
}

core_wheel() {
    (cd python && zig_build)
    python3 python/tools/strip_wheel.py "$DIST"/sinch_core-"$VERSION"-*.whl
}

emulator_wheel() {
    # A plain binary: maturin may strip it at link time (no bindings are generated from it).
    (cd tests/emulator/python && zig_build --strip)
}

sdist() {
    # maturin first probes python/Cargo.toml, which does not exist (the crate is bindings/), and
    # cargo reports that as an error although the sdist is fine: that one line is dropped.
    (cd python && maturin sdist -o "$DIST" 2>&1) | grep -v '^error: manifest path `Cargo.toml` does not exist$'
}

audit() {
    local whl out
    for whl in "$DIST"/sinch_core-"$VERSION"-*.whl "$DIST"/sinch_emulator-"$VERSION"-*.whl; do
        out=$(auditwheel show "$whl")
        echo "$out"
        # The verdict (the file name holds the tag too, whatever the verdict); auditwheel wraps
        # its text at varying places, hence the newlines made spaces.
        if ! grep -q 'following platform tag: *"manylinux_2_17_x86_64"' <<<"${out//$'\n'/ }"; then
            echo "dist-python.sh: $(basename "$whl") is not manylinux_2_17" >&2
            return 1
        fi
    done
}

fresh_venv() {
    rm -rf "$1"
    "$PY" -m venv "$1"
}

check_wheels() {
    fresh_venv "$CHECK_VENV"
    # ruff: the stub test (test_api) formats the stub it regenerates as the repository does.
    "$CHECK_VENV/bin/python" -m pip install -q pytest pytest-asyncio ruff \
        "$DIST"/sinch_core-"$VERSION"-*.whl "$DIST"/sinch_emulator-"$VERSION"-*.whl
    "$CHECK_VENV/bin/python" python/tools/wheel_smoke.py
}

check_python_tests() {
    "$CHECK_VENV/bin/python" -m pytest python/tests -q -p no:cacheprovider
}

check_pytest_example() {
    "$CHECK_VENV/bin/python" -m pytest examples/pytest-emulator -q -p no:cacheprovider
}

check_sdist() {
    fresh_venv "$SDIST_VENV"
    # What a user without a matching wheel runs. pip's build log (cargo's progress) goes to a
    # file, with the compile lines shown as they come; the whole log is printed on failure.
    local log="$LOGS/sdist-install.log" status=0 quick=()
    if [ "${DIST_QUICK_SDIST:-}" = 1 ]; then
        # pip's build backend inherits the environment, so cargo sees these profile overrides.
        quick=(env CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_OPT_LEVEL=0
            CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256)
        echo "    DIST_QUICK_SDIST=1: release profile overridden (no LTO, opt-level 0)"
    fi
    "${quick[@]}" "$SDIST_VENV/bin/python" -m pip install -v "$DIST"/sinch_core-"$VERSION".tar.gz \
        "$DIST"/sinch_emulator-"$VERSION"-*.whl 2>&1 |
        tee "$log" | awk '/Compiling |Finished |Built wheel|Successfully installed/ { print "    " $0; fflush() }' ||
        status=$?
    if [ "$status" != 0 ]; then
        tail -n 80 "$log" >&2
        return "$status"
    fi
    echo "    $(grep -c 'Compiling ' "$log") crates compiled (log: $log)"
    "$SDIST_VENV/bin/python" python/tools/wheel_smoke.py
}

sizes() {
    ls -l "$DIST"/sinch_core-"$VERSION"* "$DIST"/sinch_emulator-"$VERSION"* | awk '{ printf "%10d  %s\n", $5, $9 }'
    local so
    so=$(find "$CHECK_VENV" -name 'libsinch_core_ffi.so')
    echo "installed libsinch_core_ffi.so: $(stat -c %s "$so") bytes; sections:" \
        "$(readelf -S -W "$so" | grep -c '\.symtab') .symtab, $(readelf -S -W "$so" | grep -c '\.dynsym') .dynsym"
}

step "versions" versions_match
step "tools (maturin, ziglang, auditwheel)" tools
step "sinch-core wheel (release, zig, manylinux2014)" core_wheel
step "sinch-emulator wheel (release, zig, manylinux2014)" emulator_wheel
step "sinch-core sdist" sdist
step "auditwheel show" audit
step "fresh venv + both wheels + smoke test" check_wheels
step "pytest python/tests (installed wheels)" check_python_tests
step "pytest examples/pytest-emulator" check_pytest_example
if [ "${DIST_SKIP_SDIST_CHECK:-}" != 1 ]; then
    step "fresh venv + pip install the sdist + smoke" check_sdist
fi
echo
echo "==> artifacts"
sizes
echo
echo "==> timings"
printf '%s\n' "${TIMES[@]}"
echo "dist-python.sh total: $(elapsed "$TOTAL_START")"
