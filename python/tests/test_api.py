"""The Python surface itself: exports, exception hierarchy, trigger constants (no emulator)."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

import sinch_core


def test_every_error_variant_is_a_top_level_class_of_the_same_name():
    # Read from the Rust source, independently of how the package finds the classes.
    rust = (REPO / "core" / "src" / "error.rs").read_text()
    body = rust.split("pub enum SinchError {", 1)[1].split("\n}", 1)[0]
    rust_variants = set(re.findall(r"^    ([A-Z]\w*)\s*\{", body, re.M))
    assert len(rust_variants) >= 11
    assert {cls.__name__ for cls in sinch_core.ERRORS} == rust_variants
    for name in rust_variants:
        cls = getattr(sinch_core, name)
        assert cls is getattr(sinch_core.SinchError, name)
        assert issubclass(cls, sinch_core.SinchError)
        assert name in sinch_core.__all__
        assert f"{cls.__module__}.{cls.__qualname__}" == f"sinch_core.{name}"


def test_a_traceback_names_the_class_as_users_import_it():
    import traceback

    try:
        sinch_core.SinchAuth.basic(key_id="key:id", key_secret="secret")
    except sinch_core.InvalidConfig as e:
        last = traceback.format_exception(e)[-1]
    assert last.startswith("sinch_core.InvalidConfig: the key ID"), last


def test_str_is_the_reason():
    e = sinch_core.RateLimited(retry_after_ms=1000, reason="slow down, please")
    assert str(e) == "slow down, please"
    assert "slow down, please" in repr(e)
    with pytest.raises(sinch_core.SinchError, match="slow down"):
        raise e


def test_trigger_constants_match_rust():
    rust = (REPO / "core" / "src" / "provisioning" / "webhooks.rs").read_text()
    block = rust.split("WebhookTrigger {", 1)[1].split("}", 1)[0]
    wire = re.findall(r'=\s*"([A-Z0-9_]+)"', block)
    assert len(wire) > 30
    assert sinch_core.WebhookTrigger.KNOWN == frozenset(wire)
    assert sinch_core.WebhookTrigger.KNOWN == frozenset(sinch_core.known_webhook_triggers())
    for value in wire:
        assert getattr(sinch_core.WebhookTrigger, value) == value


def test_everything_generated_is_exported_at_top_level():
    from sinch_core._native import sinch_core as core
    from sinch_core._native import sinch_core_ffi as ffi

    for module in (core, ffi):
        for name in module.__all__:
            if name in ("InternalError", "SinchError") or name.endswith(("Protocol", "Impl")):
                continue
            assert getattr(sinch_core, name) is getattr(module, name), name
            assert name in sinch_core.__all__, name
    for name in (
        "TokenStore",
        "TokenStoreBackend",
        "StoredToken",
        "IndiaEnvironment",
        "IndiaWhatsappClient",
        "TextMessage",
        "TemplateMessage",
        "TemplateMedia",
        "SendResult",
        "LogLevel",
        "SmsApps",
        "SmsAppPager",
        "Bundles",
        "KakaoTalkSenders",
        "RcsSenders",
        "WhatsappSenders",
        "WhatsappTemplatePager",
        "AppRegion",
        "BundleState",
        "WhatsappSubmitMode",
        "set_log_level",
    ):
        assert name in sinch_core.__all__, name
    assert sinch_core.AppRegion is str  # open enums are plain str
    for name in sinch_core.__all__:
        assert hasattr(sinch_core, name), name


def test_every_paged_sub_client_iterates():
    # Found independently of PAGED: any exported class with a pager must be iterable, the
    # async twins (whose `list` is a coroutine) with `async for`.
    import inspect

    paged = [
        name
        for name in sinch_core.__all__
        if isinstance(getattr(sinch_core, name), type)
        and callable(getattr(getattr(sinch_core, name), "pages", None))
    ]
    assert len(paged) >= 16, paged
    assert sorted(paged) == sorted({**sinch_core.PAGED, **sinch_core.ASYNC_PAGED})
    for name in paged:
        cls = getattr(sinch_core, name)
        is_async = inspect.iscoroutinefunction(cls.list)
        assert (name in sinch_core.ASYNC_PAGED) == is_async, name
        dunder = "__aiter__" if is_async else "__iter__"
        for method in ("iter", "iter_pages", dunder, "pages", "list"):
            assert callable(getattr(cls, method, None)), f"{name}.{method}"
        pager = sinch_core.ASYNC_PAGED[name][0] if is_async else sinch_core.PAGED[name][0]
        assert callable(getattr(pager, dunder, None)), f"{pager.__name__}.{dunder}"


@pytest.mark.parametrize("module_name", ["sinch_core", "sinch_core_ffi"])
def test_a_panic_in_either_module_is_internal_error(module_name):
    import importlib

    module = importlib.import_module(f"sinch_core._native.{module_name}")
    status = module._UniffiRustCallStatus(code=module._UniffiRustCallStatus.CALL_UNEXPECTED_ERROR)
    with pytest.raises(sinch_core.InternalError) as info:
        module._uniffi_check_call_status(None, status)  # what a Rust panic leads to
    assert isinstance(info.value, sinch_core.SinchError)
    assert str(info.value) == "Unknown rust panic"
    assert sinch_core.InternalError is sinch_core.SinchError.InternalError


def test_stub_matches_the_installed_package():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, str(REPO / "python" / "tools" / "gen_stub.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_record_repr_redacts_secret_fields():
    import inspect

    f = sinch_core.WhatsappTemplateFilter(name_prefix="bench_")
    assert repr(f) == (
        "WhatsappTemplateFilter(field_mask=[], states=[], statuses=[], "
        "analytics_date_range=None, name_prefix='bench_')"
    )
    # A record whose repr is Python's (not Rust's Debug), with a field typed Secret.
    secret_fields = [
        name
        for name in sinch_core.RECORDS
        if "Secret" in str(inspect.signature(getattr(sinch_core, name).__init__))
    ]
    assert secret_fields  # StoredToken, WhatsappSender: their repr/str are Rust's, redacting
    token = sinch_core.StoredToken(
        access_token="tok-123456",
        expires_at_unix_ms=1,
        lifetime_ms=1,
        refresh_token="refresh-654321",
        refresh_expires_at_unix_ms=None,
    )
    for text in (repr(token), str(token)):
        assert "tok-123456" not in text and "refresh-654321" not in text
    m = sinch_core.TextMessage(to="919876543210", body="hi")
    assert "to='919876543210'" in repr(m)


def test_single_string_triggers_rejected_before_any_call():
    auth = sinch_core.SinchAuth.oauth(
        key_id="k", key_secret="s", token_url="https://127.0.0.1:9/oauth2/token"
    )
    client = sinch_core.ProvisioningClient(
        project_id="p", auth=auth, base_url="https://127.0.0.1:9"
    )
    with pytest.raises(TypeError, match="single str"):
        client.webhooks().create(target="https://example.com", secret="s", triggers="ALL")


def test_records_have_readable_repr():
    w = sinch_core.Webhook(id="1", project_id="p", target="https://x", triggers=["ALL"])
    assert repr(w) == "Webhook(id='1', project_id='p', target='https://x', triggers=['ALL'])"
    page = sinch_core.WebhookPage(
        webhooks=[w], total_size=1, next_page_token=None, previous_page_token=None
    )
    assert repr(w) in repr(page)


def test_tests_use_the_installed_wheel_not_the_source_tree():
    from pathlib import Path

    pkg = Path(sinch_core.__file__).resolve().parent
    assert pkg != (REPO / "python" / "src" / "sinch_core").resolve()
    native = pkg / "_native"
    for name in ("sinch_core.py", "sinch_core_ffi.py", "libsinch_core_ffi.so"):
        assert (native / name).is_file(), name


def test_basic_auth_repr_has_no_secret():
    auth = sinch_core.SinchAuth.basic(key_id="basic-key-id", key_secret="basic-key-secret")
    client = sinch_core.ProvisioningClient(project_id="p", auth=auth)
    for text in (repr(auth), str(auth), repr(client), repr(client.webhooks()), auth.describe()):
        assert "basic-key-secret" not in text
    assert "basic-key-id" in repr(auth)


def test_version_is_the_cores():
    assert sinch_core.__version__ == sinch_core.sinch_core_version()
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", sinch_core.__version__)


def test_optional_fields_of_enum_variants_are_optional():
    body = sinch_core.WhatsappTemplateComponent.BODY(text="Hi {{1}}")
    assert body.examples == [] and body.add_security_recommendation is None
    reply = sinch_core.WhatsappTemplateButton.QUICK_REPLY()
    assert reply.text is None
