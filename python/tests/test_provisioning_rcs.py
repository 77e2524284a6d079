"""RCS senders: create/get/list with the whole brand, filters and lazy paging, update and launch,
test numbers, unknown values kept, documented errors."""

from __future__ import annotations

import json

import pytest
from conftest import PROJECT_ID, api_error, assert_lazy

import sinch_core
from sinch_core import (
    RcsBrand,
    RcsDetailsList,
    RcsEmail,
    RcsPhone,
    RcsSenderFilter,
    RcsSenderUpdate,
)


def create(rcs, name: str | None, **kwargs):
    args = dict(
        region="EU",
        billing_category="CONVERSATIONAL",
        use_case="TRANSACTIONAL",
        brand=RcsBrand(name=name),
    )
    args.update(kwargs)
    return rcs.create(**args)


def ready_for_launch() -> RcsSenderUpdate:
    return RcsSenderUpdate(
        brand=RcsBrand(
            phones=[RcsPhone(label="Support", number="+46701234567")],
            banner_url="https://acme.example/banner.png",
            logo_url="https://acme.example/logo.png",
            privacy_policy_url="https://acme.example/privacy",
            terms_of_service_url="https://acme.example/terms",
        ),
        countries=["SE", "GB"],
        questionnaire_json=json.dumps(
            {
                "general": {"answers": {"optInDescription": "On our website"}},
                "verification": {"answers": {"name": "Ann", "email": "ann@acme.example"}},
            }
        ),
    )


def test_create_get_list_with_the_whole_brand(emulator, client):
    rcs = client.rcs_senders()
    brand = RcsBrand(
        name="Acme", color="#112233", emails=[RcsEmail(label="Support", address="a@b.example")]
    )
    created = create(rcs, "Acme", brand=brand, test_numbers=["+46701234567"], countries=["SE"])
    assert (created.state, created.region, created.hosting_region) == (
        "IN_PROGRESS",
        "EU",
        "EUROPE",
    )
    assert created.details.brand == brand
    assert created.details.countries == ["SE"]
    assert [(t.number, t.state) for t in created.test_number_states] == [
        ("+46701234567", "UNVERIFIED")
    ]
    assert rcs.get(created.id) == created
    assert [s.id for s in rcs] == [created.id]


def test_update_then_launch(emulator, client):
    rcs = client.rcs_senders()
    s = create(rcs, "Acme")
    emulator.set_field(PROJECT_ID, "rcs_senders", s.id, "state", "IN_TEST")
    with pytest.raises(sinch_core.ApiError) as info:
        rcs.launch(s.id)
    assert api_error(info) == (412, "launch_precondition_failed")
    assert "logoUrl" in str(info.value.additional_information)

    updated = rcs.update(s.id, ready_for_launch(), us_questionnaire_version="v2")
    assert updated.details.brand.name == "Acme"
    assert updated.details.brand.phones[0].number == "+46701234567"
    assert (
        json.loads(updated.details.questionnaire_json)["verification"]["answers"]["name"] == "Ann"
    )
    assert rcs.activities(s.id).notifications[0].kind == "EDITED"

    launched = rcs.launch(s.id)
    # No video in the questionnaire: Sinch adds one before the launch goes on.
    assert launched.state == "PREPARING_LAUNCH" and launched.launched
    assert [(c.country, c.status) for c in launched.country_status] == [
        ("SE", "PENDING"),
        ("GB", "PENDING"),
    ]
    with pytest.raises(sinch_core.ApiError) as info:
        rcs.update(s.id, ready_for_launch())
    assert api_error(info) == (409, "sender_not_updatable")


def test_update_removes_lists_and_refuses_bad_input(emulator, client):
    rcs = client.rcs_senders()
    s = create(rcs, "Acme")
    rcs.update(s.id, ready_for_launch())
    removed = rcs.update(
        s.id, RcsSenderUpdate(remove=[RcsDetailsList.BRAND_PHONES, RcsDetailsList.COUNTRIES])
    )
    assert removed.details.countries == [] and removed.details.brand.phones == []
    assert removed.details.brand.logo_url == "https://acme.example/logo.png"
    with pytest.raises(sinch_core.ApiError) as info:
        rcs.update(s.id, ready_for_launch(), us_questionnaire_version="v9")
    assert api_error(info) == (400, "invalid_input")
    with pytest.raises(sinch_core.ApiError) as info:
        rcs.launch(s.id)
    assert api_error(info) == (409, "launch_invalid_agent_state")
    with pytest.raises(sinch_core.InvalidConfig, match="changes nothing"):
        rcs.update(s.id, RcsSenderUpdate())


def test_test_numbers(emulator, client):
    rcs = client.rcs_senders()
    s = create(rcs, "Acme")
    states = rcs.add_test_numbers(s.id, ["+46701234567", "+447700900123"])
    assert [t.state for t in states] == ["UNVERIFIED", "UNVERIFIED"]
    emulator.set_field(
        PROJECT_ID,
        "rcs_senders",
        s.id,
        "testNumberStates",
        [
            {"number": "+46701234567", "state": "VERIFIED", "submitted": "2026-01-01T00:00:00Z"},
            {"number": "+447700900123", "state": "ON_HOLD", "submitted": "2026-01-01T00:00:00Z"},
        ],
    )
    assert rcs.test_number(s.id, "+447700900123").state == "ON_HOLD"
    assert "ACTION_DIAL" in rcs.test_number_capabilities(s.id, "+46701234567")
    with pytest.raises(sinch_core.ApiError) as info:
        rcs.test_number_capabilities(s.id, "+447700900123")
    assert api_error(info) == (404, "user_has_not_accepted_invite")
    assert rcs.retry_test_number(s.id, "+46701234567").state == "UNVERIFIED"
    rcs.delete_test_number(s.id, "+447700900123")
    assert rcs.get(s.id).details.test_numbers == ["+46701234567"]
    with pytest.raises(sinch_core.ApiError) as info:
        rcs.test_number(s.id, "+447700900123")
    assert api_error(info) == (404, "user_is_not_tester_for_agent")
    with pytest.raises(sinch_core.ApiError) as info:
        rcs.add_test_numbers(s.id, ["12345"])
    assert api_error(info) == (400, "invalid_input")
    with pytest.raises(sinch_core.InvalidConfig):
        rcs.add_test_numbers(s.id, [])


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
        create(rcs, "x", questionnaire_json="[]")


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


def test_auth_token_is_never_shown(emulator, client):
    rcs = client.rcs_senders()
    s = create(rcs, "Acme")
    emulator.set_field(PROJECT_ID, "rcs_senders", s.id, "authToken", "rbm-token-secret-1")
    got = rcs.get(s.id)
    assert got.auth_token == "rbm-token-secret-1"
    assert "rbm-token-secret-1" not in str(got) and "rbm-token-secret-1" not in repr(got)
