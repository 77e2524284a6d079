#!/usr/bin/env bash
# The JVM artifacts as a user gets them, checked end to end:
#   1. `mvn install` in kotlin/ (cargo profile jvm-dist: Maven runs cargo, uniffi-bindgen, strip; the
#      JUnit suites run against that library and emulator) installs
#      io.github.sinchcore:sinch-core and io.github.sinchcore:sinch-core-testing;
#   2. the library jar: at most 5 MB, Java 11 bytecode, the stripped linux-x86-64 library
#      inside, no demo class;
#   3. examples/jvm-consumer, a project that only names the coordinates, is built (its tests use
#      sinch-core-testing's JUnit extension) and its Kotlin and Java mains run against a
#      sinch-emulator (the one shipped in sinch-core-testing) started here and stopped after.
# Every command is printed before it runs.
#
# Needs: Rust (cargo), JDK 17+, Maven 3.8+, binutils (strip, readelf), unzip.
# Env: MVN_ARGS  extra Maven arguments for both builds (e.g. -Dmaven.repo.local=/tmp/m2 for a
#                throwaway local repository)
#      LIBRARY_MVN_ARGS  extra Maven arguments for the library's `mvn install` only (CI passes
#                -DskipTests: scripts/test.sh has just run the same suites on a dev build)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
max_jar_bytes=5000000   # 5 MB
start=$SECONDS

for tool in cargo java mvn strip readelf unzip; do
    command -v "$tool" >/dev/null || { echo "dist-kotlin: $tool not found" >&2; exit 1; }
done
run() { echo "+ $*"; "$@"; }
mvn_() { mvn -B -ntp ${MVN_ARGS:-} "$@" 2>&1 | sed -u -e 's/\x1b\[[0-9;]*m//g'; return "${PIPESTATUS[0]}"; }
# shellcheck disable=SC2086
repo=$(mvn -B -q ${MVN_ARGS:-} help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null |
    sed -e 's/\x1b\[[0-9;]*m//g' | tail -n 1)

cargo_version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
pom_version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' kotlin/pom.xml | head -n 1)
consumer_version=$(sed -n 's:.*<sinch-core.version>\(.*\)</sinch-core.version>.*:\1:p' examples/jvm-consumer/pom.xml)
if [[ "$cargo_version" != "$pom_version" || "$cargo_version" != "$consumer_version" ]]; then
    echo "dist-kotlin: versions differ: Cargo.toml $cargo_version, kotlin/pom.xml $pom_version," \
        "examples/jvm-consumer $consumer_version" >&2
    exit 1
fi
version=$pom_version

echo "==> 1. mvn install in kotlin/ (cargo build (jvm-dist profile), bindings, tests, install)"
step=$SECONDS
# shellcheck disable=SC2086
(cd kotlin && echo "+ (cd kotlin && mvn -B -ntp ${MVN_ARGS:-} ${LIBRARY_MVN_ARGS:-} install)" && mvn_ ${LIBRARY_MVN_ARGS:-} install)
echo "    mvn install took $((SECONDS - step)) s"

echo "==> 2. the jars"
jar="$repo/io/github/sinchcore/sinch-core/$version/sinch-core-$version.jar"
testing_jar="$repo/io/github/sinchcore/sinch-core-testing/$version/sinch-core-testing-$version.jar"
for j in "$jar" "$testing_jar"; do
    [[ -f "$j" ]] || { echo "dist-kotlin: $j was not installed" >&2; exit 1; }
    echo "    $(wc -c <"$j") bytes  ${j#"$repo"/}"
done
size=$(wc -c <"$jar")
if ((size > max_jar_bytes)); then
    echo "dist-kotlin: sinch-core-$version.jar is $size bytes, over $max_jar_bytes" >&2
    exit 1
fi
listing=$(unzip -l "$jar")
if grep -Ei 'demo|/examples/' <<<"$listing"; then
    echo "dist-kotlin: the library jar holds demo classes (above)" >&2
    exit 1
fi
grep -E ' linux-x86-64/libsinch_core_ffi\.so$' <<<"$listing" | sed 's/^/    /'
tmp=$(mktemp -d)
emu_pid=""
cleanup() {
    # (errexit applies to the last command of an && list: `wait` answers 143 for the killed
    # emulator, which made the whole script fail after its checks had passed.)
    if [[ -n "$emu_pid" ]]; then
        kill "$emu_pid" 2>/dev/null || true
        wait "$emu_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
unzip -q -o "$jar" linux-x86-64/libsinch_core_ffi.so 'io/github/sinchcore/client/SinchAuth.class' -d "$tmp/jar"
if readelf -S "$tmp/jar/linux-x86-64/libsinch_core_ffi.so" | grep -q '\.symtab'; then
    echo "dist-kotlin: the native library in the jar is not stripped (it has a .symtab)" >&2
    exit 1
fi
major=$(od -An -j6 -N2 -tu1 "$tmp/jar/io/github/sinchcore/client/SinchAuth.class" | awk '{print $1 * 256 + $2}')
echo "    class file version $major (55 = Java 11)"
[[ $major == 55 ]] || { echo "dist-kotlin: expected Java 11 bytecode (55), got $major" >&2; exit 1; }
echo "    size $size bytes <= $max_jar_bytes, stripped library, no demo class, Java 11 bytecode: ok"

echo "==> 3. examples/jvm-consumer: build (its tests run sinch-core-testing's emulator), then run"
step=$SECONDS
(cd examples/jvm-consumer &&
    echo "+ (cd examples/jvm-consumer && mvn -B -ntp ${MVN_ARGS:-} package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime)" &&
    mvn_ package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime |
    { grep --line-buffered -E '^\[INFO\] (--- |Tests run:|BUILD)|^\[(ERROR|WARNING)\]' || true; })
echo "    consumer build took $((SECONDS - step)) s"

# The emulator as sinch-core-testing ships it.
unzip -q -o "$testing_jar" linux-x86-64/sinch-emulator -d "$tmp/emu"
emulator="$tmp/emu/linux-x86-64/sinch-emulator"
chmod +x "$emulator"
echo "+ $emulator --version"
"$emulator" --version
echo "+ $emulator --port 0 &"
"$emulator" --port 0 >"$tmp/emu.out" 2>/dev/null &
emu_pid=$!
url=""
for _ in $(seq 100); do
    url=$(grep -o 'http://[^ ]*' "$tmp/emu.out" || true)
    [[ -n "$url" ]] && break
    kill -0 "$emu_pid" 2>/dev/null || { echo "dist-kotlin: sinch-emulator exited" >&2; exit 1; }
    sleep 0.1
done
[[ -n "$url" ]] || { echo "dist-kotlin: sinch-emulator printed no address" >&2; exit 1; }
echo "    $url (pid $emu_pid)"

cd examples/jvm-consumer
cp="target/classes:$(cat target/classpath.txt)"
echo "    runtime classpath: target/classes $(tr ':' '\n' < target/classpath.txt | sed 's#.*/##' | paste -sd ' ' -)"
run java -cp "$cp" example.KotlinMainKt "$url"
run java -cp "$cp" example.JavaMain "$url"
echo "dist-kotlin: done in $((SECONDS - start)) s"
