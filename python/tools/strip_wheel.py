"""Strips the shared libraries inside a built wheel, in place, and rewrites its RECORD.

Why not maturin's `--strip`: it links with `-C strip=symbols`, which removes `.symtab` before
maturin runs uniffi-bindgen, and uniffi-bindgen 0.32 reads the `UNIFFI_META_*` symbols from
`.symtab` only ("No UniFFI metadata found"). So the wheel is built unstripped and stripped here,
after the bindings exist. The dynamic symbol table (`.dynsym`), which ctypes looks the
functions up in, is kept by `strip`.

Usage: python strip_wheel.py WHEEL [STRIP]   (STRIP: the strip program, default `strip`)
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def strip_wheel(wheel: str, strip: str = "strip") -> list[tuple[str, int, int]]:
    """Returns (name, size before, size after) for each library stripped."""
    with zipfile.ZipFile(wheel) as zin:
        entries = [(info, zin.read(info)) for info in zin.infolist()]
    record_name = next(i.filename for i, _ in entries if i.filename.endswith(".dist-info/RECORD"))
    stripped: dict[str, bytes] = {}
    report = []
    with tempfile.TemporaryDirectory() as tmp:
        for info, data in entries:
            if not info.filename.endswith(".so"):
                continue
            path = os.path.join(tmp, "lib.so")
            with open(path, "wb") as f:
                f.write(data)
            subprocess.run([strip, path], check=True)
            with open(path, "rb") as f:
                stripped[info.filename] = f.read()
            report.append((info.filename, len(data), len(stripped[info.filename])))
    if not stripped:
        raise SystemExit(f"{wheel}: no shared library to strip")

    records = []
    record = next(data for info, data in entries if info.filename == record_name)
    for line in record.decode().splitlines():
        name = line.rsplit(",", 2)[0]
        if name in stripped:
            data = stripped[name]
            line = f"{name},{_record_hash(data)},{len(data)}"
        records.append(line)
    new_record = ("\n".join(records) + "\n").encode()

    out = wheel + ".tmp"
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for info, data in entries:
            if info.filename == record_name:
                data = new_record
            zout.writestr(info, stripped.get(info.filename, data))
    shutil.move(out, wheel)
    return report


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    for name, before, after in strip_wheel(*sys.argv[1:]):
        print(f"stripped {name}: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")
