"""Hostile servers and odd identifiers, as a Python user meets them (scenarios "Hardening" in
tests/scenarios/README.md): a trickling body cannot hold a call past its timeout, an identifier
cannot change the request path, and nothing secret is echoed back in errors or logs."""

from __future__ import annotations

import base64
import logging
import time
from datetime import timedelta

import pytest
from conftest import PROJECT_ID, api_requests

import sinch_core
from sinch_core import HttpOptions, ProvisioningClient, SinchAuth

ONE_SECOND = HttpOptions(request_timeout=timedelta(seconds=1))
TRICKLE = {"kind": "trickle", "interval_ms": 200, "bytes": 1000}  # 200 s if the timeout restarts


def _oauth(emulator):
    return SinchAuth.oauth(
        key_id=emulator.key_id,
        key_secret=emulator.key_secret,
        token_url=emulator.token_url,
        http=ONE_SECOND,
    )


def _india_auth(emulator, username="demo-user"):
    return SinchAuth.india(
        username=username,
        password="demo-password",
        token_url=emulator.keycloak_token_url,
        http=ONE_SECOND,
    )


def _assert_times_out(call) -> None:
    started = time.monotonic()
    with pytest.raises(sinch_core.Timeout):
        call()
    assert time.monotonic() - started < 5


def test_a_trickling_body_cannot_hold_a_call_past_its_timeout(emulator):
    emulator.fault("token", 1, TRICKLE)
    _assert_times_out(_oauth(emulator).access_token)

    client = ProvisioningClient(
        project_id=PROJECT_ID,
        auth=_oauth(emulator),
        base_url=emulator.base_url,
        http=ONE_SECOND,
    )
    client.webhooks().list()  # the token is cached
    emulator.fault("api", 1, TRICKLE)
    _assert_times_out(client.webhooks().list)

    india = sinch_core.IndiaWhatsappClient(
        auth=_india_auth(emulator), send_url=emulator.india_send_url, http=ONE_SECOND
    )
    message = sinch_core.TextMessage(to="919876543210", body="hello")
    india.send_text(message)
    emulator.fault("india", 1, TRICKLE)
    _assert_times_out(lambda: india.send_text(message))


def test_timeouts_out_of_range_are_invalid_config():
    for bad in (timedelta(0), timedelta(hours=2)):
        with pytest.raises(sinch_core.InvalidConfig, match="out of range"):
            SinchAuth.oauth(key_id="k", key_secret="s", http=HttpOptions(request_timeout=bad))


@pytest.mark.parametrize("bad", ["", ".", "..", ".\n.", "\t..", "a\rb"])
def test_an_identifier_cannot_change_the_request_path(emulator, client, bad):
    with pytest.raises(sinch_core.InvalidConfig, match="webhook_id"):
        client.webhooks().delete(bad)
    with pytest.raises(sinch_core.InvalidConfig, match="sms_app_id"):
        client.sms_apps().get(bad)
    assert api_requests(emulator) == 0, "nothing was sent"


def test_a_repeating_page_token_ends_iteration_with_a_protocol_error(emulator, client):
    body = (
        '{"webhooks":[{"id":"w1","target":"https://x.example","triggers":["ALL"]}],'
        '"totalSize":99,"nextPageToken":"same-again"}'
    )
    emulator.fault("api", 100, {"kind": "status", "status": 200, "body": body})
    seen = []
    with pytest.raises(sinch_core.ProtocolError, match="listing webhooks"):
        for hook in client.webhooks().iter(page_size=1):
            seen.append(hook.id)
    assert seen == ["w1", "w1"]


def test_a_password_in_a_url_is_never_quoted():
    with pytest.raises(sinch_core.InvalidConfig) as excinfo:
        SinchAuth.oauth(key_id="k", key_secret="s", token_url="http://user:SECRET@example.com/t")
    assert "SECRET" not in str(excinfo.value) and "SECRET" not in repr(excinfo.value)


def test_a_key_id_with_a_colon_is_invalid_config():
    with pytest.raises(sinch_core.InvalidConfig, match="key ID"):
        SinchAuth.basic(key_id="key:id", key_secret="secret")


def test_servers_echoing_credentials_are_scrubbed_from_errors_and_logs(emulator, caplog):
    caplog.set_level(logging.DEBUG, logger="sinch_core")
    sinch_core.set_log_level(logging.DEBUG)
    basic = base64.b64encode(f"{emulator.key_id}:{emulator.key_secret}".encode()).decode()
    secrets = [emulator.key_secret, "demo-password", basic]
    echo = {"kind": "echo_credentials"}
    shown = []

    # A key of its own: the rejection is remembered for that credential (no request storm).
    emulator.add_key("echo-key", "echo-key-secret-1")
    secrets.append("echo-key-secret-1")
    emulator.fault("token", 1, echo)
    with pytest.raises(sinch_core.InvalidCredentials) as excinfo:
        SinchAuth.oauth(
            key_id="echo-key", key_secret="echo-key-secret-1", token_url=emulator.token_url
        ).access_token()
    assert "[redacted]" in str(excinfo.value)
    shown += [str(excinfo.value), repr(excinfo.value)]

    emulator.fault("keycloak", 1, echo)
    with pytest.raises(sinch_core.SinchError) as excinfo:
        _india_auth(emulator).access_token()
    shown += [str(excinfo.value), repr(excinfo.value)]

    auth = _oauth(emulator)
    secrets.append(auth.access_token())
    client = ProvisioningClient(project_id=PROJECT_ID, auth=auth, base_url=emulator.base_url)
    emulator.fault("api", 1, {"kind": "echo_credentials", "status": 400})
    with pytest.raises(sinch_core.ApiError) as excinfo:
        client.webhooks().list()
    error = excinfo.value
    assert "[redacted]" in error.detail
    shown += [str(error), repr(error), error.detail, error.resolution]

    for text in shown + [r.getMessage() for r in caplog.records]:
        for secret in secrets:
            assert secret not in text, text


def test_a_store_that_asks_its_own_auth_for_a_token_fails_at_once(emulator):
    class AskingStore(sinch_core.TokenStoreBackend):
        auth = None
        inner_error = None

        def load(self, key):
            if self.auth is not None:
                try:
                    self.auth.access_token()
                except sinch_core.SinchError as e:
                    self.inner_error = e
            return None

        def save(self, key, token):
            pass

        def remove(self, key):
            pass

    backend = AskingStore()
    auth = SinchAuth.oauth(
        key_id=emulator.key_id,
        key_secret=emulator.key_secret,
        token_url=emulator.token_url,
        store=sinch_core.TokenStore.foreign(backend),
    )
    backend.auth = auth
    started = time.monotonic()
    assert auth.access_token()
    assert time.monotonic() - started < 5, "not the 95 s wait bound"
    assert isinstance(backend.inner_error, sinch_core.InvalidConfig)
    assert "must not call back" in str(backend.inner_error)
