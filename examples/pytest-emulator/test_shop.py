"""A user's tests of `shop.py`, against the emulator the plugin runs."""

import pytest
import sinch_core
from shop import EVENTS_URL, ensure_events_webhook


def test_the_seeded_webhook_is_found_not_duplicated(client, sinch_emulator):
    hook_id = ensure_events_webhook(client, secret="s3cret")
    hooks = list(client.webhooks().iter())
    assert [h.target for h in hooks] == [EVENTS_URL]
    assert hooks[0].id == hook_id
    assert sinch_emulator.counters()["api_requests"] == 2


def test_a_missing_webhook_is_created(client, sinch_emulator):
    client.webhooks().delete(next(iter(client.webhooks().iter())).id)
    ensure_events_webhook(client, secret="s3cret")
    assert [h.target for h in client.webhooks().iter()] == [EVENTS_URL]


def test_each_test_starts_from_the_seed(client):
    # The previous test deleted and re-created the webhook: the reset restored the seeded one.
    hooks = list(client.webhooks().iter())
    assert len(hooks) == 1
    assert client.sms_apps().list().sms_apps[0].name == "Order alerts"


def test_an_outage_of_the_token_endpoint(sinch_emulator_factory):
    # An emulator of this test's own, so the session's cached token does not hide the fault.
    emu = sinch_emulator_factory()
    emu.fault("token", count=10, kind={"kind": "status", "status": 503})
    auth = sinch_core.SinchAuth.oauth(
        key_id=emu.key_id,
        key_secret=emu.key_secret,
        token_url=emu.token_url,
        http=sinch_core.HttpOptions(max_attempts=2),
    )
    client = sinch_core.ProvisioningClient(
        project_id="shop", auth=auth, base_url=emu.base_url
    )
    with pytest.raises(sinch_core.SinchError.ServiceUnavailable):
        ensure_events_webhook(client, secret="s3cret")
    assert emu.counters()["token_requests"] == 2


def test_a_cached_token_survives_resets(auth, sinch_emulator):
    auth.access_token()
    sinch_emulator.reset()  # what the plugin does before every test
    client = sinch_core.ProvisioningClient(
        project_id="shop", auth=auth, base_url=sinch_emulator.base_url
    )
    client.webhooks().list()
    assert sinch_emulator.counters()["token_requests"] == 0, (
        "the cached token was accepted"
    )
    # A revoking reset makes the cached token unknown to the server, which a client cannot
    # tell from a bad credential: it must drop its cached token itself.
    sinch_emulator.reset(revoke_tokens=True)
    with pytest.raises(sinch_core.SinchError.InvalidCredentials):
        client.webhooks().list()
    auth.clear_cached_token()
    client.webhooks().list()
    assert sinch_emulator.counters()["token_requests"] == 1
