"""RCS senders: create/get/list with brand extras, filters and lazy paging, unknown values kept,
documented errors."""

from __future__ import annotations

import json

import pytest
from conftest import PROJECT_ID, api_error, assert_lazy

import sinch_core
from sinch_core import RcsSenderFilter


def create(rcs, name: str, **kwargs):
    args = dict(
        region="EU", billing_category="CONVERSATIONAL", use_case="TRANSACTIONAL", brand_name=name
    )
    args.update(kwargs)
    return rcs.create(**args)


def test_create_get_list_with_brand_extras(emulator, client):
    rcs = client.rcs_senders()
    created = create(
        rcs, "Acme", brand_extra_json='{"color": "#112233", "emails": [{"address": "a@b.c"}]}'
    )
    assert (created.state, created.region) == ("IN_PROGRESS", "EU")
    brand = created.details.brand
    assert brand.name == "Acme"
    raw = json.loads(brand.raw_json)
    assert raw["color"] == "#112233" and raw["emails"][0]["address"] == "a@b.c"
    assert rcs.get(created.id) == created
    assert [s.id for s in rcs] == [created.id]


def test_filters_sorting_and_lazy_pages(emulator, client):
    rcs = client.rcs_senders()
    names = ["Alpha Bank", "Beta Shop", "Gamma Bank", "Delta", "Epsilon Bank"]
    ids = [create(rcs, n).id for n in names]
    emulator.set_field(PROJECT_ID, "rcs_senders", ids[2], "state", "ACTIVE")

    def by(f: RcsSenderFilter) -> list[str]:
        return [s.details.brand.name for s in rcs.iter(page_size=2, filter=f)]

    newest_banks = RcsSenderFilter(sender_name="bank", sort_column="CREATED", sort_direction="DESC")
    assert by(newest_banks) == ["Epsilon Bank", "Gamma Bank", "Alpha Bank"]
    assert by(RcsSenderFilter(states=["ACTIVE"])) == ["Gamma Bank"]
    assert by(RcsSenderFilter(sender_ids=[ids[0], ids[3]])) == ["Alpha Bank", "Delta"]
    items = assert_lazy(emulator, rcs.iter(page_size=2), page_size=2, total=5)
    assert [s.id for s in items] == ids


def test_unknown_values_are_kept(emulator, client):
    rcs = client.rcs_senders()
    s = create(rcs, "X", use_case="AGENT_TO_AGENT")
    assert s.use_case == "AGENT_TO_AGENT"
    emulator.set_field(PROJECT_ID, "rcs_senders", s.id, "state", "LAUNCH_PENDING")
    assert rcs.get(s.id).state == "LAUNCH_PENDING"


def test_documented_errors(emulator, client):
    rcs = client.rcs_senders()
    with pytest.raises(sinch_core.ApiError) as info:
        create(rcs, None)
    assert api_error(info) == (400, "invalid_input")
    with pytest.raises(sinch_core.ApiError) as info:
        rcs.get("01NOPE")
    assert api_error(info) == (404, "sender_not_found")
    with pytest.raises(sinch_core.ApiError) as info:
        rcs.list(page_token="bad token")
    assert api_error(info) == (400, "invalid_page_token")
    with pytest.raises(sinch_core.ApiError) as info:
        rcs.list(filter=RcsSenderFilter(sort_direction="SIDEWAYS"))
    assert api_error(info) == (400, "invalid_input")
    with pytest.raises(sinch_core.InvalidConfig):
        rcs.iter(page_size=101)
    with pytest.raises(sinch_core.InvalidConfig):
        create(rcs, "x", brand_extra_json="[]")


def test_account_activities_and_comments(emulator, client):
    account = client.rcs_account()
    with pytest.raises(sinch_core.ApiError) as info:
        account.activities()
    assert api_error(info) == (404, "account_not_found")
    create(client.rcs_senders(), "Acme")
    made = account.comment("Please launch soon")
    assert (made.kind, made.comment) == ("CREATED", "Please launch soon")
    with pytest.raises(sinch_core.ApiError) as info:
        account.comment("")
    assert api_error(info) == (400, "invalid_input")
    for i in range(2):
        account.comment(f"note {i}")
    first = account.activities(page_size=3)
    assert (first.total_size, len(first.notifications)) == (4, 3)
    assert (first.notifications[0].kind, first.notifications[0].comment) == (
        "COMMENT_ADDED",
        "note 1",
    )
    second = account.activities(page_size=3, page_token=first.next_page_token)
    assert [n.kind for n in second.notifications] == ["CREATED"]
    assert second.next_page_token is None


def test_sender_activities_and_comments(emulator, client):
    rcs = client.rcs_senders()
    s = create(rcs, "Acme")
    for i in range(3):
        assert rcs.comment(s.id, f"note {i}").comment == f"note {i}"
    first = rcs.activities(s.id, page_size=2)
    assert (first.total_size, first.notifications[0].comment) == (4, "note 2")
    second = rcs.activities(s.id, page_size=2, page_token=first.next_page_token)
    assert second.notifications[-1].kind == "CREATED" and second.next_page_token is None
    with pytest.raises(sinch_core.ApiError) as info:
        rcs.comment("01NOPE", "hi")
    assert api_error(info) == (404, "sender_not_found")


def test_launch_questionnaire_by_use_case_and_country(emulator, client):
    rcs = client.rcs_senders()
    q = rcs.questionnaire("OTP", sinch_core.RcsQuestionnaireQuery(countries=["US"]))
    sections = {s.name: s for s in q.sections}
    assert set(sections) == {"general", "verification", "us"}
    assert sections["us"].questions[0].suggested_answers == ["PRIVATE", "PUBLIC"]
    assert [x.key for x in sections["verification"].questions] == ["name", "partner.companyName"]
    with pytest.raises(sinch_core.ApiError) as info:
        rcs.questionnaire("NOT_A_USE_CASE")
    assert api_error(info) == (400, "invalid_input")
