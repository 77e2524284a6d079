#!/usr/bin/env bash
# Builds all Rust code once (dev profile): the core, the cdylib the Python wheel and the Kotlin
# jar load, the uniffi-bindgen that generates both bindings, the emulator, and the test binaries.
# Everything after this (cargo test, maturin, Maven) reuses these artifacts.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
cargo build --workspace --all-targets --locked
echo "build.sh: cargo build took $((SECONDS - start)) s"
