"""`TokenStore.redis` from Python, against a real redis-server (started here on a free loopback
port; `scripts/ensure-redis.sh` installs it) and the emulator."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time

import pytest

import sinch_core
from sinch_core import SinchAuth, TokenStore


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Redis:
    def __init__(self) -> None:
        exe = shutil.which("redis-server")
        if exe is None:
            pytest.fail("redis-server is missing: run scripts/ensure-redis.sh")
        self.port = _free_port()
        self.process = subprocess.Popen(
            [
                exe,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while self.cli("PING") != "PONG":
            assert time.monotonic() < deadline, "redis-server did not answer"
            time.sleep(0.02)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def cli(self, *args: str) -> str | None:
        out = subprocess.run(
            ["redis-cli", "-p", str(self.port), *args], capture_output=True, text=True, timeout=5
        )
        return out.stdout.strip() if out.returncode == 0 else None

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def redis():
    r = Redis()
    try:
        yield r
    finally:
        r.stop()


CHILD = """
import sys, time, pathlib, sinch_core
url, token_url, key_id, key_secret, go = sys.argv[1:]
auth = sinch_core.SinchAuth.oauth(key_id=key_id, key_secret=key_secret, token_url=token_url,
                                  store=sinch_core.TokenStore.redis(url))
print("ready", flush=True)
deadline = time.monotonic() + 20
while not pathlib.Path(go).exists():
    assert time.monotonic() < deadline
    time.sleep(0.005)
print(auth.access_token())
"""


def test_eight_cold_processes_on_one_redis_make_one_token_request(emulator, redis, tmp_path):
    go = tmp_path / "go"
    args = [redis.url, emulator.token_url, emulator.key_id, emulator.key_secret, str(go)]
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
        for p in procs:
            assert p.stdout.readline().strip() == "ready", p.stderr.read()
        go.touch()
        tokens = set()
        for p in procs:
            out, err = p.communicate(timeout=30)
            assert p.returncode == 0, err
            tokens.add(out.strip())
    finally:
        for p in procs:
            p.kill()
    assert len(tokens) == 1
    assert emulator.counters()["token_requests"] == 1
    dump = "\n".join(redis.cli("GET", k) or "" for k in (redis.cli("--scan") or "").split())
    assert "sealed.v1." in dump
    assert tokens.pop() not in dump and emulator.key_secret not in dump


def test_a_redis_that_is_down_never_fails_a_call(emulator):
    # Nothing listens on this port: the store is in an outage from the first call.
    store = TokenStore.redis(f"redis://127.0.0.1:{_free_port()}")
    auth = SinchAuth.oauth(
        key_id=emulator.key_id,
        key_secret=emulator.key_secret,
        token_url=emulator.token_url,
        store=store,
    )
    assert auth.access_token()
    assert emulator.counters()["token_requests"] == 1


def test_a_bad_redis_url_is_invalid_config_and_never_shows_its_password():
    with pytest.raises(sinch_core.SinchError.InvalidConfig) as e:
        TokenStore.redis("http://user:hunter2@127.0.0.1:6379")
    assert "hunter2" not in str(e.value)
    with pytest.raises(sinch_core.SinchError.InvalidConfig):
        TokenStore.redis("redis://127.0.0.1:6379", database=-1)
    store = TokenStore.redis("redis://u:hunter2@127.0.0.1:6379/0", password="hunter3")
    assert "hunter2" not in repr(store) and "hunter3" not in repr(store)
