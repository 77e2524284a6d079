#!/usr/bin/env bash
# Kotlin/JVM library: generate the UniFFI Kotlin, stage the native library, run the JUnit suite.
#
# Builds (or, after scripts/build.sh, only re-links) what it needs with cargo:
#   cargo build -p sinch-core-ffi -p uniffi-bindgen -p sinch-emulator
# Artifacts are read from ${CARGO_TARGET_DIR:-target}/debug, or /release with PROFILE=release
# (the jar to ship: the debug library is several times slower):
#   cargo build --release -p sinch-core-ffi -p uniffi-bindgen -p sinch-emulator
#   PROFILE=release scripts/kotlin.sh package
#
# Usage: scripts/kotlin.sh [MAVEN GOALS...]      (default: test; e.g. `scripts/kotlin.sh package`)
#        scripts/kotlin.sh demo [BASE-URL [PROJECT-ID]]
#                 package the jar (tests skipped) and run com.sinch.core.examples.Demo against
#                 BASE-URL (a running sinch-emulator); without BASE-URL, against a sinch-emulator
#                 started here on a free port and stopped afterwards.
# Env:   PROFILE    debug (default) or release: which cargo build to generate from and package
#        MVN_ARGS   extra Maven arguments (e.g. "-o" offline, "-Dtest=SinchCoreTest#webhooksPagination")
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
profile="${PROFILE:-debug}"
case "$profile" in
    debug | release) ;;
    *) echo "PROFILE must be debug or release, not '$profile'" >&2; exit 1 ;;
esac
build="$target/$profile"
kotlin="$root/kotlin"
mode=mvn
if [[ "${1:-}" == demo ]]; then
    mode=demo
    shift
    demo_args=("$@")
else
    goals=("${@:-test}")
fi

now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }   # bash 5, no bc/date needed
step_start=0
script_start=$(now_ms)
step() { step_start=$(now_ms); echo "==> $*"; }
done_step() { local ms=$(($(now_ms) - step_start)); printf '    (%d.%01d s)\n' $((ms / 1000)) $((ms % 1000 / 100)); }

for tool in java mvn; do
    command -v "$tool" >/dev/null || { echo "$tool not found: install a JDK 17+ and Maven 3.8+" >&2; exit 1; }
done
step "cargo build ($profile): the native library without the Python-only feature"
# Cheap after scripts/build.sh (both feature sets stay cached); needed because the Python build
# (maturin, feature `python`) leaves its own libsinch_core_ffi.so in the same place.
flag=(); [[ $profile == release ]] && flag=(--release)
cargo build "${flag[@]}" --locked -q -p sinch-core-ffi -p uniffi-bindgen -p sinch-emulator
done_step

step "generate Kotlin bindings (uniffi-bindgen, library mode)"
gen="$kotlin/target/generated-sources/uniffi"
rm -rf "$gen"
# Must run inside the cargo workspace: it reads each crate's uniffi.toml through cargo metadata.
"$build/uniffi-bindgen" generate "$build/libsinch_core_ffi.so" \
    --language kotlin --no-format --out-dir "$gen"
# Java callers: static factories and overloads for optional arguments (see the script).
while IFS= read -r -d '' f; do
    awk -f "$kotlin/jvm-interop.awk" "$f" >"$f.tmp" && mv "$f.tmp" "$f"
done < <(find "$gen" -name '*.kt' -print0)
find "$gen" -name '*.kt' | sed "s#^$root/#    #"
done_step

step "stage the $profile libsinch_core_ffi.so as a resource (linux-x86-64/)"
native="$kotlin/target/native/linux-x86-64"
mkdir -p "$native"
cp "$build/libsinch_core_ffi.so" "$native/"
done_step

cd "$kotlin"
export SINCH_EMULATOR="${SINCH_EMULATOR:-$build/sinch-emulator}"   # read by the test helper
if [[ $mode == demo ]]; then
    step "mvn -B -ntp -q -Dmaven.test.skip=true package; runtime classpath (dependency:build-classpath)"
    # (Maven 3.8 prints bare colour resets even when quiet: filtered out.)
    # shellcheck disable=SC2086
    mvn -B -ntp -q ${MVN_ARGS:-} -Dmaven.test.skip=true package dependency:build-classpath \
        -Dmdep.outputFile=target/runtime-classpath.txt -DincludeScope=runtime 2>&1 |
        sed -e 's/\x1b\[[0-9;]*m//g'
    jar=$(find target -maxdepth 1 -name 'sinch-core-*.jar' ! -name '*-sources.jar' | head -n 1)
    [[ -n "$jar" ]] || { echo "no jar in $kotlin/target" >&2; exit 1; }
    echo "    $jar + $(tr ':' '\n' < target/runtime-classpath.txt | sed 's#.*/##' | paste -sd ' ' -)"
    done_step

    if [[ ${#demo_args[@]} -eq 0 ]]; then
        step "start $SINCH_EMULATOR on a free port"
        emu_out=$(mktemp)
        "$SINCH_EMULATOR" --port 0 >"$emu_out" 2>/dev/null &
        emu_pid=$!
        trap 'kill "$emu_pid" 2>/dev/null; rm -f "$emu_out"' EXIT
        url=""
        for _ in $(seq 100); do
            url=$(grep -o 'http://[^ ]*' "$emu_out" || true)
            [[ -n "$url" ]] && break
            kill -0 "$emu_pid" 2>/dev/null || { echo "sinch-emulator exited" >&2; exit 1; }
            sleep 0.1
        done
        [[ -n "$url" ]] || { echo "sinch-emulator printed no address" >&2; exit 1; }
        echo "    $url (pid $emu_pid)"
        demo_args=("$url")
        done_step
    fi

    step "java com.sinch.core.examples.DemoKt ${demo_args[*]}"
    java -cp "$jar:$(cat target/runtime-classpath.txt)" com.sinch.core.examples.DemoKt "${demo_args[@]}"
    done_step
else
    step "mvn -B -ntp ${goals[*]}"
    # No `clean`: it would delete the staged inputs above.
    # shellcheck disable=SC2086
    mvn -B -ntp ${MVN_ARGS:-} "${goals[@]}"
    done_step
fi
total=$(($(now_ms) - script_start))
printf 'kotlin.sh: done in %d.%01d s\n' $((total / 1000)) $((total % 1000 / 100))
