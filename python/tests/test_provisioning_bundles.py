"""Bundles: create/get/list, lazy paging with filters, an unknown state kept, documented errors."""

from __future__ import annotations

import pytest
from conftest import PROJECT_ID, api_error, api_requests, assert_lazy

import sinch_core
from sinch_core import BundleFilter, WebhookTrigger


def test_create_get_list(emulator, client):
    bundles = client.bundles()
    created = bundles.create(
        name="Full",
        region="US",
        subproject_name="Sub",
        sms_app_name="SMS one",
        conv_app=True,
        test_number=True,
        webhook_target="https://example.com/bundle-done",
        webhook_secret="whsec-bundle",
        webhook_triggers=(WebhookTrigger.BUNDLE_DONE,),  # any iterable
        extra_json='{"convApp": {"name": "Conv", "processingMode": "DISPATCH"}}',
    )
    assert created.state == "IN_PROGRESS"
    assert created.subproject.name == "Sub" and created.subproject.status == "PENDING"
    assert created.sms_app.name == "SMS one" and created.sms_app.status == "PENDING_ADD"
    assert created.conv_app.name == "Conv" and created.conv_app.processing_mode == "DISPATCH"
    assert created.webhooks[0].triggers == ["BUNDLE_DONE"]
    assert "whsec-bundle" not in repr(created)
    assert bundles.get(created.id) == created
    assert client.sms_apps().get(created.sms_app.id).name == "SMS one"
    emulator.set_field(PROJECT_ID, "bundles", created.id, "state", "DONE")
    assert bundles.get(created.id).state == "DONE"
    assert bundles.list().total_size == 1


def test_filters_and_lazy_pages(emulator, client):
    bundles = client.bundles()
    made = [bundles.create(name=f"b{i}", region="US", sms_app=True) for i in range(12)]
    first = bundles.list()
    assert (len(first.bundles), first.total_size) == (10, 12)
    assert first.next_page_token is not None
    items = assert_lazy(emulator, bundles.iter(page_size=5), page_size=5, total=12)
    assert [b.name for b in items] == [f"b{i}" for i in range(12)]
    emulator.set_field(PROJECT_ID, "bundles", made[3].id, "state", "FAILED")
    emulator.set_field(PROJECT_ID, "bundles", made[7].id, "state", "FAILED")
    failed = BundleFilter(states=["FAILED"])
    assert [b.name for b in bundles.iter(page_size=1, filter=failed)] == ["b3", "b7"]
    by_app = BundleFilter(sms_app_ids=[made[5].sms_app.id])
    assert [b.name for b in bundles.iter(filter=by_app)] == ["b5"]
    assert len(list(bundles.iter_pages(page_size=5))) == 3


def test_unknown_state_from_the_server_is_kept(emulator, client):
    bundles = client.bundles()
    b = bundles.create(name="x", region="US", sms_app=True)
    emulator.set_field(PROJECT_ID, "bundles", b.id, "state", "PARTIALLY_DONE")
    assert bundles.get(b.id).state == "PARTIALLY_DONE"
    # Filtering by a state the client does not know works too.
    page = bundles.list(filter=BundleFilter(states=["PARTIALLY_DONE"]))
    assert [x.id for x in page.bundles] == [b.id]


def test_documented_errors(emulator, client):
    bundles = client.bundles()
    for kwargs, code in (
        (dict(name="", region="US", sms_app=True), "missing_name"),
        (dict(name="nothing", region="US"), "no_services_to_create"),
        (
            dict(name="bad", region="US", sms_app=True, extra_json='{"subproject": 5}'),
            "invalid_input",
        ),
    ):
        with pytest.raises(sinch_core.ApiError) as info:
            bundles.create(**kwargs)
        assert api_error(info) == (400, code)
    with pytest.raises(sinch_core.ApiError) as info:
        bundles.get("62a02dd40000000000000000")
    assert api_error(info) == (404, "bundle_not_found")
    with pytest.raises(sinch_core.ApiError) as info:
        bundles.list(page_token="nope")
    assert api_error(info) == (400, "invalid_page_token")
    before = api_requests(emulator)
    with pytest.raises(sinch_core.InvalidConfig):
        bundles.iter(page_size=26)
    with pytest.raises(sinch_core.InvalidConfig):
        bundles.create(name="x", region="US", sms_app=True, extra_json="not json")
    assert api_requests(emulator) == before
