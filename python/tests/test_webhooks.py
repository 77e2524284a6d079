"""Provisioning webhooks against the emulator: CRUD, pagination, typed API errors."""

from __future__ import annotations

import pytest
from conftest import PROJECT_ID

import sinch_core
from sinch_core import WebhookTrigger


def test_webhooks_crud_round_trip(emulator, client):
    hooks = client.webhooks()
    created = hooks.create(
        target="https://example.com/a",
        secret="s1",
        triggers=[WebhookTrigger.WHATSAPP_TEMPLATE_APPROVED],
    )
    assert isinstance(created, sinch_core.Webhook)
    assert created.id
    assert created.project_id == PROJECT_ID
    assert created.target == "https://example.com/a"
    assert created.triggers == ["WHATSAPP_TEMPLATE_APPROVED"]

    assert hooks.get(created.id) == created

    replaced = hooks.replace(
        webhook_id=created.id,
        target="https://example.com/b",
        secret="s2",
        triggers=[WebhookTrigger.ALL],
    )
    assert replaced.target == "https://example.com/b"
    assert replaced.triggers == ["ALL"]

    updated = hooks.update(created.id, target="https://example.com/c")
    assert updated.target == "https://example.com/c"
    assert updated.triggers == ["ALL"]

    page = hooks.list()
    assert isinstance(page, sinch_core.WebhookPage)
    assert [w.id for w in page.webhooks] == [created.id]
    assert page.total_size == 1
    assert page.next_page_token is None

    assert hooks.delete(created.id) is None
    with pytest.raises(sinch_core.ApiError) as info:
        hooks.get(created.id)
    e = info.value
    assert e.status == 404
    assert e.error_code == "webhook_not_found"
    assert str(e) == e.reason and e.reason


def test_webhooks_pagination(emulator, client):
    hooks = client.webhooks()
    targets = [f"https://example.com/hook-{i:02}" for i in range(15)]
    for t in targets:
        hooks.create(target=t, secret="s", triggers=[WebhookTrigger.ALL])

    pager = hooks.pages(page_size=4)
    pages = []
    while (page := pager.next_page()) is not None:
        pages.append(page)
    assert [len(p.webhooks) for p in pages] == [4, 4, 4, 3]
    seen = [w.target for p in pages for w in p.webhooks]
    assert sorted(seen) == targets and len(set(seen)) == 15
    assert pager.next_page() is None

    before = emulator.counters()["api_requests"]
    items = list(hooks.iter(page_size=4))
    assert [w.target for w in items] == seen
    assert emulator.counters()["api_requests"] - before == 4

    assert len(list(hooks)) == 15  # __iter__: default page size
    assert len(list(hooks.iter_pages(page_size=4))) == 4


def test_webhooks_page_size_out_of_range_is_invalid_config(emulator, client):
    with pytest.raises(sinch_core.InvalidConfig):
        client.webhooks().iter(page_size=16)


def test_duplicate_webhook_is_typed_api_error(emulator, client):
    hooks = client.webhooks()
    hooks.create(target="https://example.com/dup", secret="s", triggers=[WebhookTrigger.ALL])
    with pytest.raises(sinch_core.ApiError) as info:
        hooks.create(target="https://example.com/dup", secret="s", triggers=[WebhookTrigger.ALL])
    e = info.value
    assert isinstance(e, sinch_core.SinchError)
    assert e.status == 409
    assert e.error_code == "webhook_exists"
    assert e.detail
    assert e.resolution
    assert isinstance(e.additional_information, dict)
    assert str(e) == e.reason
    assert "reason=" not in str(e)


def test_unknown_trigger_is_kept(emulator, client):
    hooks = client.webhooks()
    created = hooks.create(
        target="https://example.com/future",
        secret="s",
        triggers=["SOME_FUTURE_TRIGGER", WebhookTrigger.BUNDLE_DONE],
    )
    assert created.triggers == ["SOME_FUTURE_TRIGGER", "BUNDLE_DONE"]
    assert hooks.get(created.id).triggers == ["SOME_FUTURE_TRIGGER", "BUNDLE_DONE"]


def test_context_manager_and_tuple_triggers(emulator, auth):
    with sinch_core.ProvisioningClient(
        project_id=PROJECT_ID, auth=auth, base_url=emulator.base_url
    ) as c:
        w = c.webhooks().create(
            target="https://example.com/t", secret="s", triggers=(WebhookTrigger.ALL,)
        )
        assert w.triggers == ["ALL"]
        assert c.project_id() == PROJECT_ID
        hooks = c.webhooks()
    # Leaving the block released the Rust client: it refuses calls with a typed error, while a
    # sub-client taken before keeps working (it holds its own reference).
    with pytest.raises(sinch_core.InvalidConfig, match="closed when its `with` block ended"):
        c.webhooks()
    assert repr(c) == "ProvisioningClient(closed)"
    assert [h.id for h in hooks.list().webhooks] == [w.id]


def test_rate_limited_is_typed(emulator, client):
    client.webhooks().list()  # token fetched before the faults
    before = emulator.counters()["api_requests"]
    emulator.fault("api", 10, {"kind": "status", "status": 429, "retry_after": "0"})
    with pytest.raises(sinch_core.RateLimited) as info:
        client.webhooks().list()
    e = info.value
    assert isinstance(e, sinch_core.SinchError)
    assert str(e) == e.reason and e.reason
    assert e.retry_after_ms == 0
    assert emulator.counters()["api_requests"] - before > 1  # Rust retried before giving up
