#!/usr/bin/env bash
# Maven's bridge to cargo (exec-maven-plugin runs it; see the poms). It builds the Rust side,
# then stages what a module packages, all under that module's target/:
#
#   build-native.sh bindings PROFILE TARGET   (sinch-core, generate-sources)
#       the native library, the Kotlin bindings generated from it (uniffi-bindgen, library mode,
#       post-processed by jvm-interop.awk) and a copy of the library, stripped, in
#       TARGET/native/<os>-<arch>/ (a resource: JNA loads it from the jar)
#   build-native.sh emulator PROFILE TARGET   (sinch-core-testing, generate-resources)
#       the sinch-emulator binary, stripped, in TARGET/native/<os>-<arch>/
#
# PROFILE is a cargo profile: jvm-dist (what `mvn install` ships, see the workspace Cargo.toml),
# dev (scripts/kotlin.sh: the debug build that scripts/build.sh already made, so the test loop
# compiles no Rust twice) or release.
# Both commands build the same package set, so the second is a no-op and features unify the
# same way every time (a different set would compile the shared crates again).
set -euo pipefail

what="$1" profile="$2" out="$3"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"   # uniffi-bindgen must run inside the cargo workspace (it reads cargo metadata)

target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
case "$profile" in
    dev) dir=debug ;;
    *) dir="$profile" ;;
esac

# JNA's resource prefix for this machine (com.sun.jna.Platform.RESOURCE_PREFIX), which is where
# it looks inside the jar. Only the platforms below can build here; others are planned in
# RELEASING.md.
case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) platform=linux-x86-64 lib=libsinch_core_ffi.so ;;
    Linux-aarch64) platform=linux-aarch64 lib=libsinch_core_ffi.so ;;
    Darwin-x86_64) platform=darwin-x86-64 lib=libsinch_core_ffi.dylib ;;
    Darwin-arm64) platform=darwin-aarch64 lib=libsinch_core_ffi.dylib ;;
    *) echo "build-native.sh: no JNA resource prefix known for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

command -v cargo >/dev/null || { echo "build-native.sh: cargo not found (https://rustup.rs)" >&2; exit 1; }
command -v strip >/dev/null || { echo "build-native.sh: strip not found (binutils)" >&2; exit 1; }

if [[ $profile == dev ]]; then
    # uniffi-bindgen in the same command, as scripts/build.sh's workspace build has it: the same
    # feature unification, so nothing is compiled again.
    build=(cargo build --locked -p sinch-core-ffi -p uniffi-bindgen -p sinch-emulator)
else
    # Each file on its own: built together, cargo would give the library the emulator's
    # dependency features (server-side hyper, tokio, ...), which makes it bigger, and the jar
    # has a size budget (RELEASING.md).
    case "$what" in
    emulator) build=(cargo build --locked --profile "$profile" -p sinch-emulator) ;;
    *) build=(cargo build --locked --profile "$profile" -p sinch-core-ffi) ;;
    esac
fi
echo "${build[*]}   (cargo lists each crate it compiles)"
"${build[@]}"
mkdir -p "$out/native/$platform"

case "$what" in
bindings)
    if [[ $profile != dev ]]; then
        # The bindgen itself stays a dev build: it runs for a second, and an optimized (LTO)
        # build of it would cost minutes.
        cargo build --locked -p uniffi-bindgen
    fi
    gen="$out/generated-sources/uniffi"
    rm -rf "$gen"
    # Before stripping: uniffi-bindgen reads the UNIFFI_META symbols from .symtab.
    "$target/debug/uniffi-bindgen" generate "$target/$dir/$lib" \
        --language kotlin --no-format --config "$here/uniffi.toml" --out-dir "$gen"
    while IFS= read -r -d '' f; do
        awk -f "$here/jvm-interop.awk" "$f" >"$f.tmp" && mv "$f.tmp" "$f"
    done < <(find "$gen" -name '*.kt' -print0)
    cp "$target/$dir/$lib" "$out/native/$platform/$lib"
    strip "$out/native/$platform/$lib"
    # The platforms this jar has a library for, named by UnsupportedPlatformException.
    meta="$out/native/io/github/sinchcore"
    mkdir -p "$meta"
    (cd "$out/native" && for f in */libsinch_core_ffi.*; do [[ -f $f ]] && echo "${f%%/*}"; done) |
        sort -u >"$meta/native-platforms.txt"
    echo "staged $platform/$lib ($(($(wc -c <"$out/native/$platform/$lib") / 1024)) KiB stripped, from $dir)"
    # kotlinc prints nothing while it works: say what comes and for how long.
    echo "generated $(find "$gen" -name '*.kt' | wc -l) Kotlin files, $(find "$gen" -name '*.kt' -exec cat {} + | wc -l) lines;" \
        "kotlinc compiles them next (about 35 s on 2 cores, no output meanwhile)"
    ;;
emulator)
    exe=sinch-emulator
    cp "$target/$dir/$exe" "$out/native/$platform/$exe"
    strip "$out/native/$platform/$exe"
    meta="$out/native/io/github/sinchcore/testing"
    mkdir -p "$meta"
    (cd "$out/native" && for f in */sinch-emulator*; do [[ -f $f ]] && echo "${f%%/*}"; done) |
        sort -u >"$meta/emulator-platforms.txt"
    echo "staged $platform/$exe ($(($(wc -c <"$out/native/$platform/$exe") / 1024)) KiB stripped, from $dir)"
    ;;
*)
    echo "build-native.sh: unknown target '$what' (bindings or emulator)" >&2
    exit 2
    ;;
esac
