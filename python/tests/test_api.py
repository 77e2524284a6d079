"""The Python surface itself: exports, exception hierarchy, trigger constants (no emulator)."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

import sinch_core

VARIANTS = {
    "InvalidConfig": "InvalidConfig",
    "InvalidCredentials": "InvalidCredentials",
    "RefreshExpired": "RefreshExpired",
    "RateLimited": "RateLimited",
    "ApiError": "Api",
    "ServiceUnavailable": "ServiceUnavailable",
    "NetworkError": "Network",
    "Timeout": "Timeout",
    "ProtocolError": "Protocol",
    "StoreError": "Store",
    "InternalError": "Internal",
}


def test_every_error_variant_has_a_top_level_class():
    rust = (REPO / "core" / "src" / "error.rs").read_text()
    body = rust.split("pub enum SinchError {", 1)[1].split("\n}", 1)[0]
    rust_variants = set(re.findall(r"^    ([A-Z]\w*)\s*\{", body, re.M))
    assert rust_variants == set(VARIANTS.values())
    for name, variant in VARIANTS.items():
        cls = getattr(sinch_core, name)
        assert cls is getattr(sinch_core.SinchError, variant)
        assert issubclass(cls, sinch_core.SinchError)
        assert name in sinch_core.__all__


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
    for value in wire:
        assert getattr(sinch_core.WebhookTrigger, value) == value


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
