"""Token stores seen from Python: a store written in Python (a dict), and a file store shared by
eight cold OS processes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time

import pytest

import sinch_core
from sinch_core import SinchAuth, StoredToken, TokenStore, TokenStoreBackend


class DictStore(TokenStoreBackend):
    """A token store in a Python dict: what a Redis or keyring store would look like."""

    def __init__(self) -> None:
        self.tokens: dict[str, StoredToken] = {}
        self.lock = threading.Lock()
        self.calls: list[str] = []

    def load(self, key: str) -> StoredToken | None:
        with self.lock:
            self.calls.append("load")
            return self.tokens.get(key)

    def save(self, key: str, token: StoredToken) -> None:
        with self.lock:
            self.calls.append("save")
            self.tokens[key] = token

    def remove(self, key: str) -> None:
        with self.lock:
            self.calls.append("remove")
            self.tokens.pop(key, None)


class BrokenStore(TokenStoreBackend):
    def load(self, key: str) -> StoredToken | None:
        raise RuntimeError("store down")

    def save(self, key: str, token: StoredToken) -> None:
        raise sinch_core.StoreError(reason="store down")

    def remove(self, key: str) -> None:
        raise RuntimeError("store down")


# Both flows share the store rules; each scenario runs for Sinch OAuth2 and for Sinch India.
KINDS = ["oauth", "india"]
COUNTER = {"oauth": "token_requests", "india": "keycloak_password_grants"}
SECRET = {"oauth": "demo-key-secret", "india": "demo-password"}


def make_auth(emulator, kind: str, store: TokenStore) -> SinchAuth:
    if kind == "india":
        return SinchAuth.india(
            username="demo-user",
            password="demo-password",
            token_url=emulator.keycloak_token_url,
            store=store,
        )
    return SinchAuth.oauth(
        key_id=emulator.key_id,
        key_secret=emulator.key_secret,
        token_url=emulator.token_url,
        store=store,
    )


def oauth(emulator, store: TokenStore) -> SinchAuth:
    return make_auth(emulator, "oauth", store)


@pytest.mark.parametrize("kind", KINDS)
def test_foreign_store_sees_the_token_saved_and_reused(emulator, kind):
    backend = DictStore()
    auth = make_auth(emulator, kind, TokenStore.foreign(backend))
    token = auth.access_token()
    assert len(backend.tokens) == 1
    ((key, stored),) = backend.tokens.items()
    assert isinstance(stored, StoredToken)
    assert stored.access_token == token
    assert SECRET[kind] not in key
    auth.clear_cached_token()
    assert auth.access_token() == token  # from the dict: no new token request
    assert emulator.counters()[COUNTER[kind]] == 1
    assert "load" in backend.calls


def test_a_failing_foreign_store_is_skipped(emulator):
    # Python exceptions (StoreError or anything else) become SinchError::StoreError in Rust; the
    # cache logs them and goes on without the store.
    auth = make_auth(emulator, "india", TokenStore.foreign(BrokenStore()))
    assert auth.access_token()
    auth.clear_cached_token()
    assert auth.access_token()
    assert emulator.counters()["keycloak_password_grants"] == 2


CHILD = """
import sys, time
import sinch_core
kind, path, token_url, key_id, key_secret, go = sys.argv[1:7]
make = sinch_core.SinchAuth.india if kind == "india" else sinch_core.SinchAuth.oauth
auth = make(key_id, key_secret, token_url=token_url, store=sinch_core.TokenStore.file(path))
print("ready", flush=True)
while not __import__("os").path.exists(go):
    time.sleep(0.002)
print(auth.access_token(), flush=True)
"""


@pytest.mark.parametrize("kind", KINDS)
def test_eight_cold_processes_share_one_token(emulator, tmp_path, kind):
    path = tmp_path / "tokens.json"
    go = tmp_path / "go"
    if kind == "india":
        creds = [emulator.keycloak_token_url, "demo-user", "demo-password"]
    else:
        creds = [emulator.token_url, emulator.key_id, emulator.key_secret]
    args = [kind, str(path), *creds, str(go)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    try:
        for p in procs:  # every process imported sinch_core and built its auth: all cold
            assert p.stdout.readline().strip() == "ready", p.stderr.read()
        assert emulator.counters()[COUNTER[kind]] == 0
        go.touch()  # released together
        tokens = set()
        for p in procs:
            out, err = p.communicate(timeout=30)
            assert p.returncode == 0, err
            tokens.add(out.strip())
    finally:
        for p in procs:
            p.kill()
    assert emulator.counters()[COUNTER[kind]] == 1
    assert len(tokens) == 1
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    text = path.read_text()
    assert SECRET[kind] not in text
    # The shared token is in the file, sealed with the credential: not readable there.
    assert tokens.pop() not in text
    assert "sealed.v1." in text


def test_store_file_is_private_and_holds_no_secret_or_password(emulator, tmp_path):
    path = tmp_path / "tokens.json"
    store = TokenStore.file(str(path))
    oauth(emulator, store).access_token()
    india = SinchAuth.india(
        username="demo-user",
        password="demo-password",
        token_url=emulator.keycloak_token_url,
        store=store,
    )
    token = india.access_token()
    text = path.read_text()
    # Kept for other processes (the refresh token inside the seal), usable by none but them.
    assert text.count("sealed.v1.") == 2, text
    assert token not in text and "refresh_token" not in text
    assert emulator.key_secret not in text
    assert "demo-password" not in text
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "tokens.json" in repr(store) or "TokenStore" in repr(store)


def test_file_store_in_a_missing_directory_is_usable_or_typed(tmp_path):
    started = time.monotonic()
    try:
        TokenStore.file(str(tmp_path / "sub" / "dir" / "tokens.json"))
    except sinch_core.SinchError as e:
        assert isinstance(e, (sinch_core.StoreError, sinch_core.InvalidConfig))
    assert time.monotonic() - started < 5
