"""Sinch India: the Keycloak token rules (real clock) and the WhatsApp send client."""

from __future__ import annotations

import time

import pytest
from conftest import api_error

import sinch_core
from sinch_core import IndiaWhatsappClient, SinchAuth, TemplateMedia, TemplateMessage, TextMessage

USER = "demo-user"
PASSWORD = "demo-password"
TO = "919876543210"


def india_auth(emulator, password: str = PASSWORD) -> SinchAuth:
    return SinchAuth.india(username=USER, password=password, token_url=emulator.keycloak_token_url)


def india_client(emulator) -> IndiaWhatsappClient:
    return IndiaWhatsappClient(auth=india_auth(emulator), send_url=emulator.india_send_url)


def text(to: str = TO) -> TextMessage:
    return TextMessage(to=to, body="Your order has shipped", message_id="order-42")


def read_tokens_for(auth: SinchAuth, seconds: float) -> None:
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        auth.access_token()
        time.sleep(0.1)


def test_india_refresh_path_over_a_real_clock(emulator):
    # Access token 6 s, refresh token 3 s: at the soft refresh (3-3.8 s) the refresh token is
    # dead, so the cache logs in again with the password instead of a failing refresh.
    emulator.config(keycloak_access_lifetime_secs=6, keycloak_refresh_lifetime_secs=3)
    auth = india_auth(emulator)
    first = auth.access_token()
    read_tokens_for(auth, 4.2)
    assert auth.access_token() != first
    c = emulator.counters()
    assert c["keycloak_password_grants"] == 2, c
    assert c["keycloak_refresh_grants"] == 0, c


def test_india_refresh_grant_rotates_the_refresh_token(emulator):
    # Access 4 s, refresh 60 s: refreshed with the refresh token from ~2-2.5 s on. Keycloak
    # refuses a rotated-out refresh token ("Stale token"), which would force a password grant:
    # one password grant in total means every refresh used the newest refresh token.
    emulator.config(keycloak_access_lifetime_secs=4, keycloak_refresh_lifetime_secs=60)
    auth = india_auth(emulator)
    first = auth.access_token()
    read_tokens_for(auth, 5.0)
    assert auth.access_token() != first
    c = emulator.counters()
    assert c["keycloak_password_grants"] == 1, c
    assert c["keycloak_refresh_grants"] >= 1, c


def test_india_bad_password_is_one_request_then_remembered(emulator):
    auth = india_auth(emulator, password="wrong-password-77")
    with pytest.raises(sinch_core.InvalidCredentials) as info:
        auth.access_token()
    reason = str(info.value)
    assert USER in reason and emulator.keycloak_token_url in reason
    assert "wrong-password-77" not in reason and "wrong-password-77" not in repr(info.value)
    for _ in range(10):
        with pytest.raises(sinch_core.InvalidCredentials) as again:
            auth.access_token()
        assert str(again.value) == reason
    assert emulator.counters()["keycloak_password_grants"] == 1, "never retried: lockout risk"


def test_india_send_text_and_template(emulator):
    client = india_client(emulator)
    sent = client.send_text(text())
    assert isinstance(sent, sinch_core.SendResult) and sent.response_id
    template = TemplateMessage(
        to=TO,
        name="order_update",
        language_code="en",
        body_parameters=["Alice"],
        header_media=TemplateMedia(
            kind="document", link="https://example.com/x.pdf", filename="x.pdf"
        ),
        url_button_parameters=["123456"],
    )
    sent2 = client.send_template(template)
    assert sent2.response_id != sent.response_id
    raw = client.send_raw(
        '{"recipient_type":"individual","to":"919876543210","type":"text","text":{"body":"raw"}}'
    )
    assert raw.response_id
    c = emulator.counters()
    assert c["india_send_requests"] == 3, c
    assert c["keycloak_password_grants"] == 1, c


def test_india_invalid_msisdn_is_typed_error(emulator):
    client = india_client(emulator)
    with pytest.raises(sinch_core.ApiError) as info:
        client.send_text(text("+91-not-a-number"))
    assert api_error(info) == (400, "invalid_msisdn")
    assert info.value.detail == "INVALID MSISDN"


def test_india_any_401_gets_a_new_token_and_one_retry(emulator):
    client = india_client(emulator)
    client.send_text(text())
    emulator.expire_tokens()
    client.send_text(text())
    c = emulator.counters()
    assert c["unauthorized_sent"] == 1, c
    assert c["india_send_requests"] == 3, c
    # The access token died but the refresh token lives: the refresh grant serves.
    assert c["keycloak_password_grants"] + c["keycloak_refresh_grants"] == 2, c


def test_india_401_twice_is_invalid_credentials_not_a_loop(emulator):
    client = india_client(emulator)
    emulator.fault("india", 5, {"kind": "status", "status": 401})
    with pytest.raises(sinch_core.InvalidCredentials):
        client.send_text(text())
    assert emulator.counters()["india_send_requests"] == 2, "one retry, never a loop"


def test_too_long_text_is_refused_before_sending(emulator):
    client = india_client(emulator)
    with pytest.raises(sinch_core.InvalidConfig):
        client.send_text(TextMessage(to=TO, body="x" * 4097))
    assert emulator.counters()["india_send_requests"] == 0


def test_environments_are_enums():
    auth = SinchAuth.india(
        username=USER, password=PASSWORD, environment=sinch_core.IndiaEnvironment.UAT
    )
    assert "uat" in auth.describe().lower() or "ipmessaging" in auth.describe()
    assert PASSWORD not in repr(auth) and PASSWORD not in auth.describe()
    client = IndiaWhatsappClient(auth=auth, environment=sinch_core.IndiaEnvironment.UAT)
    assert PASSWORD not in repr(client)


def test_rate_limited_token_endpoint_retried_after_retry_after(emulator, auth):
    emulator.fault("token", 1, {"kind": "status", "status": 429, "retry_after": "1"})
    started = time.monotonic()
    assert auth.access_token()
    assert time.monotonic() - started >= 1.0
    assert emulator.counters()["token_requests"] == 2
