"""SMS apps: round trip, lazy paging, an unknown status kept as str, documented errors."""

from __future__ import annotations

import pytest
from conftest import PROJECT_ID, api_error, api_requests, assert_lazy

import sinch_core

MISSING = "0123456789abcdef0123456789abcdef"


def test_create_get_rename_update_list_delete(emulator, client):
    apps = client.sms_apps()
    created = apps.create(name="Alerts", region="EU", conv_api_app=True)
    assert isinstance(created, sinch_core.SmsApp)
    assert (created.name, created.status, created.regions) == ("Alerts", "PENDING_ADD", ["EU"])
    assert created.conversation_api_app_details.channel_status == "PENDING"
    assert apps.get(created.id) == created
    assert apps.rename(created.id, "Alerts v2").name == "Alerts v2"
    assert apps.update(created.id, name="Alerts v3").name == "Alerts v3"
    page = apps.list()
    assert page.total_size == 1 and page.sms_apps[0].name == "Alerts v3"
    assert [a.id for a in apps] == [created.id]
    apps.delete(created.id)
    with pytest.raises(sinch_core.ApiError) as info:
        apps.get(created.id)
    assert api_error(info) == (404, "sms_app_not_found")


def test_pages_lazily_over_several_pages(emulator, client):
    apps = client.sms_apps()
    for i in range(7):
        apps.create(name=f"app-{i}", region="EU")
    items = assert_lazy(emulator, apps.iter(page_size=3), page_size=3, total=7)
    assert [a.name for a in items] == [f"app-{i}" for i in range(7)]
    pages = list(apps.iter_pages(page_size=3))
    assert [len(p.sms_apps) for p in pages] == [3, 3, 1]


def test_unknown_status_from_the_server_is_kept(emulator, client):
    apps = client.sms_apps()
    app = apps.create(name="Future", region="EU")
    emulator.set_field(PROJECT_ID, "sms_apps", app.id, "status", "QUANTUM_PENDING")
    emulator.set_field(PROJECT_ID, "sms_apps", app.id, "regions", ["EU", "MARS"])
    got = apps.get(app.id)
    assert got.status == "QUANTUM_PENDING" and type(got.status) is str
    assert got.regions == ["EU", "MARS"]
    assert next(iter(apps)).status == "QUANTUM_PENDING"


def test_documented_errors(emulator, client):
    apps = client.sms_apps()
    with pytest.raises(sinch_core.ApiError) as info:
        apps.create(
            name="Both",
            region="EU",
            conv_api_app=True,
            conv_api_app_id="01KXD2MJSAN61CNE0CJ6VT6PXP",
        )
    assert api_error(info) == (400, "invalid_input")
    assert any(
        "mutually exclusive" in e for e in info.value.additional_information["validationErrors"]
    )
    with pytest.raises(sinch_core.ApiError) as info:
        apps.create(name="Where", region="APAC")  # an open enum: sent as is, refused by server
    assert api_error(info) == (400, "invalid_input")
    app = apps.create(name="Ok", region="EU")
    with pytest.raises(sinch_core.ApiError) as info:
        apps.update(app.id)
    assert api_error(info) == (400, "no_fields_to_update")
    for call in (lambda: apps.get(MISSING), lambda: apps.delete(MISSING)):
        with pytest.raises(sinch_core.ApiError) as info:
            call()
        assert api_error(info) == (404, "sms_app_not_found")
    with pytest.raises(sinch_core.ApiError) as info:
        apps.list(page_token="not-a-token!")
    assert api_error(info) == (400, "invalid_page_token")
    before = api_requests(emulator)
    for bad in (0, 101):
        with pytest.raises(sinch_core.InvalidConfig):
            apps.iter(page_size=bad)  # refused at once, before any request
    assert api_requests(emulator) == before
