"""Test fixtures: one fresh `sinch-emulator` process per test, and a tiny control-API client.

The emulator binary is found through `SINCH_EMULATOR`, else `<repo>/target/debug/sinch-emulator`,
else `$CARGO_TARGET_DIR/debug/sinch-emulator`. Build it with `cargo build -p sinch-emulator`.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
DEFAULT_KEY_ID = "demo-key-id"
DEFAULT_KEY_SECRET = "demo-key-secret"
PROJECT_ID = "test-project"
BANNER = "sinch-emulator listening on "


def _emulator_binary() -> Path:
    env = os.environ.get("SINCH_EMULATOR")
    if env:
        return Path(env)
    candidates = [REPO / "target" / "debug" / "sinch-emulator"]
    target_dir = os.environ.get("CARGO_TARGET_DIR")
    if target_dir:
        candidates.append(Path(target_dir) / "debug" / "sinch-emulator")
    for c in candidates:
        if c.is_file():
            return c
    pytest.fail(
        "sinch-emulator not found (tried "
        + ", ".join(str(c) for c in candidates)
        + "); run `cargo build -p sinch-emulator` or set SINCH_EMULATOR"
    )


@dataclass
class Emulator:
    """A running emulator: its base URL and the control API."""

    base_url: str
    process: subprocess.Popen
    key_id: str = DEFAULT_KEY_ID
    key_secret: str = DEFAULT_KEY_SECRET
    project_id: str = PROJECT_ID
    stderr_lines: list = field(default_factory=list)

    @property
    def token_url(self) -> str:
        return f"{self.base_url}/oauth2/token"

    def _call(self, method: str, path: str, body: dict | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            f"{self.base_url}/_emulator/{path}",
            data=data,
            method=method,
            headers={"content-type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            raw = resp.read()
        return json.loads(raw) if raw.strip() else None

    def counters(self) -> dict:
        return self._call("GET", "counters")

    def reset(self) -> None:
        self._call("POST", "reset", {})

    def expire_tokens(self) -> None:
        self._call("POST", "expire-tokens", {})

    def config(self, **settings: int) -> None:
        self._call("POST", "config", settings)

    def add_key(self, key_id: str, key_secret: str) -> None:
        self._call("POST", "keys", {"key_id": key_id, "key_secret": key_secret})

    def fault(self, target: str, count: int, kind: dict) -> None:
        self._call("POST", "faults", {"target": target, "count": count, "kind": kind})


def start_emulator(*args: str) -> Emulator:
    binary = _emulator_binary()
    proc = subprocess.Popen(
        [str(binary), "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    line = proc.stdout.readline().strip()
    if not line.startswith(BANNER):
        proc.kill()
        _, err = proc.communicate(timeout=5)
        pytest.fail(f"sinch-emulator did not start: first line {line!r}, stderr {err[-2000:]!r}")
    emu = Emulator(base_url=line[len(BANNER) :].rstrip("/"), process=proc)
    # Drain stderr (one log line per request) so the pipe never fills up and blocks the server.
    threading.Thread(target=lambda: emu.stderr_lines.extend(proc.stderr), daemon=True).start()
    return emu


@pytest.fixture
def emulator():
    emu = start_emulator()
    try:
        yield emu
    finally:
        emu.process.kill()
        emu.process.wait(timeout=10)
        emu.process.stdout.close()


@pytest.fixture
def auth(emulator):
    import sinch_core

    return sinch_core.SinchAuth.oauth(
        key_id=emulator.key_id, key_secret=emulator.key_secret, token_url=emulator.token_url
    )


@pytest.fixture
def client(emulator, auth):
    import sinch_core

    return sinch_core.ProvisioningClient(
        project_id=emulator.project_id, auth=auth, base_url=emulator.base_url
    )
