# Type stub for the public API. At run time these names are the UniFFI-generated classes (see
# __init__.py); this stub adds what type checkers cannot see there: the exception classes as a
# plain hierarchy, and the conveniences attached in __init__.py (Webhooks.iter, __iter__,
# iter_pages, iterable triggers, ProvisioningClient as a context manager).

from collections.abc import Iterable, Iterator
from types import TracebackType

from ._triggers import WebhookTrigger as WebhookTrigger

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

# --- Errors: str(e) == e.reason ------------------------------------------------------------------

class SinchError(Exception):
    reason: str

class InvalidConfig(SinchError):
    def __init__(self, reason: str) -> None: ...

class InvalidCredentials(SinchError):
    def __init__(self, reason: str) -> None: ...

class RefreshExpired(SinchError):
    def __init__(self, reason: str) -> None: ...

class RateLimited(SinchError):
    retry_after_ms: int | None
    def __init__(self, retry_after_ms: int | None, reason: str) -> None: ...

class ApiError(SinchError):
    status: int
    error_code: str
    detail: str
    resolution: str
    additional_information: dict[str, list[str]]
    def __init__(
        self,
        status: int,
        error_code: str,
        detail: str,
        resolution: str,
        additional_information: dict[str, list[str]],
        reason: str,
    ) -> None: ...

class ServiceUnavailable(SinchError):
    status: int
    def __init__(self, status: int, reason: str) -> None: ...

class NetworkError(SinchError):
    def __init__(self, reason: str) -> None: ...

class Timeout(SinchError):
    def __init__(self, reason: str) -> None: ...

class ProtocolError(SinchError):
    def __init__(self, reason: str) -> None: ...

class StoreError(SinchError):
    def __init__(self, reason: str) -> None: ...

class InternalError(SinchError):
    def __init__(self, reason: str) -> None: ...

# --- Records -----------------------------------------------------------------------------

class Webhook:
    id: str
    project_id: str
    target: str
    triggers: list[str]
    def __init__(self, *, id: str, project_id: str, target: str, triggers: list[str]) -> None: ...

class WebhookPage:
    webhooks: list[Webhook]
    total_size: int
    next_page_token: str | None
    previous_page_token: str | None
    def __init__(
        self,
        *,
        webhooks: list[Webhook],
        total_size: int,
        next_page_token: str | None,
        previous_page_token: str | None,
    ) -> None: ...

# --- Objects -----------------------------------------------------------------------------

class SinchAuth:
    @classmethod
    def oauth(cls, key_id: str, key_secret: str, token_url: str | None = ...) -> SinchAuth: ...
    @classmethod
    def basic(cls, key_id: str, key_secret: str) -> SinchAuth: ...
    def access_token(self) -> str: ...
    def clear_cached_token(self) -> None: ...
    def describe(self) -> str: ...

class ProvisioningClient:
    def __init__(self, project_id: str, auth: SinchAuth, base_url: str | None = ...) -> None: ...
    def project_id(self) -> str: ...
    def webhooks(self) -> Webhooks: ...
    def __enter__(self) -> ProvisioningClient: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

class Webhooks:
    def list(self, page_size: int | None = ..., page_token: str | None = ...) -> WebhookPage: ...
    def pages(self, page_size: int | None = ...) -> WebhookPager: ...
    def create(self, target: str, secret: str, triggers: Iterable[str]) -> Webhook: ...
    def get(self, webhook_id: str) -> Webhook: ...
    def replace(
        self, webhook_id: str, target: str, secret: str, triggers: Iterable[str]
    ) -> Webhook: ...
    def update(
        self,
        webhook_id: str,
        target: str | None = None,
        secret: str | None = None,
        triggers: Iterable[str] | None = None,
    ) -> Webhook: ...
    def delete(self, webhook_id: str) -> None: ...
    def iter(self, page_size: int | None = None) -> Iterator[Webhook]: ...
    def iter_pages(self, page_size: int | None = None) -> Iterator[WebhookPage]: ...
    def __iter__(self) -> Iterator[Webhook]: ...

class WebhookPager:
    def next_page(self) -> WebhookPage | None: ...
