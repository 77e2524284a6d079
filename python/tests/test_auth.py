"""Token cache, single flight, refresh-ahead and credential errors, seen from Python."""

from __future__ import annotations

import threading
import time

import pytest
from conftest import PROJECT_ID

import sinch_core
from sinch_core import SinchAuth


def test_hundred_reads_one_token_request(emulator, auth):
    tokens = {auth.access_token() for _ in range(100)}
    assert len(tokens) == 1
    assert emulator.counters()["token_requests"] == 1


def test_stats_count_what_the_cache_did(emulator, auth, client):
    for _ in range(100):
        auth.access_token()
    s = auth.stats()
    assert (s.fetches, s.cache_hits, s.fetch_failures) == (1, 99, 0)
    emulator.expire_tokens()  # one 401, one invalidation, one new token
    client.webhooks().list()
    s = auth.stats()
    assert (s.fetches, s.invalidations) == (2, 1)
    wrong = sinch_core.SinchAuth.oauth(
        key_id=emulator.key_id, key_secret="wrong-secret-for-stats", token_url=emulator.token_url
    )
    for _ in range(3):
        with pytest.raises(sinch_core.InvalidCredentials):
            wrong.access_token()
    s = wrong.stats()
    assert (s.fetches, s.fetch_failures, s.negative_hits) == (1, 1, 2)


def test_cold_threads_one_token_request(emulator, auth):
    n = 32
    barrier = threading.Barrier(n)
    results: list = []
    errors: list = []

    def worker() -> None:
        barrier.wait()
        try:
            results.append(auth.access_token())
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors, errors
    assert len(results) == n
    assert len(set(results)) == 1
    assert emulator.counters()["token_requests"] == 1


def test_refresh_ahead_never_shows_401(emulator):
    emulator.config(token_lifetime_secs=3)
    auth = SinchAuth.oauth(
        key_id=emulator.key_id, key_secret=emulator.key_secret, token_url=emulator.token_url
    )
    client = sinch_core.ProvisioningClient(
        project_id=PROJECT_ID, auth=auth, base_url=emulator.base_url
    )
    webhooks = client.webhooks()
    deadline = time.monotonic() + 8
    calls = 0
    while time.monotonic() < deadline:
        auth.access_token()
        webhooks.list()
        calls += 1
        time.sleep(0.05)
    counters = emulator.counters()
    assert calls > 10
    assert counters["token_requests"] >= 2, counters
    assert counters["expired_401_sent"] == 0, counters
    assert counters["unauthorized_sent"] == 0, counters


def test_expired_token_retried_once(emulator, auth, client):
    auth.access_token()
    before = emulator.counters()["token_requests"]
    emulator.expire_tokens()
    page = client.webhooks().list()
    assert page.webhooks == []
    counters = emulator.counters()
    assert counters["token_requests"] == before + 1, counters
    assert counters["expired_401_sent"] == 1, counters


def test_wrong_secret_is_invalid_credentials(emulator):
    secret = "definitely-not-the-secret"
    auth = SinchAuth.oauth(key_id=emulator.key_id, key_secret=secret, token_url=emulator.token_url)
    with pytest.raises(sinch_core.InvalidCredentials) as info:
        auth.access_token()
    e = info.value
    assert isinstance(e, sinch_core.SinchError)
    text = str(e)
    assert text == e.reason
    assert emulator.key_id in text
    assert emulator.token_url in text
    assert secret not in text
    assert secret not in repr(e)


def test_secrets_never_printed(emulator, auth, client):
    token = auth.access_token()
    webhooks = client.webhooks()
    created = webhooks.create(
        target="https://example.com/hook",
        secret="webhook-signing-secret",
        triggers=[sinch_core.WebhookTrigger.ALL],
    )
    page = webhooks.list()
    pager = webhooks.pages()
    bad = SinchAuth.oauth(
        key_id=emulator.key_id, key_secret="wrong-one", token_url=emulator.token_url
    )
    with pytest.raises(sinch_core.SinchError) as info:
        bad.access_token()
    texts = []
    for obj in (auth, client, webhooks, pager, created, page, info.value, bad):
        texts += [repr(obj), str(obj)]
    texts += [auth.describe(), bad.describe(), *info.value.args]
    for text in texts:
        for secret in (emulator.key_secret, token, "wrong-one", "webhook-signing-secret"):
            assert secret not in text, f"{secret!r} leaked in {text!r}"
    assert emulator.key_id in repr(auth)


def test_same_credentials_share_one_token(emulator):
    kwargs = dict(
        key_id=emulator.key_id, key_secret=emulator.key_secret, token_url=emulator.token_url
    )
    a, b = SinchAuth.oauth(**kwargs), SinchAuth.oauth(**kwargs)
    assert a.access_token() == b.access_token()
    assert emulator.counters()["token_requests"] == 1


def test_different_credentials_separate_tokens(emulator):
    emulator.add_key("second-key-id", "second-key-secret")
    a = SinchAuth.oauth(
        key_id=emulator.key_id, key_secret=emulator.key_secret, token_url=emulator.token_url
    )
    b = SinchAuth.oauth(
        key_id="second-key-id", key_secret="second-key-secret", token_url=emulator.token_url
    )
    assert a.access_token() != b.access_token()
    counters = emulator.counters()
    assert counters["token_requests"] == 2
    assert counters["token_requests_by_key"] == {emulator.key_id: 1, "second-key-id": 1}


def test_plain_http_is_invalid_config():
    with pytest.raises(sinch_core.InvalidConfig) as info:
        SinchAuth.oauth(key_id="k", key_secret="s3cr3t", token_url="http://example.com/token")
    assert "http://example.com/token" in str(info.value)
    assert "s3cr3t" not in str(info.value)
