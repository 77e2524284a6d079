#!/usr/bin/env bash
# A soak you can rerun: 64 threads of mixed calls (token reads, lists, creates, India sends) from
# Python against the local emulator while faults are injected at random, for SECONDS (default
# 60). Prints calls, faults injected, outcomes by error class, Internal errors and hangs (both
# must be 0: the exit status says so), and fds / threads / RSS at start and end.
# Builds what is missing first (the Rust workspace, the wheel into ./.venv).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-60}"
target="${CARGO_TARGET_DIR:-$root/target}"
emulator="$target/debug/sinch-emulator"

if [[ ! -x "$emulator" ]]; then
    bash scripts/build.sh
fi
if ! .venv/bin/python -c 'import sinch_core' 2>/dev/null; then
    bash scripts/python.sh install >/dev/null
fi
exec .venv/bin/python python/tools/soak.py --seconds "$seconds" --emulator "$emulator"
