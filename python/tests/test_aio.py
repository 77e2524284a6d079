"""The asyncio API (`sinch_core.aio`) against the emulator: the async scenarios of
tests/scenarios/README.md (the names of core/tests/async_api.rs), every operation's awaitable
form, and round trips through it. Every wait is bounded (`WAIT`)."""

from __future__ import annotations

import asyncio
import inspect
import threading
import typing

import pytest
from conftest import PROJECT_ID, api_error, api_requests
from sinch_core._native import sinch_core_ffi as ffi
from test_page_pickles import drop_clock, fill_every_family

import sinch_core
from sinch_core import SinchAuth, TextMessage, WebhookTrigger, aio

WAIT = 30  # seconds; the bound of every wait below


@pytest.fixture
def aclient(emulator, auth):
    return aio.ProvisioningClient(project_id=PROJECT_ID, auth=auth, base_url=emulator.base_url)


@pytest.fixture
async def loop_errors():
    """What the event loop reports to its exception handler (a callback that failed, such as
    a result set on a cancelled future): each test using this asserts there was nothing."""
    errors: list[dict] = []
    asyncio.get_running_loop().set_exception_handler(lambda _loop, ctx: errors.append(ctx))
    return errors


def bounded(aw: typing.Awaitable) -> typing.Awaitable:
    return asyncio.wait_for(aw, WAIT)


# --- The async scenarios -------------------------------------------------------------------------


async def test_async_and_sync_cold_start_one_token_request(emulator, auth):
    # The token endpoint is slow, so every caller arrives while the one fetch is in flight.
    emulator.fault("token", 1, {"kind": "delay", "ms": 300})
    go, threaded = threading.Event(), []

    def blocking() -> None:
        go.wait(WAIT)
        threaded.append(auth.access_token())

    threads = [threading.Thread(target=blocking) for _ in range(16)]
    for t in threads:
        t.start()
    tasks = [asyncio.create_task(auth.access_token_async()) for _ in range(64)]
    go.set()
    tokens = await bounded(asyncio.gather(*tasks))
    for t in threads:
        t.join(WAIT)
    assert len(threaded) == 16 and len(tokens) == 64
    assert emulator.counters()["token_requests"] == 1
    assert set(tokens) | set(threaded) == {tokens[0]}
    assert auth.stats().fetches == 1


async def test_async_expired_token_retried_once(emulator, aclient):
    await aclient.webhooks().list()
    emulator.expire_tokens()
    page = await aclient.webhooks().list()
    assert page.webhooks == []
    counters = emulator.counters()
    assert (counters["token_requests"], counters["expired_401_sent"]) == (2, 1), counters


async def test_async_bad_credentials_negative_cache(emulator):
    secret = "wrong-secret-async"
    auth = SinchAuth.oauth(key_id=emulator.key_id, key_secret=secret, token_url=emulator.token_url)
    for _ in range(5):
        with pytest.raises(sinch_core.InvalidCredentials) as info:
            await bounded(auth.access_token_async())
        assert emulator.key_id in str(info.value)
        assert secret not in str(info.value) and secret not in repr(info.value)
    assert emulator.counters()["token_requests"] == 1
    stats = auth.stats()
    assert (stats.fetch_failures, stats.negative_hits) == (1, 4)


async def test_async_pagination(emulator, aclient):
    webhooks = aclient.webhooks()
    for i in range(15):
        await webhooks.create(f"https://example.com/p{i:02}", "whsec-async", ["ALL"])
    sizes = [len(page.webhooks) async for page in webhooks.pages(page_size=4)]
    assert sizes == [4, 4, 4, 3]
    assert [len(page.webhooks) async for page in webhooks.iter_pages(page_size=4)] == sizes
    targets = [w.target async for w in webhooks.iter(page_size=4)]
    assert targets == [f"https://example.com/p{i:02}" for i in range(15)]
    assert [w.target async for w in webhooks] == targets  # `async for` on the sub-client

    # Each page is requested when the iteration reaches it, not before.
    before, seen = api_requests(emulator), 0
    async for _ in webhooks.iter(page_size=4):
        assert api_requests(emulator) - before == seen // 4 + 1, f"item {seen}"
        seen += 1
    assert seen == 15

    # A bad page size is refused when the iterator is made, before any request.
    before = api_requests(emulator)
    for bad in (0, -1, 16):
        for make in (webhooks.pages, webhooks.iter, webhooks.iter_pages):
            with pytest.raises(sinch_core.InvalidConfig):
                make(page_size=bad)
    assert api_requests(emulator) == before


async def test_async_cancelled_waiters_leave_the_cache_consistent(emulator, auth, loop_errors):
    emulator.fault("token", 1, {"kind": "delay", "ms": 800})
    # Half the callers give up while the one token request is in flight; one more is cancelled.
    impatient = [
        asyncio.create_task(asyncio.wait_for(auth.access_token_async(), 0.1)) for _ in range(8)
    ]
    patient = [asyncio.create_task(auth.access_token_async()) for _ in range(8)]
    doomed = asyncio.create_task(auth.access_token_async())
    await asyncio.sleep(0.05)  # it is awaiting Rust now
    doomed.cancel()

    gave_up = await bounded(asyncio.gather(*impatient, return_exceptions=True))
    assert all(isinstance(r, asyncio.TimeoutError) for r in gave_up), gave_up
    with pytest.raises(asyncio.CancelledError):
        await doomed
    kept = await bounded(asyncio.gather(*patient))
    assert set(kept) == {kept[0]}
    assert await bounded(auth.access_token_async()) == kept[0]
    assert auth.access_token() == kept[0]
    assert emulator.counters()["token_requests"] == 1
    assert loop_errors == []


async def test_a_cancelled_call_still_caches_the_token_it_fetched(emulator, auth, loop_errors):
    # Every caller gives up: the exchange still ends on the pool and its token is cached, so
    # the next call makes no second token request.
    emulator.fault("token", 1, {"kind": "delay", "ms": 500})
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(auth.access_token_async(), 0.1)
    assert await bounded(auth.access_token_async())
    assert emulator.counters()["token_requests"] == 1
    assert loop_errors == []


async def test_a_cancelled_list_leaves_the_client_usable(emulator, aclient, loop_errors):
    webhooks = aclient.webhooks()
    await webhooks.create("https://example.com/c", "whsec-c", ["ALL"])
    emulator.fault("api", 1, {"kind": "delay", "ms": 500})
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(webhooks.list(), 0.1)
    assert [w.target for w in (await bounded(webhooks.list())).webhooks] == [
        "https://example.com/c"
    ]
    assert loop_errors == []


async def test_an_awaited_call_leaves_the_event_loop_free(emulator, auth):
    emulator.fault("token", 1, {"kind": "delay", "ms": 1000})
    call = asyncio.create_task(auth.access_token_async())
    await asyncio.sleep(0.1)  # the loop runs this task while Rust waits for the token
    assert not call.done()
    assert await bounded(call)


async def test_concurrent_calls_share_one_token(emulator, aclient):
    webhooks = aclient.webhooks()
    await webhooks.create("https://example.com/x", "whsec-x", ["ALL"])
    pages = await bounded(asyncio.gather(*(webhooks.list() for _ in range(64))))
    assert {p.webhooks[0].target for p in pages} == {"https://example.com/x"}
    counters = emulator.counters()
    assert counters["token_requests"] == 1 and counters["api_requests"] == 65, counters


# --- Every operation has an awaitable form -------------------------------------------------------


def public(cls: type) -> dict[str, typing.Any]:
    return {n: v for n, v in vars(cls).items() if not n.startswith("_")}


def returned_class(fn: typing.Any) -> type | None:
    """The generated object class a method returns, if any (`-> AsyncWebhookPager`)."""
    name = str(inspect.signature(fn).return_annotation).rsplit(".", 1)[-1]
    found = getattr(ffi, name, None)
    return found if isinstance(found, type) else None


def io_objects() -> dict[str, type]:
    """The blocking objects that do I/O, found from the two clients: every object the
    Provisioning client's accessors return, the pagers of those, and the clients themselves."""
    found = {"ProvisioningClient": ffi.ProvisioningClient}
    found["IndiaWhatsappClient"] = ffi.IndiaWhatsappClient
    for fn in public(ffi.ProvisioningClient).values():
        family = returned_class(fn)
        if family is not None:
            found[family.__name__] = family
            if "pages" in vars(family):
                pager = returned_class(family.pages)
                found[pager.__name__] = pager
    return found


# Methods that make an object or an iterator and do no I/O: plain on both forms.
NO_IO = {"iter", "iter_pages", "project_id", "plus_friend_id"}
# Blocking methods whose async twin the Rust bindings do not export (none today). Strict: once
# the twin has one, its entry must go.
MISSING_IN_BINDINGS: set = set()


def test_every_operation_has_an_awaitable_form():
    objects = io_objects()
    assert len(objects) >= 20, sorted(objects)
    assert sorted(objects) == sorted(aio.TWINS)
    for name, cls in objects.items():
        twin = getattr(aio, name)
        assert twin is getattr(sinch_core, f"Async{name}")
        missing = {m for m in public(cls) if (name, m) in MISSING_IN_BINDINGS}
        assert not missing & set(public(twin)), f"{name}: remove {missing} from the list"
        assert sorted(public(twin)) == sorted(set(public(cls)) - missing), name
        for method, fn in public(cls).items():
            if method in missing:
                continue
            awaited = getattr(twin, method)
            made = returned_class(fn)
            if made is not None:  # an accessor or pages(): returns the async twin at once
                assert not inspect.iscoroutinefunction(awaited), f"{name}.{method}"
                assert returned_class(awaited) is getattr(ffi, f"Async{made.__name__}")
            elif method in NO_IO:
                assert not inspect.iscoroutinefunction(awaited), f"{name}.{method}"
            else:
                assert inspect.iscoroutinefunction(awaited), f"{name}.{method}"
                assert not inspect.iscoroutinefunction(fn), f"{name}.{method}"
                signature = inspect.signature(awaited)
                assert list(signature.parameters) == list(inspect.signature(fn).parameters)
    assert inspect.iscoroutinefunction(SinchAuth.access_token_async)


def test_async_list_and_next_page_wrap_the_generated_coroutines():
    for name, (pager, _, _) in sinch_core.ASYNC_PAGED.items():
        cls = getattr(sinch_core, name)
        generated = cls.list.__wrapped__
        assert generated.__qualname__ == f"{name}.list"
        assert inspect.iscoroutinefunction(cls.list) and inspect.iscoroutinefunction(generated)
        assert inspect.signature(cls.list) == inspect.signature(generated)
        assert cls.list.__doc__ == generated.__doc__
        assert inspect.iscoroutinefunction(pager.next_page)
        assert pager.next_page.__wrapped__.__qualname__ == f"{pager.__name__}.next_page"


def unclocked(page: typing.Any) -> typing.Any:
    """`drop_clock` for the WhatsApp template pages (analytics end "now"); others as they are."""
    return drop_clock(page) if type(page).__name__ == "WhatsappTemplatePage" else page


def paged_accessors() -> list[str]:
    return [
        n
        for n, fn in public(ffi.ProvisioningClient).items()
        if returned_class(fn) is not None and "pages" in vars(returned_class(fn))
    ]


async def test_async_list_returns_what_sync_list_returns(emulator, client, aclient):
    fill_every_family(emulator, client)
    client.kakaotalk_templates("@shop").create(
        sinch_core.KakaoTalkTemplateCreate(
            details=sinch_core.KakaoTalkTemplateDetails(
                name="Shipping", language="EN", content="Order #{order} has shipped."
            )
        )
    )
    accessors = paged_accessors()
    assert len(accessors) >= 9, accessors
    for accessor in accessors:
        args = ["@shop"] if accessor == "kakaotalk_templates" else []
        sync, twin = getattr(client, accessor)(*args), getattr(aclient, accessor)(*args)
        page = unclocked(await twin.list(page_size=1))
        assert page == unclocked(sync.list(page_size=1)), accessor
        assert page == unclocked(await type(twin).list.__wrapped__(twin, page_size=1))
        items = sinch_core.ASYNC_PAGED[type(twin).__name__][1]
        assert len(getattr(page, items)) == 1, accessor
        every = [unclocked(p) async for p in twin.pages(page_size=1)]
        assert every == [unclocked(p) for p in sync.pages(page_size=1)], accessor
        assert len([i async for i in twin]) == len(list(sync)) >= 1, accessor


# --- Round trips ---------------------------------------------------------------------------------


async def test_async_webhooks_crud_round_trip(emulator, aclient):
    hooks = aclient.webhooks()
    assert isinstance(hooks, aio.Webhooks)
    created = await hooks.create(
        target="https://example.com/a",
        secret="s1",
        triggers=(WebhookTrigger.WHATSAPP_TEMPLATE_APPROVED,),  # any iterable
    )
    assert isinstance(created, sinch_core.Webhook)
    assert created.project_id == PROJECT_ID
    assert created.triggers == ["WHATSAPP_TEMPLATE_APPROVED"]
    assert await hooks.get(created.id) == created

    replaced = await hooks.replace(
        webhook_id=created.id, target="https://example.com/b", secret="s2", triggers={"ALL"}
    )
    assert (replaced.target, replaced.triggers) == ("https://example.com/b", ["ALL"])
    updated = await hooks.update(created.id, target="https://example.com/c")
    assert (updated.target, updated.triggers) == ("https://example.com/c", ["ALL"])

    page = await hooks.list()
    assert isinstance(page, sinch_core.WebhookPage)
    assert [w.id for w in page.webhooks] == [created.id] and page.total_size == 1

    assert await hooks.delete(created.id) is None
    with pytest.raises(sinch_core.ApiError) as info:
        await hooks.get(created.id)
    assert api_error(info) == (404, "webhook_not_found")
    assert str(info.value) == info.value.reason


async def test_async_single_string_triggers_rejected_before_any_call(emulator, aclient):
    hooks = aclient.webhooks()
    before = emulator.counters()
    with pytest.raises(TypeError, match="single str"):
        await hooks.create(target="https://example.com", secret="s", triggers="ALL")
    with pytest.raises(TypeError, match="single str"):
        await hooks.update("some-id", triggers="ALL")
    with pytest.raises(TypeError, match="single str"):
        await aclient.bundles().create(name="B", region="US", webhook_triggers="ALL")
    assert emulator.counters() == before


async def test_async_sms_apps_round_trip(emulator, aclient):
    apps = aclient.sms_apps()
    created = await apps.create(name="Alerts", region="EU", conv_api_app=True)
    assert isinstance(created, sinch_core.SmsApp)
    assert (created.name, created.status, created.regions) == ("Alerts", "PENDING_ADD", ["EU"])
    assert await apps.get(created.id) == created
    assert (await apps.rename(created.id, "Alerts v2")).name == "Alerts v2"
    assert (await apps.update(created.id, name="Alerts v3")).name == "Alerts v3"
    assert [a.name async for a in apps] == ["Alerts v3"]
    await apps.delete(created.id)
    with pytest.raises(sinch_core.ApiError) as info:
        await apps.get(created.id)
    assert api_error(info) == (404, "sms_app_not_found")


async def test_async_bundle_create_takes_iterable_triggers(emulator, aclient):
    bundle = await aclient.bundles().create(
        name="Full",
        region="US",
        sms_app=True,
        webhook_target="https://acme.test/b",
        webhook_secret="whsec-b",
        webhook_triggers=(t for t in ["BUNDLE_DONE"]),
    )
    assert isinstance(bundle, sinch_core.Bundle)
    assert [b.id async for b in aclient.bundles().iter()] == [bundle.id]


async def test_async_india_send_text(emulator):
    india = SinchAuth.india(
        username="demo-user", password="demo-password", token_url=emulator.keycloak_token_url
    )
    wa = aio.IndiaWhatsappClient(auth=india, send_url=emulator.india_send_url)
    sent = await wa.send_text(TextMessage(to="919876543210", body="Shipped", message_id="o-1"))
    assert isinstance(sent, sinch_core.SendResult) and sent.response_id
    with pytest.raises(sinch_core.ApiError) as info:
        await wa.send_text(TextMessage(to="+91-not-a-number", body="x"))
    assert api_error(info) == (400, "invalid_msisdn")
    counters = emulator.counters()
    assert counters["india_send_requests"] == 2, counters
    assert counters["keycloak_password_grants"] == 1, counters


async def test_async_with_closes_the_client(emulator, auth):
    async with aio.ProvisioningClient(
        project_id=PROJECT_ID, auth=auth, base_url=emulator.base_url
    ) as c:
        hooks = c.webhooks()
        w = await hooks.create(target="https://example.com/t", secret="s", triggers=["ALL"])
        assert c.project_id() == PROJECT_ID
    # Leaving the block released the Rust client: it refuses calls with a typed error, while a
    # sub-client taken before keeps working (it holds its own reference).
    with pytest.raises(sinch_core.InvalidConfig, match="closed when its `with` block ended"):
        c.webhooks()
    assert repr(c) == "AsyncProvisioningClient(closed)"
    assert [h.id for h in (await hooks.list()).webhooks] == [w.id]

    # A plain `with` too, as on the blocking client: closing does no I/O.
    with aio.ProvisioningClient(project_id=PROJECT_ID, auth=auth, base_url=emulator.base_url) as c2:
        assert [h.id async for h in c2.webhooks()] == [w.id]
    with pytest.raises(sinch_core.InvalidConfig):
        c2.webhooks()


def test_aio_is_importable_both_ways():
    import sinch_core.aio as by_path

    assert by_path is aio is sinch_core.aio
    assert "aio" in sinch_core.__all__
    assert aio.ProvisioningClient is sinch_core.AsyncProvisioningClient
    assert aio.IndiaWhatsappClient is sinch_core.AsyncIndiaWhatsappClient
    assert set(aio.__all__) == set(aio.TWINS)


async def test_async_activity_logs_comments_and_categories(emulator, aclient):
    await aclient.rcs_senders().create(
        region="EU",
        billing_category="CONVERSATIONAL",
        use_case="TRANSACTIONAL",
        brand=sinch_core.RcsBrand(name="A"),
    )
    account = aclient.rcs_account()
    made = await bounded(account.comment("awaited"))
    assert made.comment == "awaited"
    log = await bounded(account.activities(page_size=1))
    assert log.notifications[0].comment == "awaited" and log.next_page_token
    tree = await bounded(aclient.kakaotalk_categories().sender_categories())
    assert tree[0].code == "001"
