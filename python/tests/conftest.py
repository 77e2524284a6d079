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
from collections.abc import Iterator
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

    @property
    def keycloak_token_url(self) -> str:
        return f"{self.base_url}/realms/ipmessaging/protocol/openid-connect/token"

    @property
    def india_send_url(self) -> str:
        return f"{self.base_url}/pull-platform-receiver/v2/wa/messages"

    def add_user(self, username: str, password: str) -> None:
        self._call("POST", "users", {"username": username, "password": password})

    def set_field(self, resource: str, id: str, field: str, value: Any) -> None:
        """Sets a field of a stored sms_apps/bundles/kakaotalk_senders/rcs_senders resource."""
        body = {
            "project_id": self.project_id,
            "resource": resource,
            "id": id,
            "field": field,
            "value": value,
        }
        self._call("POST", "provisioning/set-field", body)

    def seed_whatsapp_templates(self, count: int, prefix: str = "bench_") -> None:
        body = {"project_id": self.project_id, "count": count, "prefix": prefix}
        self._call("POST", "whatsapp/templates", body)

    def add_whatsapp_flow(self, flow: dict, screens: list | None = None) -> str:
        body = {"project_id": self.project_id, "flow": flow, "screens": screens or []}
        return self._call("POST", "whatsapp/flows", body)["id"]

    def set_whatsapp_state(self, target: str, state: str, **ids: str) -> None:
        body = {"project_id": self.project_id, "target": target, "state": state, **ids}
        self._call("POST", "whatsapp/state", body)

    def api_requests(self) -> int:
        return self.counters()["api_requests"]


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


def assert_lazy(emulator: Emulator, items: Iterator, page_size: int, total: int) -> list:
    """Consumes `items` (an `iter(page_size=...)` generator) and checks that each page is
    requested only when its first item is reached. Returns the items."""
    seen: list = []
    before = emulator.api_requests()
    for i, item in enumerate(items):
        seen.append(item)
        assert emulator.api_requests() - before == i // page_size + 1, f"item {i}"
    assert len(seen) == total
    return seen


def api_error(excinfo: Any) -> tuple:
    """(status, error_code) of a raised `sinch_core.ApiError`."""
    import sinch_core

    e = excinfo.value
    assert isinstance(e, sinch_core.ApiError), repr(e)
    return e.status, e.error_code


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
