"""WhatsApp Provisioning: account, senders, templates, flows and solutions (round trips, lazy
paging, unknown values kept as str, documented errors typed)."""

from __future__ import annotations

import json

import pytest
from conftest import PROJECT_ID, api_error, api_requests, assert_lazy

import sinch_core
from sinch_core import (
    WhatsappSenderCreate,
    WhatsappSenderDetailField,
    WhatsappSenderDetails,
    WhatsappSenderFilter,
    WhatsappSenderUpdate,
    WhatsappSubmitMode,
    WhatsappTemplateButton,
    WhatsappTemplateComponent,
    WhatsappTemplateCreate,
    WhatsappTemplateFilter,
    WhatsappTemplateUpdate,
)


def es_sender() -> WhatsappSenderCreate:
    return WhatsappSenderCreate.EMBEDDED_SIGNUP(
        region="EU", meta_local_storage="DE", waba_id="1234567890", phone_number_id="998877"
    )


def test_whatsapp_account_rules(emulator, client):
    account = client.whatsapp_account()
    with pytest.raises(sinch_core.ApiError) as info:
        account.get()
    assert info.value.error_code == "project_not_initialized"
    a = account.create('{"businessName":"Acme"}')
    assert a.state == "IN_PROGRESS" and "Acme" in a.raw_json
    with pytest.raises(sinch_core.ApiError) as info:
        account.create("{}")
    assert info.value.status == 409
    with pytest.raises(sinch_core.ApiError) as info:
        account.update('{"businessName":"B"}')
    assert info.value.error_code == "account_not_rejected"
    emulator.set_whatsapp_state(PROJECT_ID, "account", "REJECTED")
    assert account.get().state == "REJECTED"
    assert account.update('{"businessName":"B"}').state == "IN_PROGRESS"
    emulator.set_whatsapp_state(PROJECT_ID, "account", "HIBERNATING")  # unknown to the client: kept
    assert account.get().state == "HIBERNATING"
    assert account.activities().notifications
    account.enable_template_analytics()
    senders = client.whatsapp_senders()
    s = senders.create(es_sender())
    with pytest.raises(sinch_core.ApiError) as info:
        account.delete()
    assert info.value.error_code == "account_has_senders"
    senders.delete(s.id)
    account.delete()


def test_whatsapp_sender_lifecycle(emulator, client):
    senders = client.whatsapp_senders()
    s = senders.create(es_sender())
    assert s.business_manager == "SINCH_UK"
    assert s.bearer_token
    assert s.bearer_token not in repr(s) and s.bearer_token not in str(s)
    raw = senders.create(
        WhatsappSenderCreate.PARTNER_INITIATED(json='{"region":"US","partner":"x"}')
    )
    assert raw.region == "US"

    with pytest.raises(sinch_core.InvalidConfig):
        senders.verify(s.id, "12")  # bad length: refused by the core
    with pytest.raises(sinch_core.ApiError) as info:
        senders.verify(s.id, "123456")
    assert api_error(info) == (409, "not_allowed_verify")
    assert senders.register(s.id, "SMS").verification_code_sent
    with pytest.raises(sinch_core.ApiError) as info:
        senders.verify(s.id, "654321")
    assert api_error(info) == (409, "wrong_otp")
    senders.verify(s.id, "123456")
    assert senders.get(s.id).state == "ACTIVE"

    submit = WhatsappSenderUpdate(
        status=WhatsappSubmitMode.SUBMIT,
        details=WhatsappSenderDetails(email="a@acme.test", about="hi"),
    )
    assert senders.update(s.id, submit).details.email == "a@acme.test"
    clear = WhatsappSenderUpdate(
        status=WhatsappSubmitMode.SUBMIT, clear=[WhatsappSenderDetailField.EMAIL]
    )
    d = senders.update(s.id, clear).details
    assert (d.email, d.about) == (None, "hi")
    draft = WhatsappSenderUpdate(details=WhatsappSenderDetails(display_name="Acme"))
    assert senders.update(s.id, draft).changes.status == "DRAFT"
    drafts = WhatsappSenderFilter(statuses=["DRAFT"])
    assert [x.id for x in senders.iter(filter=drafts)] == [s.id]
    senders.discard_changes(s.id)
    assert senders.get(s.id).changes is None
    senders.comment(s.id, "please review")

    emulator.set_whatsapp_state(
        PROJECT_ID, "sender", "SUSPENDED_BY_MOON", id=raw.id
    )  # unknown: kept
    assert senders.get(raw.id).state == "SUSPENDED_BY_MOON"
    items = assert_lazy(emulator, senders.iter(page_size=1), page_size=1, total=2)
    assert {x.id for x in items} == {s.id, raw.id}
    assert [x.id for x in senders.iter(filter=WhatsappSenderFilter(states=["ACTIVE"]))] == [s.id]
    with pytest.raises(sinch_core.InvalidConfig):
        senders.iter(page_size=101)
    senders.delete(raw.id)
    with pytest.raises(sinch_core.ApiError) as info:
        senders.get(raw.id)
    assert info.value.status == 404


def test_whatsapp_templates_crud_and_lazy_paging(emulator, client):
    templates = client.whatsapp_templates()
    create = WhatsappTemplateCreate(
        name="order_update",
        language="EN_US",
        category="UTILITY",
        components=[
            WhatsappTemplateComponent.BODY(
                text="Hi {{1}}", examples=["Ann"], add_security_recommendation=None
            ),
            WhatsappTemplateComponent.BUTTONS(
                buttons=[WhatsappTemplateButton.QUICK_REPLY(text="OK")]
            ),
            WhatsappTemplateComponent.OTHER(
                json='{"type":"LIMITED_TIME_OFFER","hasExpiration":true}'
            ),
        ],
    )
    t = templates.create(create)
    assert t.changes.status == "DRAFT"
    got = templates.get("order_update", "EN_US")
    components = got.details.components
    assert components[:2] == create.components[:2]
    assert components[2].is_other()
    assert json.loads(components[2].json) == {"type": "LIMITED_TIME_OFFER", "hasExpiration": True}
    assert len(templates.get_by_name("order_update")) == 1
    submitted = templates.update(
        "order_update", "EN_US", WhatsappTemplateUpdate(status=WhatsappSubmitMode.SUBMIT)
    )
    assert submitted.state == "PENDING"
    emulator.set_whatsapp_state(
        PROJECT_ID, "template", "PAUSED_FOR_REVIEW", id="order_update", language="EN_US"
    )
    assert templates.get("order_update", "EN_US").state == "PAUSED_FOR_REVIEW"  # unknown: kept
    with pytest.raises(sinch_core.ApiError) as info:
        templates.delete_language("order_update", "EN_US")
    assert info.value.error_code == "template_submitted"
    templates.delete_language("order_update", "EN_US", delete_submitted=True)
    with pytest.raises(sinch_core.ApiError) as info:
        templates.delete("order_update")
    assert info.value.status == 404
    templates.sync()
    before = api_requests(emulator)
    templates.sync()  # within 1 s: 429 with Retry-After 1, retried once by the core
    assert api_requests(emulator) - before == 2

    emulator.seed_whatsapp_templates(PROJECT_ID, 250, prefix="bench_")
    items = assert_lazy(emulator, templates.iter(page_size=100), page_size=100, total=250)
    assert [x.name for x in items] == sorted(x.name for x in items)
    pages = list(templates.iter_pages(page_size=1000))
    assert len(pages) == 1 and pages[0].total_size == 250
    masked = templates.list(
        filter=WhatsappTemplateFilter(
            field_mask=["state"], states=["APPROVED"], name_prefix="bench_0001"
        )
    )
    assert masked.total_size == 10 and masked.templates[0].details is None


def test_whatsapp_flows_and_solutions(emulator, client):
    flow_id = emulator.add_whatsapp_flow(
        PROJECT_ID, {"name": "signup"}, [{"id": "WELCOME", "title": "Hi"}]
    )
    emulator.add_whatsapp_flow(PROJECT_ID, {"name": "later", "status": "ARCHIVED_ON_MARS"})
    emulator.add_whatsapp_flow(PROJECT_ID, {"name": "third"})
    flows = client.whatsapp_flows()
    got = assert_lazy(emulator, flows.iter(page_size=2), page_size=2, total=3)
    assert {f.name: f.status for f in got}["later"] == "ARCHIVED_ON_MARS"  # unknown: kept
    assert {f.name: f.status for f in got}["signup"] == "FLOW_STATUS_PUBLISHED"
    assert flows.screens(flow_id)[0].id == "WELCOME"

    solutions = client.whatsapp_solutions()
    made = solutions.create("mps", "meta-token-secret", "SINCH_UK")
    assert "meta-token-secret" not in repr(made)
    assert made.failed_solutions == []
    s = made.solutions[0]
    assert s.partner_app.id.isdigit()  # a number on the wire
    solutions.assign(s.id)
    assert solutions.get(s.id).assigned is True
    assert len(solutions.list()) == 1
    with pytest.raises(sinch_core.ApiError) as info:
        solutions.get("missing")
    assert info.value.status == 404


def test_whatsapp_activity_logs_and_comments(emulator, client):
    account = client.whatsapp_account()
    account.create('{"businessName":"Acme"}')
    made = account.comment("Please review our display name")
    assert (made.kind, made.comment) == ("CREATED", "Please review our display name")
    assert made.created
    with pytest.raises(sinch_core.ApiError) as info:
        account.comment("")
    assert (info.value.status, info.value.error_code) == (400, "invalid_input")
    log = account.activities()
    assert log.total_size == 2
    assert log.notifications[0].kind == "COMMENT_ADDED"  # most recent first

    senders = client.whatsapp_senders()
    s = senders.create(es_sender())
    for i in range(3):
        senders.comment(s.id, f"urgent {i}")
    first = senders.activities(s.id, page_size=2)
    assert (first.total_size, len(first.notifications)) == (4, 2)
    assert first.notifications[0].comment == "urgent 2"
    second = senders.activities(s.id, page_size=2, page_token=first.next_page_token)
    assert second.next_page_token is None
    assert second.notifications[1].kind == "SENDER_CREATED"  # unknown to the client: kept
    with pytest.raises(sinch_core.InvalidConfig):
        senders.activities(s.id, page_size=101)
    with pytest.raises(sinch_core.ApiError) as info:
        senders.activities("no-such-sender")
    assert info.value.error_code == "sender_not_found"


def test_whatsapp_solution_failures_are_answered(client):
    solutions = client.whatsapp_solutions()
    made = solutions.create("mps", "fail-activation", "SINCH_UK")
    assert made.solutions == []
    assert made.failed_solutions[0].error_code == "ACTIVATION_FAILED"
    with pytest.raises(sinch_core.ApiError) as info:
        solutions.assign("missing")
    assert info.value.error_code == "solution_not_found"


def test_suggested_usernames_follow_the_display_name(emulator, client):
    senders = client.whatsapp_senders()
    s = senders.create(es_sender())
    named = WhatsappSenderUpdate(
        status=WhatsappSubmitMode.SUBMIT, details=WhatsappSenderDetails(display_name="Acme Shop")
    )
    senders.update(s.id, named)
    tail = s.phone_number[-4:]
    assert senders.suggested_usernames(s.id) == ["acmeshop", "acmeshop_official", f"acmeshop{tail}"]
    with pytest.raises(sinch_core.ApiError) as info:
        senders.suggested_usernames("no-such-sender")
    assert api_error(info) == (404, "sender_not_found")


def submitted_template(templates, name: str, language: str = "EN_US"):
    body = WhatsappTemplateComponent.BODY(
        text="Hi {{1}}", examples=["Ann"], add_security_recommendation=None
    )
    return templates.create(
        WhatsappTemplateCreate(
            name=name,
            language=language,
            category="UTILITY",
            components=[body],
            status=WhatsappSubmitMode.SUBMIT,
        )
    )


def test_whatsapp_template_views_comments_and_comparison(emulator, client):
    templates = client.whatsapp_templates()
    for name, language in [
        ("order_update", "EN_US"),
        ("order_update", "SV"),
        ("order_shipped", "EN_US"),
    ]:
        submitted_template(templates, name, language)
    view = sinch_core.WhatsappTemplateView(
        field_mask=["language", "analytics"], analytics_date_range="WEEK"
    )
    langs = templates.get_by_name("order_update", view)
    assert [(t.language, t.details, t.analytics[0].start) for t in langs] == [
        ("EN_US", None, "WEEK"),
        ("SV", None, "WEEK"),
    ]
    assert templates.get("order_update", "SV").details is not None

    made = templates.comment("order_update", "EN_US", "Why was this paused?")
    assert (made.kind, made.comment) == ("CREATED", "Why was this paused?")
    assert templates.activities("order_update", "EN_US").notifications[0].kind == "COMMENT_ADDED"

    with pytest.raises(sinch_core.ApiError) as info:
        templates.compare("order_update", "EN_US", "order_shipped", "EN_US")
    assert api_error(info) == (409, "templates_not_eligible_for_comparison")
    for name in ("order_update", "order_shipped"):
        emulator.set_whatsapp_state(PROJECT_ID, "template", "APPROVED", id=name, language="EN_US")
    ranked = templates.compare("order_update", "EN_US", "order_shipped", "EN_US", timeframe="90")
    assert [(t.name, t.block_order, t.message_sends, t.top_block_reason) for t in ranked] == [
        ("order_shipped", 1, 90_000, "NO_REASON"),
        ("order_update", 2, 90_000, "NO_REASON"),
    ]
    with pytest.raises(sinch_core.ApiError) as info:
        templates.compare("order_update", "EN_US", "order_update", "EN_US")
    assert api_error(info) == (409, "templates_compare_not_unique")
    with pytest.raises(sinch_core.ApiError) as info:
        templates.compare("order_update", "EN_US", "order_gone", "EN_US")
    assert api_error(info) == (404, "templates_compare_not_found")
