#!/usr/bin/env bash
# Kotlin/JVM library: generate the UniFFI Kotlin, stage the native library, run the JUnit suite.
#
# Expects the cargo dev build to be done already (CI does it once for every language):
#   cargo build -p sinch-core-ffi -p uniffi-bindgen -p sinch-emulator
# Artifacts are read from ${CARGO_TARGET_DIR:-target}/debug.
#
# Usage: scripts/kotlin.sh [MAVEN GOALS...]      (default: test; e.g. `scripts/kotlin.sh package`)
# Env:   MVN_ARGS   extra Maven arguments (e.g. "-o" offline, "-Dtest=SinchCoreTest#webhooksPagination")
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
debug="$target/debug"
kotlin="$root/kotlin"
goals=("${@:-test}")

now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }   # bash 5, no bc/date needed
step_start=0
script_start=$(now_ms)
step() { step_start=$(now_ms); echo "==> $*"; }
done_step() { local ms=$(($(now_ms) - step_start)); printf '    (%d.%01d s)\n' $((ms / 1000)) $((ms % 1000 / 100)); }

for tool in java mvn; do
    command -v "$tool" >/dev/null || { echo "$tool not found: install a JDK 17+ and Maven 3.8+" >&2; exit 1; }
done
for f in "$debug/libsinch_core_ffi.so" "$debug/uniffi-bindgen" "$debug/sinch-emulator"; do
    if [[ ! -e "$f" ]]; then
        echo "missing $f: run 'cargo build -p sinch-core-ffi -p uniffi-bindgen -p sinch-emulator' first" >&2
        exit 1
    fi
done

step "generate Kotlin bindings (uniffi-bindgen, library mode)"
gen="$kotlin/target/generated-sources/uniffi"
rm -rf "$gen"
# Must run inside the cargo workspace: it reads each crate's uniffi.toml through cargo metadata.
"$debug/uniffi-bindgen" generate "$debug/libsinch_core_ffi.so" \
    --language kotlin --no-format --out-dir "$gen"
find "$gen" -name '*.kt' | sed "s#^$root/#    #"
done_step

step "stage libsinch_core_ffi.so as a resource (linux-x86-64/)"
native="$kotlin/target/native/linux-x86-64"
mkdir -p "$native"
cp "$debug/libsinch_core_ffi.so" "$native/"
done_step

step "mvn -B -ntp ${goals[*]}"
cd "$kotlin"
# No `clean`: it would delete the staged inputs above.
# shellcheck disable=SC2086
export SINCH_EMULATOR="${SINCH_EMULATOR:-$debug/sinch-emulator}"   # read by the test helper
mvn -B -ntp ${MVN_ARGS:-} "${goals[@]}"
done_step
total=$(($(now_ms) - script_start))
printf 'kotlin.sh: done in %d.%01d s\n' $((total / 1000)) $((total % 1000 / 100))
