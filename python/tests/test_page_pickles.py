"""List pages reach Python as one pickle written by Rust (see core/src/pickle.rs, whose encoders
are derived from the core types).

These tests hold that fast path to UniFFI's own lifting: for every paged resource, filled with
every record, enum variant and optional field the emulator can produce, `list()` and
`next_page()` return objects equal to, of the same classes as, and with exactly the attributes
of what the generated methods return. And the loader names nothing but generated classes.
"""

from __future__ import annotations

import inspect
import json
import pickle
import urllib.request

import pytest
from conftest import PROJECT_ID, api_requests

import sinch_core
from sinch_core import (
    WhatsappCardComponent,
    WhatsappCarouselCard,
    WhatsappOtpSupportedApp,
    WhatsappSenderCreate,
    WhatsappSenderDetails,
    WhatsappSenderUpdate,
    WhatsappTemplateButton,
    WhatsappTemplateComponent,
    WhatsappTemplateCreate,
    WhatsappTemplateFilter,
)

B = WhatsappTemplateButton
EVERY_BUTTON = [
    B.PHONE_NUMBER(text="Call", phone_number="+46700000000"),
    B.URL(text="Open", url="https://acme.test/{{1}}", examples=["https://acme.test/x"]),
    B.QUICK_REPLY(text="OK"),
    B.OTP(
        otp_type="ONE_TAP",
        text="Copy",
        autofill_text="Fill",
        package_name="com.acme",
        signature_hash="abc123",
        supported_apps=[WhatsappOtpSupportedApp(package_name="com.acme", signature_hash="h")],
        zero_tap_terms_accepted=True,
    ),
    B.REQUEST_CONTACT_INFO(text="Share"),
    B.ORDER_DETAILS(text="Pay"),
    B.COPY_CODE(text=None, example="CODE42"),
    B.FLOW(text="Start", flow_id="123", flow_action="NAVIGATE", navigate_screen="WELCOME"),
    B.OTHER(json='{"type":"SPACESHIP","text":"?"}'),
]
EVERY_COMPONENT = [
    WhatsappTemplateComponent.HEADER(format="TEXT", text="Hi {{1}}", examples=["Ann"]),
    WhatsappTemplateComponent.BODY(
        text="Your code: {{1}} ✓ «ünïcode»", examples=["123"], add_security_recommendation=True
    ),
    WhatsappTemplateComponent.FOOTER(text="Bye", code_expiration_minutes=10),
    WhatsappTemplateComponent.BUTTONS(buttons=EVERY_BUTTON),
    WhatsappTemplateComponent.CAROUSEL(
        cards=[
            WhatsappCarouselCard(
                components=[
                    WhatsappCardComponent.HEADER(format="IMAGE", text=None, examples=["u"]),
                    WhatsappCardComponent.BODY(text="card " + "x" * 300, examples=[]),
                    WhatsappCardComponent.BUTTONS(buttons=[B.QUICK_REPLY(text="Yes")]),
                    WhatsappCardComponent.OTHER(json='{"type":"BADGE","n":1}'),
                ]
            )
        ]
    ),
    WhatsappTemplateComponent.OTHER(json='{"type":"LIMITED_TIME_OFFER","hasExpiration":true}'),
]


def fill_every_family(emulator, client) -> None:
    client.webhooks().create("https://acme.test/hook", "whsec-1", ["ALL"])
    client.webhooks().create("https://acme.test/hook2", "whsec-2", ["UNHEARD_OF_TRIGGER"])
    apps = client.sms_apps()
    apps.create(name="Alerts", region="EU", conv_api_app=True)
    apps.create(name="Plain", region="US")
    client.bundles().create(
        name="Full",
        region="US",
        subproject_name="Sub",
        sms_app_name="SMS",
        conv_app=True,
        webhook_target="https://acme.test/b",
        webhook_secret="whsec-b",
        webhook_triggers=["BUNDLE_DONE"],
    )
    client.kakaotalk_senders().create(
        "@shop",
        sinch_core.KakaoTalkSenderDetails(
            admin_phone_no="01012345678",
            name="Shop",
            top_level_category_code="001",
            mid_level_category_code="0001",
            sub_level_category_code="0001",
        ),
    )
    client.rcs_senders().create(
        region="EU",
        billing_category="CONVERSATIONAL",
        use_case="TRANSACTIONAL",
        brand=sinch_core.RcsBrand(
            name="Acme",
            color="#112233",
            phones=[sinch_core.RcsPhone(label="Help", number="+46701234567")],
        ),
        test_numbers=["+46701234567"],
        countries=["SE"],
    )
    senders = client.whatsapp_senders()
    s = senders.create(
        WhatsappSenderCreate.EMBEDDED_SIGNUP(
            region="EU", meta_local_storage="DE", waba_id="1234567890", phone_number_id="998877"
        )
    )
    senders.update(
        s.id, WhatsappSenderUpdate(details=WhatsappSenderDetails(display_name="Acme", about="a"))
    )
    senders.create(WhatsappSenderCreate.PARTNER_INITIATED(json='{"region":"US","partner":"x"}'))
    emulator.add_whatsapp_flow(PROJECT_ID, {"name": "signup"})
    emulator.add_whatsapp_flow(PROJECT_ID, {"name": "odd", "status": "ARCHIVED_ON_MARS"})
    templates = client.whatsapp_templates()
    for name in ("every_part", "every_part_2"):
        templates.create(
            WhatsappTemplateCreate(
                name=name,
                language="EN_US",
                category="MARKETING",
                components=EVERY_COMPONENT,
                message_send_ttl_seconds=3600,
            )
        )
    emulator.seed_whatsapp_templates(PROJECT_ID, 30, prefix="bench_")
    emulator.set_whatsapp_state(
        PROJECT_ID, "template", "ON_THE_MOON", id="bench_00003", language="EN_US"
    )


def drop_clock(page: object) -> object:
    """Analytics end "now" on the emulator: two requests a moment apart differ there."""
    for t in getattr(page, "templates", []):
        for a in t.analytics:
            assert a.end
            a.end = None
    return page


def attribute_tree(value: object) -> object:
    """Class names and attribute names all the way down, with the leaf values."""
    if isinstance(value, list):
        return [attribute_tree(v) for v in value]
    if hasattr(value, "__dict__"):
        return (type(value).__qualname__, {k: attribute_tree(v) for k, v in vars(value).items()})
    return (type(value).__name__, value)


PAGED = [
    ("webhooks", "webhooks", {}),
    ("sms_apps", "sms_apps", {}),
    ("bundles", "bundles", {}),
    ("kakaotalk_senders", "senders", {}),
    ("rcs_senders", "senders", {}),
    ("whatsapp_senders", "senders", {}),
    ("whatsapp_flows", "flows", {}),
    ("whatsapp_templates", "templates", {}),
    (
        "whatsapp_templates",
        "templates",
        {"filter": WhatsappTemplateFilter(analytics_date_range="WEEK")},
    ),
]


@pytest.mark.parametrize(("family", "items", "kwargs"), PAGED)
def test_list_pages_equal_uniffi_lifting(emulator, client, family, items, kwargs):
    fill_every_family(emulator, client)
    sub = getattr(client, family)()
    fast = drop_clock(sub.list(**kwargs))
    reference = drop_clock(type(sub).list.__wrapped__(sub, **kwargs))
    assert len(getattr(fast, items)) >= 1
    assert fast == reference
    assert attribute_tree(fast) == attribute_tree(reference)


@pytest.mark.parametrize(("family", "items", "kwargs"), PAGED)
def test_pager_pages_equal_uniffi_lifting(emulator, client, family, items, kwargs):
    fill_every_family(emulator, client)
    sub = getattr(client, family)()
    fast, reference = sub.pages(page_size=1, **kwargs), sub.pages(page_size=1, **kwargs)
    compared = 0
    while True:
        expected = type(reference).next_page.__wrapped__(reference)
        page = fast.next_page()
        if expected is None:
            break
        assert drop_clock(page) == drop_clock(expected)
        assert attribute_tree(page) == attribute_tree(expected)
        assert len(getattr(page, items)) == 1
        compared += 1
    assert page is None and fast.next_page() is None
    assert compared >= 1


def test_a_page_of_templates_carries_every_part(emulator, client):
    fill_every_family(emulator, client)
    page = client.whatsapp_templates().list(page_size=1000)
    by_name = {t.name: t for t in page.templates}
    full = by_name["every_part"]
    got = full.details.components
    assert got[:3] == EVERY_COMPONENT[:3]
    assert got[3].buttons[:8] == EVERY_BUTTON[:8]
    assert json.loads(got[3].buttons[8].json) == {"type": "SPACESHIP", "text": "?"}
    card = got[4].cards[0].components
    assert card[:3] == EVERY_COMPONENT[4].cards[0].components[:3]
    assert json.loads(card[3].json) == {"type": "BADGE", "n": 1}
    assert json.loads(got[5].json) == {"type": "LIMITED_TIME_OFFER", "hasExpiration": True}
    assert full.details.message_send_ttl_seconds == 3600
    assert full.changes.status == "DRAFT"
    assert isinstance(full.details.components[3], WhatsappTemplateComponent)
    assert full.details.components[3].buttons[8].is_other()
    assert by_name["bench_00003"].state == "ON_THE_MOON"  # an unknown value, kept
    assert page.total_size == 32 and page.next_page_token is None


def test_secrets_in_listed_records_stay_out_of_repr(emulator, client):
    fill_every_family(emulator, client)
    listed = [s for s in client.whatsapp_senders().list().senders if s.bearer_token]
    assert listed
    for s in listed:
        assert s.bearer_token not in repr(s) and s.bearer_token not in str(s)
        assert "[redacted]" in repr(s)


class Evil:
    def __reduce__(self):
        return (print, ("pwned",))


def global_stream(module: str, name: str) -> bytes:
    """A stream that only names `module.name` (protocol 4 STACK_GLOBAL)."""
    parts = b"".join(b"\x8c" + bytes([len(p)]) + p.encode() for p in (module, name))
    return b"\x80\x04" + parts + b"\x93."


@pytest.mark.parametrize(
    "stream",
    [
        pickle.dumps(Evil(), protocol=4),  # builtins.print
        pickle.dumps(pickle.Unpickler, protocol=4),  # another module
        # The generated module, but not a record or an enum variant class.
        global_stream("sinch_core", "_UniffiLib"),
        global_stream("sinch_core", "Webhook.mro"),
        global_stream("sinch_core", "WhatsappTemplateComponent.BODY.__class__"),
        global_stream("sinch_core_ffi", "TokenStore"),
        # Attribute names are answered only for identifiers.
        global_stream("sinch_core:attribute", "not a name"),
    ],
)
def test_page_pickles_name_only_generated_classes(stream):
    with pytest.raises(pickle.UnpicklingError, match="unexpected class"):
        sinch_core._load(stream)


def test_list_and_next_page_wrap_the_generated_methods():
    for name, (pager, _, _) in sinch_core.PAGED.items():
        cls = getattr(sinch_core, name)
        generated = cls.list.__wrapped__
        assert generated.__qualname__ == f"{name}.list"
        assert inspect.signature(cls.list) == inspect.signature(generated)
        assert cls.list.__doc__ == generated.__doc__
        assert pager.next_page.__wrapped__.__qualname__ == f"{pager.__name__}.next_page"


# --- list(): one pickle per page, whatever its size ---------------------------------------------


def test_a_page_of_1000_equals_uniffi_lifting(emulator, client):
    emulator.seed_whatsapp_templates(PROJECT_ID, 1000, prefix="bench_")
    emulator.set_whatsapp_state(
        PROJECT_ID, "template", "ON_THE_MOON", id="bench_00900", language="EN_US"
    )
    templates = client.whatsapp_templates()
    data = templates.list_pickled(page_size=1000)
    assert isinstance(data, bytes) and data[:3] == b"\x80\x04\x95"  # protocol 4, one frame
    fast = templates.list(page_size=1000)
    reference = type(templates).list.__wrapped__(templates, page_size=1000)
    assert fast == reference
    assert attribute_tree(fast) == attribute_tree(reference)
    assert fast.templates[900].state == "ON_THE_MOON"
    # Values written once per page are shared: one str for every APPROVED.
    approved = [t.state for t in fast.templates if t.state == "APPROVED"]
    assert len(approved) == 999 and len({id(s) for s in approved}) == 1


def test_pages_follow_their_tokens(emulator, client):
    emulator.seed_whatsapp_templates(PROJECT_ID, 2500, prefix="bench_")
    templates = client.whatsapp_templates()
    pages = list(templates.iter_pages(page_size=1000))
    assert [len(p.templates) for p in pages] == [1000, 1000, 500]
    names = [t.name for p in pages for t in p.templates]
    assert names == [f"bench_{i:05}" for i in range(2500)]
    reference = templates.pages(page_size=1000)
    for page in pages:
        assert page == type(reference).next_page.__wrapped__(reference)
    assert type(reference).next_page.__wrapped__(reference) is None
    assert api_requests(emulator) == 6  # 3 + 3 pages, and no request after the last


def test_a_bad_item_is_the_typed_protocol_error(emulator, client, auth):
    emulator.seed_whatsapp_templates(PROJECT_ID, 600, prefix="bench_")
    good = json.loads(
        urllib.request.urlopen(
            urllib.request.Request(
                f"{emulator.base_url}/v1/projects/{PROJECT_ID}/whatsapp/templates?pageSize=1000",
                headers={"authorization": f"Bearer {auth.access_token()}"},
            ),
            timeout=10,
        ).read()
    )
    good["templates"][500]["state"] = {"not": "a state"}
    emulator.fault("api", 1, {"kind": "status", "status": 200, "body": json.dumps(good)})
    with pytest.raises(sinch_core.ProtocolError) as excinfo:
        client.whatsapp_templates().list(page_size=1000)
    assert "listing WhatsApp templates" in str(excinfo.value)
    assert "could not be read" in str(excinfo.value)
    # The next call is a fresh, complete page.
    assert len(client.whatsapp_templates().list(page_size=1000).templates) == 600
    # A pager whose page fails ends there: the error once, then no more pages.
    emulator.fault("api", 1, {"kind": "status", "status": 200, "body": json.dumps(good)})
    pager = client.whatsapp_templates().pages(page_size=1000)
    with pytest.raises(sinch_core.ProtocolError):
        pager.next_page()
    assert pager.next_page() is None
