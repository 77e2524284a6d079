"""KakaoTalk senders: round trip, lazy paging, an unknown state kept, documented errors."""

from __future__ import annotations

import pytest
from conftest import api_error, assert_lazy

import sinch_core
from sinch_core import KakaoTalkSenderDetails


def details(name: str, **overrides: str) -> KakaoTalkSenderDetails:
    fields = dict(
        admin_phone_no="01012345678",
        name=name,
        top_level_category_code="001",
        mid_level_category_code="0001",
        sub_level_category_code="0001",
    )
    fields.update(overrides)
    return KakaoTalkSenderDetails(**fields)


def test_create_get_update_register_verify_list_delete(emulator, client):
    senders = client.kakaotalk_senders()
    created = senders.create("@myshop", details("Shop"))
    assert (created.plus_friend_id, created.state) == ("@myshop", "INACTIVE")
    assert created.details == details("Shop")
    assert senders.get("@myshop") == created
    updated = senders.update(
        "@myshop",
        KakaoTalkSenderDetails(
            admin_phone_no=None,
            name="Shop Korea",
            top_level_category_code=None,
            mid_level_category_code=None,
            sub_level_category_code=None,
        ),
    )
    assert updated.details.name == "Shop Korea"
    assert updated.details.admin_phone_no == "01012345678", "untouched"
    senders.register("@myshop")
    assert senders.get("@myshop").state == "VERIFYING"
    senders.verify("@myshop", "123456")
    assert senders.get("@myshop").state == "ACTIVE"
    assert [s.plus_friend_id for s in senders] == ["@myshop"]
    senders.delete("@myshop")  # marks for removal only: still readable
    assert senders.get("@myshop").plus_friend_id == "@myshop"


def test_pages_lazily(emulator, client):
    senders = client.kakaotalk_senders()
    for i in range(5):
        senders.create(f"@s{i}", details("Shop"))
    items = assert_lazy(emulator, senders.iter(page_size=2), page_size=2, total=5)
    assert [s.plus_friend_id for s in items] == ["@s0", "@s1", "@s2", "@s3", "@s4"]
    assert len(list(senders.iter_pages(page_size=2))) == 3


def test_unknown_state_from_the_server_is_kept(emulator, client):
    senders = client.kakaotalk_senders()
    senders.create("@future", details("Shop"))
    emulator.set_field("kakaotalk_senders", "@future", "state", "DORMANT")
    assert senders.get("@future").state == "DORMANT"


def test_documented_errors(emulator, client):
    senders = client.kakaotalk_senders()
    bad = details(
        "Bad",
        top_level_category_code="01",
        mid_level_category_code="00001",
        sub_level_category_code="abcd",
    )
    with pytest.raises(sinch_core.ApiError) as info:
        senders.create("@bad", bad)
    assert api_error(info) == (400, "invalid_input")
    assert len(info.value.additional_information["validationErrors"]) == 3
    senders.create("@ok", details("Ok"))
    with pytest.raises(sinch_core.ApiError) as info:
        senders.verify("@ok", "123")
    assert api_error(info) == (400, "invalid_input")
    for call in (
        lambda: senders.get("@missing"),
        lambda: senders.delete("@missing"),
        lambda: senders.register("@missing"),
        lambda: senders.update("@missing", details("x")),
    ):
        with pytest.raises(sinch_core.ApiError) as info:
            call()
        assert api_error(info) == (404, "sender_not_found")
    with pytest.raises(sinch_core.InvalidConfig):
        senders.iter(page_size=0)
    for bad in (-1, 101):
        with pytest.raises(sinch_core.InvalidConfig, match="page size"):
            senders.list(page_size=bad)
