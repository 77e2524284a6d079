#!/usr/bin/env bash
# The main job: build the Rust code once, start the local Sinch emulator, then run the Python
# demo and the Kotlin demo against it. Each prints what it does: get an OAuth2 token, create an
# SMS app, register a webhook, create and submit a WhatsApp template, page through senders, send
# a Sinch India WhatsApp message, and show a typed error.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-$PWD/target}"

bash scripts/build.sh >/dev/null

emu_out=$(mktemp)
"$target/debug/sinch-emulator" --port 0 >"$emu_out" 2>/dev/null &
emu_pid=$!
trap 'kill "$emu_pid" 2>/dev/null || true; rm -f "$emu_out"' EXIT
for _ in $(seq 1 200); do
  line=$(head -n 1 "$emu_out" 2>/dev/null || true)
  [ -n "$line" ] && break
  sleep 0.05
done
[ -n "${line:-}" ] || { echo "demo: the emulator did not start" >&2; exit 1; }
base_url="${line##* }"
echo "== Sinch emulator listening at $base_url"

echo
echo "== Python (sinch_core wheel)"
bash scripts/python.sh install >/dev/null
.venv/bin/python python/examples/demo.py --base-url "$base_url" --project demo-project-python

echo
echo "== Kotlin (io.github.sinchcore:sinch-core jar)"
bash scripts/kotlin.sh demo "$base_url" demo-project-kotlin

echo
echo "== Emulator counters after both demos"
curl -s "$base_url/_emulator/counters" 2>/dev/null || .venv/bin/python -c "import sys,urllib.request;print(urllib.request.urlopen(sys.argv[1]+'/_emulator/counters').read().decode())" "$base_url"
echo
