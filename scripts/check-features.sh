#!/usr/bin/env bash
# Fails when the Python build (maturin builds sinch-core-ffi alone, with the features of
# python/pyproject.toml) would resolve a shared dependency with other features than the
# workspace build (scripts/build.sh): cargo would then compile those crates a second time.
# Fix: add what it prints to `workspace-features` in bindings/Cargo.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
features="$(sed -n 's/^features = \[\(.*\)\]/\1/p' python/pyproject.toml | tr -d '" '),workspace-features"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tree() { cargo tree --locked -f '{p} [{f}]' --prefix none "$@"; }
# build.sh builds every target (dev-dependencies too); maturin the library alone.
tree --workspace -e normal,build,dev >"$tmp/workspace"
tree -p sinch-core-ffi --features "$features" -e normal,build >"$tmp/python"
python3 - "$tmp/workspace" "$tmp/python" <<'PY'
import re, sys

def load(path):
    found = {}
    for line in open(path):
        m = re.match(r"(\S+) v(\S+)(?: \(.*?\))?(?: \(\*\))? \[(.*)\]$", line.strip())
        if m:
            found.setdefault((m[1], m[2]), set()).update(f for f in m[3].split(",") if f)
    return found

workspace, python = load(sys.argv[1]), load(sys.argv[2])
ours = {"sinch-core", "sinch-core-ffi", "sinch-core-derive"}  # the python feature, on purpose
missing = {
    k: sorted(workspace[k] - python[k])
    for k in python
    if k[0] not in ours and k in workspace and workspace[k] - python[k]
}
for (name, version), features in sorted(missing.items()):
    print(f"check-features: the Python build lacks {name} {version} features {features}")
if missing:
    sys.exit(1)
print(f"check-features: the Python build resolves {len(python)} crates as the workspace build does")
PY
