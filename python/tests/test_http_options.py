"""`HttpOptions` over real sockets (scenarios "HTTP options" in tests/scenarios/README.md):
timeouts, an explicit proxy, extra trusted CAs over real TLS on loopback, the user agent."""

from __future__ import annotations

import socketserver
import threading
import time
from datetime import timedelta

import pytest
from conftest import PROJECT_ID

import sinch_core
from sinch_core import HttpOptions, ProvisioningClient, SinchAuth


def _oauth(emulator, http):
    return SinchAuth.oauth(
        key_id=emulator.key_id,
        key_secret=emulator.key_secret,
        token_url=emulator.token_url,
        http=http,
    )


def test_a_token_endpoint_slower_than_the_timeout_is_a_timeout_and_the_next_call_works(emulator):
    emulator.fault("token", 1, {"kind": "delay", "ms": 5000})
    auth = _oauth(emulator, HttpOptions(request_timeout=timedelta(seconds=1)))
    started = time.monotonic()
    with pytest.raises(sinch_core.Timeout):
        auth.access_token()
    assert time.monotonic() - started < 2.5
    assert auth.access_token()


class _FakeProxy(socketserver.ThreadingTCPServer):
    """Records each request's head and answers every request with a token."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        self.seen: list[str] = []
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _ProxyHandler(socketserver.StreamRequestHandler):
    def handle(self):
        head, length = [], 0
        while (line := self.rfile.readline().decode()) not in ("", "\r\n"):
            head.append(line)
            if line.lower().startswith("content-length:"):
                length = int(line.split(":", 1)[1])
        self.rfile.read(length)
        self.server.seen.append("".join(head))
        body = b'{"access_token":"from-the-proxy","token_type":"bearer","expires_in":3600}'
        self.wfile.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n"
            + f"content-length: {len(body)}\r\n\r\n".encode()
            + body
        )


def test_an_explicit_proxy_receives_the_request_with_the_user_agent(emulator):
    proxy = _FakeProxy()
    try:
        http = HttpOptions(proxy=proxy.url, user_agent_suffix="myapp/1.2")
        assert _oauth(emulator, http).access_token() == "from-the-proxy"
        assert emulator.counters()["token_requests"] == 0
        head = proxy.seen[0]
        assert head.startswith(f"POST {emulator.token_url} "), head
        user_agent = next(h for h in head.splitlines() if h.lower().startswith("user-agent:"))
        assert "sinch-core/" in user_agent and "python/3." in user_agent, user_agent
        assert user_agent.rstrip().endswith("myapp/1.2"), user_agent
    finally:
        proxy.shutdown()


def test_real_tls_on_loopback_needs_the_servers_ca(tmp_path, sinch_emulator_factory):
    ca = tmp_path / "emulator-ca.pem"
    emu = sinch_emulator_factory("--tls", "--tls-ca-out", str(ca))
    assert emu.base_url.startswith("https://127.0.0.1:")
    trusting = HttpOptions(extra_ca_pem=ca.read_text())
    client = ProvisioningClient(
        project_id=PROJECT_ID,
        auth=_oauth(emu, trusting),
        base_url=emu.base_url,
        http=trusting,
    )
    assert client.webhooks().list().webhooks == []

    started = time.monotonic()
    with pytest.raises(sinch_core.InvalidConfig, match="certificate is not trusted"):
        SinchAuth.oauth(
            key_id="other-key", key_secret="other-secret", token_url=emu.token_url
        ).access_token()
    assert time.monotonic() - started < 2, "an untrusted certificate is not retried"
