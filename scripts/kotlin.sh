#!/usr/bin/env bash
# Kotlin/JVM library: the JUnit suites of kotlin/ (sinch-core-testing, then sinch-core), or the
# demo. Maven drives cargo itself (kotlin/build-native.sh): it builds the native library, the
# emulator and uniffi-bindgen, generates the Kotlin bindings and stages the library.
#
# This script builds them in the dev profile by default, so after scripts/build.sh (the
# workspace's dev build) no Rust is compiled again; `mvn install` in kotlin/ uses the jvm-dist
# profile (the jar to ship, see scripts/dist-kotlin.sh). PROFILE=release here tests a release build.
#
# Usage: scripts/kotlin.sh [MAVEN GOALS...]      (default: test; e.g. `scripts/kotlin.sh package`)
#        scripts/kotlin.sh demo [BASE-URL [PROJECT-ID]]
#                 build kotlin/demo (tests skipped) and run it against BASE-URL (a running
#                 sinch-emulator); without BASE-URL, against a sinch-emulator started here on a
#                 free port and stopped afterwards.
# Env:   PROFILE    debug (default) or release: the cargo profile of the native code
#        MVN_ARGS   extra Maven arguments (e.g. "-o" offline, "-Dtest=SinchCoreTest#webhooksPagination")
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
case "${PROFILE:-debug}" in
    debug | dev) cargo_profile=dev dir=debug ;;
    release) cargo_profile=release dir=release ;;
    *) echo "PROFILE must be debug or release, not '$PROFILE'" >&2; exit 1 ;;
esac
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

for tool in cargo java mvn; do
    command -v "$tool" >/dev/null || { echo "$tool not found: install Rust, a JDK 17+ and Maven 3.8+" >&2; exit 1; }
done
cd "$kotlin"
# (Maven 3.8 prints bare colour resets even in batch mode: filtered out.)
mvn_() { mvn -B -ntp -Dcargo.profile="$cargo_profile" "$@" 2>&1 | sed -u -e 's/\x1b\[[0-9;]*m//g'; return "${PIPESTATUS[0]}"; }

if [[ $mode == demo ]]; then
    step "mvn -Pdemo -pl demo -am package (tests skipped): cargo ($cargo_profile), bindings, the library, the demo"
    # Each plugin step is printed as it starts, so the longer ones (cargo, kotlinc on ~30k
    # generated lines) show what is going on.
    # shellcheck disable=SC2086
    mvn_ ${MVN_ARGS:-} -Pdemo -pl demo -am -Dmaven.test.skip=true package dependency:build-classpath \
        -Dmdep.outputFile=target/runtime-classpath.txt -DincludeScope=runtime |
        { grep --line-buffered -E '^\[INFO\] (--- |Building )|^\[(ERROR|WARNING)\]|^(cargo|staged|generated)|^ *(Compiling|Finished) |BUILD' || true; }
    jar=$(find demo/target -maxdepth 1 -name 'sinch-core-demo-*.jar' | head -n 1)
    [[ -n "$jar" ]] || { echo "no demo jar in $kotlin/demo/target" >&2; exit 1; }
    echo "    $jar + $(tr ':' '\n' < demo/target/runtime-classpath.txt | sed 's#.*/##' | paste -sd ' ' -)"
    done_step

    if [[ ${#demo_args[@]} -eq 0 ]]; then
        emulator="$target/$dir/sinch-emulator"
        step "start $emulator on a free port"
        emu_out=$(mktemp)
        "$emulator" --port 0 >"$emu_out" 2>/dev/null &
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

    step "java io.github.sinchcore.examples.DemoKt ${demo_args[*]}"
    java -cp "$jar:$(cat demo/target/runtime-classpath.txt)" io.github.sinchcore.examples.DemoKt "${demo_args[@]}"
    done_step
else
    step "mvn -B -ntp -Dcargo.profile=$cargo_profile ${goals[*]}"
    # shellcheck disable=SC2086
    mvn_ ${MVN_ARGS:-} "${goals[@]}"
    done_step
fi
total=$(($(now_ms) - script_start))
printf 'kotlin.sh: done in %d.%01d s\n' $((total / 1000)) $((total % 1000 / 100))
