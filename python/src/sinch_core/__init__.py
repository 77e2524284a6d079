"""sinch-core for Python: Sinch authentication (OAuth2, Basic, Sinch India Keycloak), the
process-wide token cache and token stores, the Sinch Provisioning API client and the Sinch India
WhatsApp send client.

Everything that matters (token cache, single flight, refresh ahead, the one retry after an
expired-token 401, HTTP retries, pagination, URL policy) is implemented once, in Rust, and
reached through UniFFI-generated bindings in ``sinch_core._native``. This module only adds
Python conveniences:

* every generated object, record, enum and open-enum alias re-exported here, and the error
  variants as top-level exception classes (``except sinch_core.InvalidCredentials``), with
  ``str(exc)`` being the human sentence (``exc.reason``);
* ``iter()`` / ``iter(sub_client)`` / ``iter_pages()`` on every paged sub-client: generators over
  the Rust pager's ``next_page()`` (page tokens stay in Rust, one request per page, made as you
  iterate);
* list pages (``list()``, ``next_page()``) read from one pickle written by Rust, several times
  faster than UniFFI's field-by-field lifting, into the same generated classes;
* ``triggers`` accepts any iterable of ``str`` (tuples, sets...), not only lists;
* ``with ProvisioningClient(...) as client:``;
* the same for the async twins (``AsyncProvisioningClient``, ``AsyncWebhooks``...: the objects
  of ``sinch_core.aio``): coroutine ``list()``/``next_page()`` from the pickle, async iterators,
  iterable triggers, ``async with``;
* ``WebhookTrigger``: string constants for the trigger names known to the Rust core;
* ``CallbackVerifier`` / ``verify_callback``: webhook callbacks verified from headers in any
  shape (a dict, a dict of lists, pairs, ``http.server``'s message), errors raised as
  ``sinch_core.BadSignature``, ``StaleTimestamp``, ``ReplayedNonce``...;
* readable ``repr()`` of the records (secret fields shown as ``[redacted]``);
* a bridge from the Rust log records to the ``logging`` logger ``"sinch_core"``
  (``set_log_level``).

Every keyword argument of the Rust API works as is, e.g.
``SinchAuth.oauth(key_id=..., key_secret=..., token_url=...)``.
"""

from __future__ import annotations

import functools
import inspect
import io
import pickle
import sys
import typing
from collections.abc import AsyncIterator, Iterable, Iterator

from ._native import sinch_core as _core
from ._native import sinch_core_ffi as _ffi

# --- Re-exports ----------------------------------------------------------------------------------
#
# The generated classes themselves, so isinstance() just works. Records, closed enums, the error
# enum and the store trait live in the `sinch_core` namespace of the bindings; objects, the
# India/log enums and free functions in `sinch_core_ffi`. Skipped: UniFFI's own `InternalError`
# (unified below), the `*Protocol` typing helpers, the `*Impl` classes (Rust-side proxies of the
# foreign traits) and `Secret`/`WebhookTrigger` (plain `str` aliases; `WebhookTrigger` is replaced
# by the constants class below).

_SKIP = {
    "InternalError",
    "SinchError",
    "CallbackError",
    "TokenStoreBackendImpl",
    "ReplayCacheBackendImpl",
    "LogSinkImpl",
}
_exported: list[str] = []
for _module in (_core, _ffi):
    for _name in _module.__all__:
        if _name in _SKIP or _name.endswith("Protocol"):
            continue
        globals()[_name] = getattr(_module, _name)
        _exported.append(_name)

# Open enums cross the FFI as `str` (values the client does not know are kept as they are); the
# generated module names them as aliases of `str`. Re-exported for type hints.
OPEN_ENUMS: tuple[str, ...] = tuple(
    sorted(
        name
        for name, value in vars(_core).items()
        if value is str and name[:1].isupper() and name not in ("Secret", "WebhookTrigger")
    )
)
for _name in OPEN_ENUMS:
    globals()[_name] = str

__version__: str = _ffi.sinch_core_version()

# The user agent names the calling language: `sinch-core/<version> python/<version>`.
_ffi.set_user_agent_platform(
    f"python/{sys.version_info[0]}.{sys.version_info[1]}.{sys.version_info[2]}"
)

# Names used below (also exported through the loop above).
SinchAuth = _ffi.SinchAuth
ProvisioningClient = _ffi.ProvisioningClient
TokenStore = _ffi.TokenStore
TokenStoreBackend = _core.TokenStoreBackend
ReplayCache = _ffi.ReplayCache
CallbackEvent = _core.CallbackEvent
known_webhook_triggers = _ffi.known_webhook_triggers

# --- Errors --------------------------------------------------------------------------------------
#
# UniFFI raises `SinchError.<Variant>` instances, one class per variant of the Rust enum. Each is
# exported here under its own name (`ApiError`, `InvalidCredentials`, `Timeout`...), found in the
# generated module rather than listed, and named `sinch_core.<Name>` in tracebacks and reprs:
# `except sinch_core.InvalidCredentials` catches what Rust raises, and every one is a subclass of
# `sinch_core.SinchError`.

SinchError = _core.SinchError
ERRORS: tuple[type, ...] = tuple(
    cls
    for cls in vars(SinchError).values()
    if isinstance(cls, type) and issubclass(cls, SinchError) and cls is not SinchError
)
for _error in ERRORS:
    _error.__module__ = __name__
    _error.__qualname__ = _error.__name__
    globals()[_error.__name__] = _error
SinchError.__module__ = __name__

# A Rust panic (a bug) is raised by the generated code as the module's own UniFFI
# `InternalError(Exception)`, and each of the two generated modules defines one. The generated
# code looks that name up in its module at raise time, so both modules are pointed at one class,
# `_RustPanic`, a subclass of `SinchError.InternalError` ("a bug in sinch-core"): `except
# sinch_core.InternalError` (or `except sinch_core.SinchError`) catches a panic from either module
# as well as the error variant. (Re-parenting the generated classes is impossible: CPython refuses
# the `__bases__` assignment, the layouts differ.)


def _error_str(self: BaseException) -> str:
    # The generated text is the field reprs ("reason='...', status=409, ..."); every variant
    # carries `reason`, the complete sentence rendered by Rust (never containing a secret).
    reason = getattr(self, "reason", None)
    if isinstance(reason, str):
        return reason
    return Exception.__str__(self)


SinchError.__str__ = _error_str  # the variants inherit it; their __repr__ wraps str()

# Why a webhook callback was refused: the same treatment (`except sinch_core.BadSignature`,
# `str(exc)` the reason sentence), in its own hierarchy: a refused callback is the sender's
# problem, not a failed API call.
CallbackError = _core.CallbackError
CALLBACK_ERRORS: tuple[type, ...] = tuple(
    cls
    for cls in vars(CallbackError).values()
    if isinstance(cls, type) and issubclass(cls, CallbackError) and cls is not CallbackError
)
for _error in CALLBACK_ERRORS:
    _error.__module__ = __name__
    _error.__qualname__ = _error.__name__
    globals()[_error.__name__] = _error
CallbackError.__module__ = __name__
CallbackError.__str__ = _error_str


class _RustPanic(SinchError.InternalError):  # type: ignore[name-defined]
    """A Rust panic or a broken FFI call (UniFFI's `InternalError`): a bug, please report it."""

    def __init__(self, *args: object) -> None:
        Exception.__init__(self, *args)
        self.reason = str(args[0]) if args else "Unknown rust panic"

    def __repr__(self) -> str:
        return f"InternalError({self.reason!r})"


for _module in (_core, _ffi):
    _module.InternalError = _RustPanic

# --- Records: readable repr ----------------------------------------------------------------------
#
# The generated records are dataclasses without field annotations, so their repr() is "Webhook()".
# Each gets a repr listing its fields, except those whose repr is Rust's own `Debug` (they redact
# secrets themselves). Fields typed `Secret` are shown as "[redacted]".


def _record_fields(cls: type) -> tuple[list[str], set[str]]:
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    names = [p.name for p in params]
    secret = {p.name for p in params if "Secret" in str(p.annotation)}
    return names, secret


def _make_repr(fields: list[str], secret: set[str]) -> typing.Callable[[object], str]:
    def __repr__(self: object) -> str:
        parts = []
        for f in fields:
            value = getattr(self, f, None)
            shown = "[redacted]" if f in secret and value is not None else repr(value)
            parts.append(f"{f}={shown}")
        return f"{type(self).__name__}({', '.join(parts)})"

    return __repr__


def _rust_formatted(fn: object) -> bool:
    code = getattr(fn, "__code__", None)
    return code is not None and any("uniffi_trait" in n for n in code.co_names)


RECORDS: tuple[str, ...] = ()
for _name in _core.__all__:
    _cls = getattr(_core, _name)
    if not isinstance(_cls, type) or "__dataclass_fields__" not in vars(_cls):
        continue
    RECORDS += (_name,)
    _fields, _secret = _record_fields(_cls)
    if not _rust_formatted(vars(_cls).get("__repr__")):
        _cls.__repr__ = _make_repr(_fields, _secret)
    if _secret and not _rust_formatted(vars(_cls).get("__str__")):
        _cls.__str__ = _cls.__repr__  # the generated __str__ would print the secret

# --- Paged sub-clients: generators over the Rust pagers ------------------------------------------


class _PageUnpickler(pickle.Unpickler):
    """Reads the list pages Rust writes as one pickle each (sinch-core's `pickle.rs`).

    The C unpickler turns a page into the generated record classes, the same objects UniFFI's
    lifting builds field by field in Python, several times faster. The pickles come from our
    Rust code, never from the network (server strings are length-prefixed data in them), and
    only the generated record classes and their enum variant classes can be named: any other
    name is refused. Attribute names are asked for the same way and answered with the interned
    `str`, which CPython sets fastest. What was found is remembered (a few dozen names).
    """

    def find_class(self, module: str, name: str) -> typing.Any:
        found = _FOUND.get((module, name))
        if found is None:
            found = _FOUND[(module, name)] = _resolve(module, name)
        return found


_FOUND: dict[tuple[str, str], typing.Any] = {}


def _resolve(module: str, name: str) -> typing.Any:
    if module == "sinch_core:attribute" and name.isidentifier():
        return sys.intern(name)
    head, _, variant = name.partition(".")
    known = module == "sinch_core" and head in _core.__all__
    cls = getattr(_core, head, None) if known else None
    if isinstance(cls, type) and variant:
        nested = getattr(cls, variant, None)
        cls = nested if isinstance(nested, type) and issubclass(nested, cls) else None
    if not isinstance(cls, type):
        raise pickle.UnpicklingError(f"sinch_core: unexpected class {module}.{name} in a page")
    return cls


def _load(data: bytes) -> typing.Any:
    # One frame: the unpickler reads it with a single read() and parses it in C.
    return _PageUnpickler(io.BytesIO(data)).load()


def _pickled_pages(cls: type, pager: type) -> None:
    """`list()` and the pager's `next_page()` take the page as one pickle (`list_pickled`,
    `next_page_pickled`, built for this package only) instead of UniFFI's field-by-field
    lifting. Same arguments, same records; `__wrapped__` is the generated method. On an async
    twin both are coroutines, like the methods they replace."""
    list_pickled, next_page_pickled = cls.list_pickled, pager.next_page_pickled

    if inspect.iscoroutinefunction(list_pickled):

        async def list(self: typing.Any, *args: typing.Any, **kwargs: typing.Any) -> typing.Any:
            return _load(await list_pickled(self, *args, **kwargs))

        async def next_page(self: typing.Any) -> typing.Any:
            data = await next_page_pickled(self)
            return None if data is None else _load(data)

    else:

        def list(self: typing.Any, *args: typing.Any, **kwargs: typing.Any) -> typing.Any:
            return _load(list_pickled(self, *args, **kwargs))

        def next_page(self: typing.Any) -> typing.Any:
            data = next_page_pickled(self)
            return None if data is None else _load(data)

    cls.list = functools.wraps(cls.list)(list)
    pager.next_page = functools.wraps(pager.next_page)(next_page)


def _drain(pager: typing.Any) -> Iterator[typing.Any]:
    """Yields the pages of a Rust pager, each fetched by `next_page()` when asked for."""
    while True:
        page = pager.next_page()
        if page is None:
            return
        yield page


async def _adrain(pager: typing.Any) -> AsyncIterator[typing.Any]:
    """The same over an async pager: each page fetched when the loop awaits it."""
    while True:
        page = await pager.next_page()
        if page is None:
            return
        yield page


def _flatten(pages: Iterator[typing.Any], field: str) -> Iterator[typing.Any]:
    return (item for page in pages for item in getattr(page, field))


async def _aflatten(pages: AsyncIterator[typing.Any], field: str) -> AsyncIterator[typing.Any]:
    async for page in pages:
        for item in getattr(page, field):
            yield item


def _add_iteration(cls: type, pager: type, items: str, filtered: bool, is_async: bool) -> None:
    """Gives a sub-client `iter_pages()`, `iter()` and `__iter__` over its `pages()` pager, and
    the pager `__iter__`; on an async twin the same names give async iterators, with
    `__aiter__` (`async for template in templates.iter(page_size=100)`).

    `pages()` is called at once (a bad page size raises `InvalidConfig` before any request); the
    pages themselves are fetched lazily, one request per page, as the iterator is consumed.
    """
    drain, items_of = (_adrain, _aflatten) if is_async else (_drain, _flatten)
    if filtered:

        def iter_pages(self: typing.Any, page_size: int | None = None, filter: typing.Any = None):
            return drain(self.pages(page_size=page_size, filter=filter))

        def iter_(self: typing.Any, page_size: int | None = None, filter: typing.Any = None):
            return items_of(iter_pages(self, page_size, filter), items)

    else:

        def iter_pages(self: typing.Any, page_size: int | None = None):
            return drain(self.pages(page_size=page_size))

        def iter_(self: typing.Any, page_size: int | None = None):
            return items_of(iter_pages(self, page_size), items)

    def every_item(self: typing.Any):
        return iter_(self)

    def every_page(self: typing.Any):
        return drain(self)

    noun, kind = items.replace("_", " "), "async iterator" if is_async else "iterator"
    iter_pages.__doc__ = f"Every page of {noun} in turn ({kind}), each fetched when needed."
    iter_.__doc__ = f"Every one of the {noun} ({kind}), following pages (one call per page)."
    every_page.__doc__ = "The remaining pages, each fetched when needed."
    dunder = "__aiter__" if is_async else "__iter__"
    for owner, name, fn in (
        (cls, "iter_pages", iter_pages),
        (cls, "iter", iter_),
        (cls, dunder, every_item),
        (pager, dunder, every_page),
    ):
        fn.__name__ = name
        fn.__qualname__ = f"{owner.__name__}.{name}"
        setattr(owner, name, fn)


def _paged_families() -> dict[str, tuple[type, str, bool]]:
    """Every sub-client with a `pages()` pager, found in the generated module, blocking and
    async twins alike: name -> (its pager class, the items field of its page record, whether
    `pages()` takes a filter). A family added in Rust gets its iteration, both forms, here
    without a line of Python; a test checks each has it."""
    families = {}
    for name in _ffi.__all__:
        cls = getattr(_ffi, name)
        if not isinstance(cls, type) or name.endswith("Protocol") or "pages" not in vars(cls):
            continue
        pages = inspect.signature(cls.pages)
        pager = getattr(_ffi, str(pages.return_annotation).rsplit(".", 1)[-1])
        page_type = str(inspect.signature(pager.next_page).return_annotation)
        page = getattr(_core, page_type.rsplit(".", 1)[-1].rstrip("]"))
        # `page_record!` puts the items field first.
        items = list(inspect.signature(page.__init__).parameters)[1]
        families[name] = (pager, items, "filter" in pages.parameters)
    return families


def _is_async(cls: type) -> bool:
    return inspect.iscoroutinefunction(cls.list)


_FAMILIES = _paged_families()
# The blocking families and, separately, their async twins (methods are coroutines there).
PAGED: dict[str, tuple[type, str, bool]] = {
    n: f for n, f in _FAMILIES.items() if not _is_async(getattr(_ffi, n))
}
ASYNC_PAGED: dict[str, tuple[type, str, bool]] = {
    n: f for n, f in _FAMILIES.items() if _is_async(getattr(_ffi, n))
}
for _name, (_pager, _items, _filtered) in _FAMILIES.items():
    _cls = getattr(_ffi, _name)
    _add_iteration(_cls, _pager, _items, _filtered, _is_async(_cls))
    _pickled_pages(_cls, _pager)

# --- Webhook triggers: constants from the Rust list, any iterable accepted -----------------------


class WebhookTrigger:
    """Known webhook trigger names (from `known_webhook_triggers()`), as `str` constants.

    Triggers cross the FFI as plain `str` (an open enum in Rust): any string is accepted and sent
    as is, and values the server adds later come back unchanged. The constants only guard
    against typos: ``WebhookTrigger.WHATSAPP_TEMPLATE_APPROVED == "WHATSAPP_TEMPLATE_APPROVED"``.
    """

    KNOWN: typing.ClassVar[frozenset[str]] = frozenset()


WebhookTrigger.KNOWN = frozenset(known_webhook_triggers())
for _trigger in sorted(WebhookTrigger.KNOWN):
    setattr(WebhookTrigger, _trigger, _trigger)


def _trigger_list(triggers: Iterable[str] | None) -> list[str] | None:
    if triggers is None:
        return None
    if isinstance(triggers, str):
        raise TypeError(f"triggers must be a list of str, not a single str; use [{triggers!r}]")
    return list(triggers)


def _iterable_triggers(gen: typing.Callable[..., typing.Any], param: str) -> typing.Any:
    """`gen` (a generated method, blocking or async) taking any iterable of trigger names as
    `param` instead of only a list, and refusing a single `str` (which would otherwise be
    taken as a list of one-letter triggers) before anything reaches Rust. Same signature
    otherwise (`__wrapped__` is `gen`)."""
    sig = inspect.signature(gen)

    def arguments(args: tuple, kwargs: dict) -> inspect.BoundArguments:
        bound = sig.bind(*args, **kwargs)
        if param in bound.arguments:
            bound.arguments[param] = _trigger_list(bound.arguments[param])
        return bound

    if inspect.iscoroutinefunction(gen):

        async def wrapper(*args: typing.Any, **kwargs: typing.Any) -> typing.Any:
            bound = arguments(args, kwargs)
            return await gen(*bound.args, **bound.kwargs)

    else:

        def wrapper(*args: typing.Any, **kwargs: typing.Any) -> typing.Any:
            bound = arguments(args, kwargs)
            return gen(*bound.args, **bound.kwargs)

    functools.update_wrapper(wrapper, gen)
    optional = "Optional" in str(sig.parameters[param].annotation)
    shown = "Iterable[str] | None" if optional else "Iterable[str]"
    wrapper.__signature__ = sig.replace(  # type: ignore[attr-defined]
        parameters=[
            p.replace(annotation=shown) if p.name == param else p for p in sig.parameters.values()
        ]
    )
    doc = inspect.cleandoc(gen.__doc__ or "")
    note = (
        f"`{param}`: any iterable of trigger names (`WebhookTrigger` constants; any str is "
        "kept as is), not a single str."
    )
    wrapper.__doc__ = f"{doc}\n\n{note}" if doc else note
    return wrapper


# Every method taking triggers, on the blocking objects and their async twins.
for _cls, _name, _param in (
    (_ffi.Webhooks, "create", "triggers"),
    (_ffi.Webhooks, "replace", "triggers"),
    (_ffi.Webhooks, "update", "triggers"),
    (_ffi.Bundles, "create", "webhook_triggers"),
):
    for _owner in (_cls, getattr(_ffi, f"Async{_cls.__name__}")):
        setattr(_owner, _name, _iterable_triggers(getattr(_owner, _name), _param))

# --- Webhook callbacks: any header shape --------------------------------------------------------
#
# Frameworks hand headers over in many shapes: a dict, a dict of lists, a list of pairs (ASGI's
# are bytes), `http.server`'s `HTTPMessage`, Starlette's or Django's mappings. They are turned
# into the one shape Rust takes (name -> every value); names are matched case-insensitively in
# Rust. Nothing else happens here.

CallbackVerifier = _ffi.CallbackVerifier


def _text(value: typing.Any) -> str:
    return value.decode("latin-1") if isinstance(value, (bytes, bytearray)) else str(value)


def _header_multimap(headers: typing.Any) -> dict[str, list[str]]:
    if hasattr(headers, "multi_items"):  # Starlette: items() would keep one value per name
        pairs = headers.multi_items()
    elif hasattr(headers, "items"):
        pairs = headers.items()
    else:
        pairs = headers
    out: dict[str, list[str]] = {}
    for name, value in pairs:
        values = value if isinstance(value, (list, tuple)) else [value]
        out.setdefault(_text(name), []).extend(_text(v) for v in values)
    return out


def _raw_body(body: typing.Any) -> bytes:
    if isinstance(body, str):
        raise TypeError(
            "body must be the raw bytes received (bytes), not str: verify before decoding"
        )
    return bytes(body)


_generated_verifier_init = CallbackVerifier.__init__
_generated_verify = CallbackVerifier.verify


def _verifier_init(
    self: typing.Any,
    secrets: Iterable[str],
    tolerance_seconds: int | None = None,
    replay_cache: ReplayCache | None = None,
) -> None:
    """`secrets`: the webhook's secret, or several while rotating one (a single `str` is one
    secret). `tolerance_seconds`: how far the signed timestamp may be from this machine's clock,
    either way (default 300). `replay_cache`: default, one memory cache per process."""
    listed = [secrets] if isinstance(secrets, str) else list(secrets)
    _generated_verifier_init(self, listed, tolerance_seconds, replay_cache)


def _verify(self: typing.Any, headers: typing.Any, body: bytes) -> CallbackEvent:
    """Authenticates one request and returns its `CallbackEvent`, or raises a `CallbackError`
    subclass (``BadSignature``, ``StaleTimestamp``, ``ReplayedNonce``...). `headers`: any
    mapping (a dict, a dict of lists, ``http.server``'s message, Starlette's headers) or a list
    of pairs (bytes too, as ASGI has them); `body`: the raw bytes received."""
    return _generated_verify(self, _header_multimap(headers), _raw_body(body))


_verifier_init.__name__, _verifier_init.__qualname__ = "__init__", "CallbackVerifier.__init__"
_verify.__name__, _verify.__qualname__ = "verify", "CallbackVerifier.verify"
CallbackVerifier.__init__ = _verifier_init
CallbackVerifier.verify = _verify


def verify_callback(
    headers: typing.Any,
    body: bytes,
    secrets: Iterable[str],
    tolerance_seconds: int | None = None,
    replay_cache: ReplayCache | None = None,
) -> CallbackEvent:
    """One callback verified with ``secrets`` (see `CallbackVerifier`); nonces go to
    ``replay_cache``, by default one memory cache per process."""
    return CallbackVerifier(secrets, tolerance_seconds, replay_cache).verify(headers, body)


# --- ProvisioningClient as a context manager -----------------------------------------------------
#
# Leaving the `with` block releases the Rust client (its references to the auth object and the
# HTTP client) at once, as Kotlin's `use {}` does, instead of whenever the garbage collector
# gets to it. The object then refuses every call with `InvalidConfig`. Sub-clients taken from it
# before keep working: each holds its own reference. The async client does the same at the end
# of `async with` (and of a plain `with`: releasing does no I/O).


def _closed_class(cls: type) -> type:
    """The class a `cls` instance takes after its `with` block: every call raises
    `InvalidConfig`. (A subclass, so that the instance can take it: CPython needs the same
    layout.)"""
    shown = cls.__name__

    class Closed(cls):  # type: ignore[misc,valid-type]
        def __getattribute__(self, name: str) -> typing.Any:
            if name == "_handle" or (name.startswith("__") and name.endswith("__")):
                return object.__getattribute__(self, name)
            raise SinchError.InvalidConfig(  # type: ignore[attr-defined]
                reason=f"{shown}.{name}: this client was closed when its `with` block "
                f"ended; create a new {shown}"
            )

        def __del__(self) -> None:
            pass  # released when the `with` block ended

        def __repr__(self) -> str:
            return f"{shown}(closed)"

    Closed.__name__ = Closed.__qualname__ = f"_Closed{shown}"
    Closed.__doc__ = f"A `{shown}` after its `with` block: every call raises `InvalidConfig`."
    return Closed


def _make_closable(cls: type, is_async: bool) -> type:
    closed = _closed_class(cls)

    def __enter__(self: typing.Any) -> typing.Any:
        return self

    def __exit__(self: typing.Any, *exc_info: object) -> None:
        release = type(self).__del__  # the generated release of the Rust object
        self.__class__ = closed  # first: if it failed, nothing is released
        release(self)
        object.__setattr__(self, "_handle", None)

    cls.__enter__, cls.__exit__ = __enter__, __exit__
    if is_async:

        async def __aenter__(self: typing.Any) -> typing.Any:
            return self

        async def __aexit__(self: typing.Any, *exc_info: object) -> None:
            __exit__(self, *exc_info)

        cls.__aenter__, cls.__aexit__ = __aenter__, __aexit__
    return closed


_ClosedProvisioningClient = _make_closable(ProvisioningClient, is_async=False)
_ClosedAsyncProvisioningClient = _make_closable(_ffi.AsyncProvisioningClient, is_async=True)

# --- Logging bridge (see _logging.py) and asyncio (see aio.py) ---------------------------------

from . import aio as aio  # noqa: E402  (its classes are wired above)
from ._logging import TRACE as TRACE  # noqa: E402
from ._logging import set_log_level as set_log_level  # noqa: E402

__all__ = sorted(
    {
        *_exported,
        *OPEN_ENUMS,
        *(cls.__name__ for cls in ERRORS),
        *(cls.__name__ for cls in CALLBACK_ERRORS),
        "CallbackError",
        "CallbackVerifier",
        "SinchError",
        "verify_callback",
        "TRACE",
        "WebhookTrigger",
        "aio",
        "set_log_level",
    }
)

del _module, _name, _cls, _owner, _param, _fields, _secret, _pager, _items, _filtered, _trigger
