"""KakaoTalk senders and their templates: round trip, lazy paging, an unknown state kept,
documented errors."""

from __future__ import annotations

import pytest
from conftest import PROJECT_ID, api_error, api_requests, assert_lazy

import sinch_core
from sinch_core import (
    KakaoTalkSenderDetails,
    KakaoTalkSubmitMode,
    KakaoTalkTemplateButton,
    KakaoTalkTemplateCreate,
    KakaoTalkTemplateDetails,
    KakaoTalkTemplateFilter,
    KakaoTalkTemplateUpdate,
)


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


def test_a_draft_sender_is_pending_changes_only(emulator, client):
    draft = client.kakaotalk_senders().create(
        "@draft", details("Shop"), status=KakaoTalkSubmitMode.DRAFT
    )
    assert draft.details is None
    assert (draft.changes.status, draft.changes.details) == ("DRAFT", details("Shop"))


def test_create_get_update_register_verify_list_delete(emulator, client):
    senders = client.kakaotalk_senders()
    created = senders.create("@myshop", details("Shop"))
    assert (created.plus_friend_id, created.state) == ("@myshop", "INACTIVE")
    assert created.details == details("Shop")
    assert senders.get("@myshop") == created
    assert created.id
    updated = senders.update("@myshop", KakaoTalkSenderDetails(name="Shop Korea"))
    # An update is pending changes (a draft): the live profile stays until Sinch's review.
    assert updated.details == details("Shop")
    assert updated.changes.status == "DRAFT"
    assert updated.changes.details.name == "Shop Korea"
    assert updated.changes.details.admin_phone_no == "01012345678", "untouched"
    logo = KakaoTalkSenderDetails(logo_image="https://shop.example/logo.png")
    submitted = senders.update("@myshop", logo, status=KakaoTalkSubmitMode.SUBMIT).changes
    assert submitted.status == "IN_PROGRESS"
    assert (submitted.details.name, submitted.details.logo_image) == (
        "Shop Korea",
        "https://shop.example/logo.png",
    )
    with pytest.raises(sinch_core.ApiError) as info:
        senders.update("@myshop", KakaoTalkSenderDetails(name="Again"))
    assert api_error(info) == (409, "sender_changes_not_updatable")
    registered = senders.register("@myshop")
    assert registered.state == "VERIFYING" and senders.get("@myshop") == registered
    verified = senders.verify("@myshop", "123456")  # the answer is the sender, now active
    assert verified.state == "ACTIVE"
    assert senders.get("@myshop") == verified
    with pytest.raises(sinch_core.ApiError) as info:
        senders.register("@myshop")
    assert api_error(info) == (409, "not_allowed_register")
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
    emulator.set_field(PROJECT_ID, "kakaotalk_senders", "@future", "state", "DORMANT")
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
        senders.verify("@ok", "123456")  # not registered: not VERIFYING
    assert api_error(info) == (409, "not_allowed_verify")
    before = api_requests(emulator)
    with pytest.raises(sinch_core.InvalidConfig, match="digits"):
        senders.verify("@ok", "12-34")
    assert api_requests(emulator) == before, "refused before any request"
    for call in (
        lambda: senders.get("@missing"),
        lambda: senders.delete("@missing"),
        lambda: senders.register("@missing"),
        lambda: senders.update("@missing", details("x")),
        lambda: senders.verify("@missing", "123456"),
        lambda: senders.discard_changes("@missing"),
        lambda: senders.activities("@missing"),
        lambda: senders.comment("@missing", "hello"),
    ):
        with pytest.raises(sinch_core.ApiError) as info:
            call()
        assert api_error(info) == (404, "sender_not_found")
    with pytest.raises(sinch_core.InvalidConfig):
        senders.iter(page_size=0)
    for bad in (-1, 101):
        with pytest.raises(sinch_core.InvalidConfig, match="page size"):
            senders.list(page_size=bad)


def test_activity_log_pages_over_comments_most_recent_first(emulator, client):
    senders = client.kakaotalk_senders()
    senders.create("@myshop", details("Shop"))
    for i in range(3):
        made = senders.comment("@myshop", f"please review {i}")
        assert (made.kind, made.comment) == ("CREATED", f"please review {i}")
    first = senders.activities("@myshop", page_size=2)  # created + three comments
    assert (first.total_size, len(first.notifications)) == (4, 2)
    assert (first.notifications[0].kind, first.notifications[0].comment) == (
        "COMMENT_ADDED",
        "please review 2",
    )
    second = senders.activities("@myshop", page_size=2, page_token=first.next_page_token)
    assert [n.kind for n in second.notifications] == ["COMMENT_ADDED", "CREATED"]
    assert second.next_page_token is None
    with pytest.raises(sinch_core.ApiError) as info:
        senders.comment("@myshop", "")
    assert api_error(info) == (400, "invalid_input")
    with pytest.raises(sinch_core.InvalidConfig, match="page size"):
        senders.activities("@myshop", page_size=101)


def test_verifying_adds_an_active_entry_kept_as_sent(emulator, client):
    senders = client.kakaotalk_senders()
    senders.create("@myshop", details("Shop"))
    senders.register("@myshop")
    senders.verify("@myshop", "654321")
    assert senders.activities("@myshop").notifications[0].kind == "ACTIVE"


def test_pending_changes_are_discarded_unless_in_review(emulator, client):
    senders = client.kakaotalk_senders()
    senders.create("@myshop", details("Shop"))
    with pytest.raises(sinch_core.ApiError) as info:
        senders.discard_changes("@myshop")
    assert api_error(info) == (404, "sender_changes_not_found")
    # Sinch's review puts an edit in `changes`; the emulator is told so.
    changes = {"status": "IN_PROGRESS", "details": {"name": "Shop Korea"}}
    emulator.set_field(PROJECT_ID, "kakaotalk_senders", "@myshop", "changes", changes)
    pending = senders.get("@myshop").changes
    assert (pending.status, pending.details.name) == ("IN_PROGRESS", "Shop Korea")
    with pytest.raises(sinch_core.ApiError) as info:
        senders.discard_changes("@myshop")
    assert api_error(info) == (409, "sender_changes_not_deletable")
    emulator.set_field(
        PROJECT_ID, "kakaotalk_senders", "@myshop", "changes.status", "NEEDS_DOCUMENTS"
    )
    assert senders.get("@myshop").changes.status == "NEEDS_DOCUMENTS"  # unknown: kept
    senders.discard_changes("@myshop")
    after = senders.get("@myshop")
    assert after.changes is None
    assert after.details == details("Shop"), "the live profile stays"


# --- Templates (of one sender) ------------------------------------------------------------


def template(name: str, status: KakaoTalkSubmitMode | None = None) -> KakaoTalkTemplateCreate:
    details = KakaoTalkTemplateDetails(
        name=name, language="EN", content="Your order #{order} has shipped."
    )
    return KakaoTalkTemplateCreate(details=details, status=status)


def test_templates_create_get_update_list_delete(emulator, client):
    client.kakaotalk_senders().create("@myshop", details("Shop"))
    templates = client.kakaotalk_templates("@myshop")
    created = templates.create(template("Shipping", KakaoTalkSubmitMode.DRAFT))
    assert len(created.code) == 20 and created.state is None
    assert created.changes.status == "DRAFT"
    assert created.changes.details.message_type == "BASIC", "the documented default"
    assert templates.get(created.code) == created
    button = KakaoTalkTemplateButton(
        ordering=1,
        kind="WEB_LINK",
        name="Track",
        link_mo="https://example.com/track",
    )
    updated = templates.update(
        created.code,
        KakaoTalkTemplateUpdate(
            details=KakaoTalkTemplateDetails(title="Shipped", buttons=[button]),
            status=KakaoTalkSubmitMode.SUBMIT,
        ),
    )
    assert updated.changes.status == "IN_PROGRESS"
    assert updated.changes.details.buttons == [button]
    assert updated.changes.details.name == "Shipping", "untouched"
    assert [t.code for t in templates] == [created.code]
    templates.delete(created.code)
    with pytest.raises(sinch_core.ApiError) as info:
        templates.get(created.code)
    assert api_error(info) == (404, "template_not_found")


def test_templates_page_alphabetically_with_filters(emulator, client):
    client.kakaotalk_senders().create("@myshop", details("Shop"))
    templates = client.kakaotalk_templates("@myshop")
    for name in ["t4", "t3", "t2", "t1", "t0"]:
        templates.create(template(name, KakaoTalkSubmitMode.DRAFT if name == "t3" else None))
    items = assert_lazy(emulator, templates.iter(page_size=2), page_size=2, total=5)
    assert [t.changes.details.name for t in items] == ["t0", "t1", "t2", "t3", "t4"]
    assert len(list(templates.iter_pages(page_size=2))) == 3
    drafts = KakaoTalkTemplateFilter(statuses=["DRAFT"])
    assert [t.changes.details.name for t in templates.iter(filter=drafts)] == ["t3"]
    prefix = KakaoTalkTemplateFilter(name_prefix="t1")
    assert [t.changes.details.name for t in templates.list(filter=prefix).templates] == ["t1"]


def test_templates_documented_errors(emulator, client):
    with pytest.raises(sinch_core.ApiError) as info:
        client.kakaotalk_templates("@missing").list()
    assert api_error(info) == (404, "sender_not_found")
    client.kakaotalk_senders().create("@ok", details("Ok"))
    templates = client.kakaotalk_templates("@ok")
    submitted = templates.create(template("Taken"))
    with pytest.raises(sinch_core.ApiError) as info:
        templates.create(template("Taken"))
    assert api_error(info) == (409, "template_exists")
    with pytest.raises(sinch_core.ApiError) as info:
        templates.update(submitted.code, KakaoTalkTemplateUpdate())
    assert api_error(info) == (409, "template_changes_not_updatable")
    bad = template("Other")
    bad.details.language = "XX"
    with pytest.raises(sinch_core.ApiError) as info:
        templates.create(bad)
    assert api_error(info) == (400, "template_invalid_language_code")
    for call in (lambda: templates.get("NOPE"), lambda: templates.delete("NOPE")):
        with pytest.raises(sinch_core.ApiError) as info:
            call()
        assert api_error(info) == (404, "template_not_found")
    no_content = template("Other")
    no_content.details.content = None
    with pytest.raises(sinch_core.InvalidConfig):
        templates.create(no_content)
    with pytest.raises(sinch_core.InvalidConfig, match="page size"):
        templates.list(page_size=1001)


def test_categories_sender_tree_and_template_pages(emulator, client):
    categories = client.kakaotalk_categories()
    tree = categories.sender_categories()
    health = tree[0]
    assert (health.code, health.depth, health.parent_code) == ("001", 1, "")
    assert health.subcategories[0].subcategories[0].depth == 3

    with pytest.raises(sinch_core.ApiError) as info:
        categories.template_categories("@nobody")
    assert api_error(info) == (404, "sender_not_found")
    client.kakaotalk_senders().create("@shop", details("Shop"))
    first = categories.template_categories("@shop", page_size=2)
    assert (first.total_size, len(first.categories)) == (3, 2)
    assert first.categories[0].name_english == "Membership"
    assert first.categories[0].subcategories[0].code == "001001"
    second = categories.template_categories("@shop", page_size=2, page_token=first.next_page_token)
    assert len(second.categories) == 1 and second.next_page_token is None
    with pytest.raises(sinch_core.InvalidConfig):
        categories.template_categories("@shop", page_size=101)


def test_templates_activities_comments_and_draft_delete(emulator, client):
    client.kakaotalk_senders().create("@myshop", details("Shop"))
    templates = client.kakaotalk_templates("@myshop")
    draft = templates.create(template("Draft", KakaoTalkSubmitMode.DRAFT))
    live = templates.create(template("Live"))
    for i in range(2):
        assert templates.comment(live.code, f"note {i}").comment == f"note {i}"
    first = templates.activities(live.code, page_size=2)
    assert (first.total_size, first.notifications[0].comment) == (3, "note 1")
    second = templates.activities(live.code, page_size=2, page_token=first.next_page_token)
    assert [n.kind for n in second.notifications] == ["CREATED"]
    with pytest.raises(sinch_core.ApiError) as info:
        templates.delete_draft(live.code)
    assert api_error(info) == (409, "template_not_deletable")
    templates.delete_draft(draft.code)
    with pytest.raises(sinch_core.ApiError) as info:
        templates.get(draft.code)
    assert api_error(info) == (404, "template_not_found")
