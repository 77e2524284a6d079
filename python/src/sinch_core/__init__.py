"""sinch-core for Python: Sinch authentication, the process-wide token cache and the Sinch
Provisioning API client.

Everything that matters (token cache, single flight, refresh ahead, the one retry after an
expired-token 401, HTTP retries, pagination, URL policy) is implemented once, in Rust, and
reached through UniFFI-generated bindings in ``sinch_core._native``. This module only adds
Python conveniences:

* the error variants as top-level exception classes (``except sinch_core.InvalidCredentials``),
  with ``str(exc)`` being the human sentence (``exc.reason``);
* ``Webhooks.iter()`` / ``iter(webhooks)`` / ``Webhooks.iter_pages()``, generators over
  ``WebhookPager.next_page()`` (the page tokens stay in Rust);
* ``triggers`` accepts any iterable of ``str`` (tuples, sets...), not only lists;
* ``with ProvisioningClient(...) as client:``;
* ``WebhookTrigger``: string constants for the known trigger names;
* readable ``repr()`` of the records.

Every keyword argument of the Rust API works as is, e.g.
``SinchAuth.oauth(key_id=..., key_secret=..., token_url=...)``.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Iterator

from ._native import sinch_core as _core
from ._native import sinch_core_ffi as _ffi
from ._triggers import WebhookTrigger

__all__ = [
    "ApiError",
    "InternalError",
    "InvalidConfig",
    "InvalidCredentials",
    "NetworkError",
    "ProtocolError",
    "ProvisioningClient",
    "RateLimited",
    "RefreshExpired",
    "ServiceUnavailable",
    "SinchAuth",
    "SinchError",
    "StoreError",
    "Timeout",
    "Webhook",
    "WebhookPage",
    "WebhookPager",
    "WebhookTrigger",
    "Webhooks",
]

# --- Objects and records (the generated classes themselves, so isinstance() just works) -------

SinchAuth = _ffi.SinchAuth
ProvisioningClient = _ffi.ProvisioningClient
Webhooks = _ffi.Webhooks
WebhookPager = _ffi.WebhookPager
Webhook = _core.Webhook
WebhookPage = _core.WebhookPage

# --- Errors ------------------------------------------------------------------------------------
#
# UniFFI raises `SinchError.<Variant>` instances; the names below are aliases of those very
# classes, so `except sinch_core.InvalidCredentials` catches what Rust raises, and every one is a
# subclass of `sinch_core.SinchError`.

SinchError = _core.SinchError
InvalidConfig = _core.SinchError.InvalidConfig
InvalidCredentials = _core.SinchError.InvalidCredentials
RefreshExpired = _core.SinchError.RefreshExpired
RateLimited = _core.SinchError.RateLimited
ApiError = _core.SinchError.Api
ServiceUnavailable = _core.SinchError.ServiceUnavailable
NetworkError = _core.SinchError.Network
Timeout = _core.SinchError.Timeout
ProtocolError = _core.SinchError.Protocol
StoreError = _core.SinchError.Store
InternalError = _core.SinchError.Internal


def _error_str(self: BaseException) -> str:
    # The generated text is the field reprs ("reason='...', status=409, ..."); every variant
    # carries `reason`, the complete sentence rendered by Rust (never containing a secret).
    reason = getattr(self, "reason", None)
    return reason if isinstance(reason, str) else Exception.__str__(self)


SinchError.__str__ = _error_str  # the variants inherit it; their __repr__ wraps str()

# --- Records: readable repr ----------------------------------------------------------------------
#
# The generated records are dataclasses without field annotations, so their repr() is
# "Webhook()". Records carry no secrets (a webhook's secret is write-only).


def _record_repr(*fields: str) -> typing.Callable[[object], str]:
    def __repr__(self: object) -> str:
        inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in fields)
        return f"{type(self).__name__}({inner})"

    return __repr__


Webhook.__repr__ = _record_repr("id", "project_id", "target", "triggers")
WebhookPage.__repr__ = _record_repr(
    "webhooks", "total_size", "next_page_token", "previous_page_token"
)

# --- Webhooks: triggers as any iterable, iteration over all pages ------------------------------


def _trigger_list(triggers: Iterable[str] | None) -> list[str] | None:
    if triggers is None:
        return None
    if isinstance(triggers, str):
        raise TypeError(f"triggers must be a list of str, not a single str; use [{triggers!r}]")
    return list(triggers)


_gen_create = _ffi.Webhooks.create
_gen_replace = _ffi.Webhooks.replace
_gen_update = _ffi.Webhooks.update


def _create(self: Webhooks, target: str, secret: str, triggers: Iterable[str]) -> Webhook:
    """Creates a webhook. `triggers`: trigger names (see `WebhookTrigger`; any str is kept)."""
    return _gen_create(self, target, secret, _trigger_list(triggers))


def _replace(
    self: Webhooks, webhook_id: str, target: str, secret: str, triggers: Iterable[str]
) -> Webhook:
    """Replaces the whole webhook (PUT)."""
    return _gen_replace(self, webhook_id, target, secret, _trigger_list(triggers))


def _update(
    self: Webhooks,
    webhook_id: str,
    target: str | None = None,
    secret: str | None = None,
    triggers: Iterable[str] | None = None,
) -> Webhook:
    """Changes only the fields given (PATCH)."""
    return _gen_update(self, webhook_id, target, secret, _trigger_list(triggers))


def _iter_pages(self: Webhooks, page_size: int | None = None) -> Iterator[WebhookPage]:
    """Every page in turn, each fetched when needed (`page_size` 1..15; None = server default).

    The page size is checked at once (`InvalidConfig`), before the first page is fetched.
    """
    pager = self.pages(page_size)

    def pages() -> Iterator[WebhookPage]:
        while True:
            page = pager.next_page()
            if page is None:
                return
            yield page

    return pages()


def _iter(self: Webhooks, page_size: int | None = None) -> Iterator[Webhook]:
    """Every webhook of the project, following pages (one Rust call per page)."""
    pages = _iter_pages(self, page_size)
    return (webhook for page in pages for webhook in page.webhooks)


for _name, _fn in (
    ("create", _create),
    ("replace", _replace),
    ("update", _update),
    ("iter_pages", _iter_pages),
    ("iter", _iter),
    ("__iter__", _iter),
):
    _fn.__name__ = _fn.__qualname__ = _name
    setattr(Webhooks, _name, _fn)

# --- ProvisioningClient as a context manager -----------------------------------------------------
#
# Nothing needs closing: HTTP connection pools and the token cache are process-wide in Rust, and
# the Rust object is freed when its last Python reference goes. `with` is offered for scoping.


def _enter(self: ProvisioningClient) -> ProvisioningClient:
    return self


def _exit(self: ProvisioningClient, *exc_info: object) -> None:
    return None


ProvisioningClient.__enter__ = _enter
ProvisioningClient.__exit__ = _exit

del _name, _fn
