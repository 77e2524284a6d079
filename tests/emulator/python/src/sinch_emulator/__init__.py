"""The `sinch-emulator` binary, started and controlled from Python (see README.md).

`Emulator.start()` runs the binary on a free loopback port and returns once it serves; its
methods are the control API (`/_emulator/...`): counters, reset, token expiry, lifetimes,
credentials, fault injection, the Provisioning test controls and the webhook callbacks
(deliveries, emit, replay, retry settings).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_KEY_ID",
    "DEFAULT_KEY_SECRET",
    "Emulator",
    "EmulatorError",
    "binary",
]

DEFAULT_KEY_ID = "demo-key-id"
DEFAULT_KEY_SECRET = "demo-key-secret"
DEFAULT_USERNAME = "demo-user"
DEFAULT_PASSWORD = "demo-password"
_BANNER = "sinch-emulator listening on "
_EXE = "sinch-emulator.exe" if sys.platform == "win32" else "sinch-emulator"
# Every wait on the emulator is bounded: start, control calls and stop.
_START_TIMEOUT_S = 30.0
_CALL_TIMEOUT_S = 10.0


class EmulatorError(RuntimeError):
    """The emulator could not be found, did not start, or refused a control call."""


def binary() -> Path:
    """The emulator binary: `SINCH_EMULATOR` if set, else the one this package installed."""
    env = os.environ.get("SINCH_EMULATOR")
    if env:
        path = Path(env)
        if not path.is_file():
            raise EmulatorError(f"SINCH_EMULATOR={env} is not a file")
        return path
    candidates = [Path(sysconfig.get_path("scripts")) / _EXE]
    user_scripts = sysconfig.get_path("scripts", f"{os.name}_user")
    if user_scripts:
        candidates.append(Path(user_scripts) / _EXE)
    for c in candidates:
        if c.is_file():
            return c
    found = shutil.which(_EXE)
    if found:
        return Path(found)
    raise EmulatorError(
        f"{_EXE} not found (looked in {', '.join(map(str, candidates))} and on PATH); "
        "reinstall the sinch-emulator package or set SINCH_EMULATOR to the binary"
    )


class Emulator:
    """A running emulator process and its control API."""

    key_id = DEFAULT_KEY_ID
    key_secret = DEFAULT_KEY_SECRET
    username = DEFAULT_USERNAME
    password = DEFAULT_PASSWORD

    def __init__(self, base_url: str, process: subprocess.Popen) -> None:
        self.base_url = base_url
        self.process = process
        # One line per request (method, path, status): kept for failing tests to print.
        self.log: list[str] = []

    @classmethod
    def start(cls, *args: str, binary_path: str | os.PathLike | None = None) -> Emulator:
        """Starts the binary with `args` (its command-line options, e.g. `"--seed", "s.json"`)
        on a free loopback port, unless `args` name a port."""
        exe = Path(binary_path) if binary_path else binary()
        argv = [str(exe), *args]
        if not any(a == "--port" or a.startswith("--port=") for a in args):
            argv += ["--port", "0"]
        proc = subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        assert proc.stdout is not None and proc.stderr is not None
        first: list[str] = []
        reader = threading.Thread(target=lambda: first.append(proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(_START_TIMEOUT_S)
        line = first[0].strip() if first else ""
        if not line.startswith(_BANNER):
            proc.kill()
            try:
                _, err = proc.communicate(timeout=5)
            except subprocess.TimeoutExpired:
                err = ""
            raise EmulatorError(
                f"sinch-emulator did not start (first line {line!r}): {err.strip()[-2000:]}"
            )
        emu = cls(line[len(_BANNER) :].rstrip("/"), proc)
        # Drained so that a full pipe never blocks the server.
        threading.Thread(target=lambda: emu.log.extend(proc.stderr), daemon=True).start()
        return emu

    def stop(self) -> None:
        """Stops the process (bounded wait)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        if self.process.stdout:
            self.process.stdout.close()

    def __enter__(self) -> Emulator:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"Emulator({self.base_url})"

    # --- URLs -------------------------------------------------------------------------------

    @property
    def token_url(self) -> str:
        """The Sinch OAuth2 token endpoint."""
        return f"{self.base_url}/oauth2/token"

    @property
    def keycloak_token_url(self) -> str:
        """The Sinch India Keycloak token endpoint."""
        return f"{self.base_url}/realms/ipmessaging/protocol/openid-connect/token"

    @property
    def india_send_url(self) -> str:
        return f"{self.base_url}/pull-platform-receiver/v2/wa/messages"

    # --- control API ------------------------------------------------------------------------

    def call(self, method: str, path: str, body: dict | None = None) -> Any:
        """One control call, `/_emulator/{path}`; its JSON answer."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            f"{self.base_url}/_emulator/{path}",
            data=data,
            method=method,
            headers={"content-type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=_CALL_TIMEOUT_S) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as e:
            raise EmulatorError(
                f"{method} /_emulator/{path}: HTTP {e.code}: {e.read()[:500]!r}"
            ) from None
        return json.loads(raw) if raw.strip() else None

    def counters(self) -> dict:
        """Requests seen since the start or the last reset: `token_requests`, `api_requests`,
        `unauthorized_sent`, `expired_401_sent`, `keycloak_password_grants`, ..."""
        return self.call("GET", "counters")

    def reset(self, revoke_tokens: bool = False) -> None:
        """Back to the start: counters, faults and resources cleared (a seed restored). Tokens
        already issued stay valid unless `revoke_tokens`."""
        self.call("POST", "reset", {"revoke_tokens": revoke_tokens})

    def expire_tokens(self) -> None:
        """Every issued access token is expired from now on (the next API call gets a 401)."""
        self.call("POST", "expire-tokens", {})

    def config(self, **lifetimes: int) -> None:
        """Lifetimes for tokens issued from now on: `token_lifetime_secs`,
        `keycloak_access_lifetime_secs`, `keycloak_refresh_lifetime_secs`."""
        self.call("POST", "config", lifetimes)

    def add_key(self, key_id: str, key_secret: str) -> None:
        self.call("POST", "keys", {"key_id": key_id, "key_secret": key_secret})

    def add_user(self, username: str, password: str) -> None:
        self.call("POST", "users", {"username": username, "password": password})

    def fault(self, target: str, count: int, kind: dict) -> None:
        """Queues a fault for the next `count` requests to `target` (`token`, `keycloak`,
        `api`, `india`, `any`); `kind` e.g. `{"kind": "status", "status": 503}`,
        `{"kind": "delay", "ms": 2000}`, `{"kind": "reset"}`."""
        self.call("POST", "faults", {"target": target, "count": count, "kind": kind})

    def set_field(self, project_id: str, resource: str, id: str, field: str, value: Any) -> None:
        """Sets a field of a stored sms_apps/bundles/kakaotalk_senders/rcs_senders resource
        (a state change the real service makes on its own)."""
        body = {
            "project_id": project_id,
            "resource": resource,
            "id": id,
            "field": field,
            "value": value,
        }
        self.call("POST", "provisioning/set-field", body)

    def seed_whatsapp_templates(self, project_id: str, count: int, prefix: str = "t_") -> None:
        body = {"project_id": project_id, "count": count, "prefix": prefix}
        self.call("POST", "whatsapp/templates", body)

    def add_whatsapp_flow(self, project_id: str, flow: dict, screens: list | None = None) -> str:
        body = {"project_id": project_id, "flow": flow, "screens": screens or []}
        return self.call("POST", "whatsapp/flows", body)["id"]

    def link_conversation_channel(
        self, project_id: str, app_id: str, channel: str, info: dict | None = None
    ) -> None:
        """Links `channel` (`instagram`, `messenger`, `telegram`, `viber`) to the Conversation
        API app `app_id` (26 upper-case Crockford base32 characters, as Sinch makes them), with
        `info` as `GET .../conversation/apps/{app_id}/{channel}` answers it (`status` defaults
        to `ACTIVE`). Linking again replaces the info."""
        body = {"project_id": project_id, "app_id": app_id, "channel": channel, "info": info or {}}
        self.call("POST", "conversation/channels", body)

    def set_whatsapp_state(self, project_id: str, target: str, state: str, **ids: str) -> None:
        body = {"project_id": project_id, "target": target, "state": state, **ids}
        self.call("POST", "whatsapp/state", body)

    # --- webhook callbacks --------------------------------------------------------------------

    def deliveries(self, project_id: str | None = None) -> list[dict]:
        """Every signed callback sent so far (oldest first): `id`, `webhook_id`, `target`,
        `trigger`, `body` (as sent), `status` (`pending`, `delivered`, `failed`) and `attempts`
        (`number`, `nonce`, `timestamp`, `signature`, `status` or `error`, `replay`)."""
        path = "callbacks/deliveries"
        if project_id is not None:
            path += "?" + urllib.parse.urlencode({"project_id": project_id})
        return self.call("GET", path)["deliveries"]

    def settled_deliveries(self, count: int = 1, timeout: float = 15.0) -> list[dict]:
        """The deliveries once at least `count` exist and none is pending (bounded wait)."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.deliveries()
            if len(found) >= count and all(d["status"] != "pending" for d in found):
                return found
            if time.monotonic() > deadline:
                raise EmulatorError(f"deliveries not settled after {timeout} s: {found!r}")
            time.sleep(0.02)

    def emit_callback(
        self,
        project_id: str,
        trigger: str,
        payload: Any = None,
        comment: str | None = None,
    ) -> int:
        """Calls back the project's webhooks subscribed to `trigger` (any name: an unknown one
        too) with `payload`; returns how many deliveries were queued."""
        body = {"project_id": project_id, "trigger": trigger, "payload": payload}
        if comment is not None:
            body["comment"] = comment
        return self.call("POST", "callbacks/emit", body)["deliveries"]

    def replay_delivery(self, delivery_id: str) -> int | None:
        """Resends the delivery's last attempt byte for byte (same nonce, timestamp, signature),
        as an attacker who captured it would; returns the target's status."""
        return self.call("POST", f"callbacks/deliveries/{delivery_id}/replay")["status"]

    def callback_config(self, **settings: int) -> dict:
        """How deliveries are retried and signed from now on: `max_attempts` (1-10),
        `backoff_ms` (first pause, doubled each time), `clock_skew_secs` (e.g. -600 signs
        deliveries 10 minutes in the past). Returns the whole configuration."""
        return self.call("POST", "callbacks/config", settings)
