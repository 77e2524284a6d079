"""Bridge from sinch-core's Rust log records to Python's `logging`.

At import, a sink is installed with `set_log_sink` that hands every record to the logger
``"sinch_core"`` (records never contain a secret or a token: tokens appear as ``sha256:``
fingerprints). The Rust side filters by level before calling into Python, so the Rust maximum
level is taken from that logger's effective level at import; change both with
`set_log_level(level)`.

Records arrive on Rust threads (with the GIL taken by the callback). The sink does the least it
can, and never raises: an exception escaping a UniFFI callback that returns nothing would be a
panic on the Rust side.
"""

from __future__ import annotations

import atexit
import logging

from ._native import sinch_core_ffi as _ffi

TRACE = 5
"""Python has no TRACE level; Rust's trace records are logged at this level (below DEBUG)."""

LOGGER = logging.getLogger("sinch_core")

_TO_PYTHON = {
    _ffi.LogLevel.ERROR: logging.ERROR,
    _ffi.LogLevel.WARN: logging.WARNING,
    _ffi.LogLevel.INFO: logging.INFO,
    _ffi.LogLevel.DEBUG: logging.DEBUG,
    _ffi.LogLevel.TRACE: TRACE,
}


class _LoggingSink(_ffi.LogSink):
    def log(self, level: _ffi.LogLevel, target: str, text: str) -> None:
        try:
            py_level = _TO_PYTHON.get(level, logging.DEBUG)
            LOGGER.log(py_level, "%s", text, extra={"rust_target": target})
        except BaseException:  # noqa: BLE001, S110 - a log sink must never raise into Rust
            pass


_SINK = _LoggingSink()


def _rust_level(level: int) -> _ffi.LogLevel:
    if level <= TRACE:  # includes NOTSET (0): everything
        return _ffi.LogLevel.TRACE
    if level <= logging.DEBUG:
        return _ffi.LogLevel.DEBUG
    if level <= logging.INFO:
        return _ffi.LogLevel.INFO
    if level <= logging.WARNING:
        return _ffi.LogLevel.WARN
    return _ffi.LogLevel.ERROR


def set_log_level(level: int | str) -> None:
    """Sets the level of sinch-core's logging, on both sides of the bridge.

    `level` is a `logging` level (``logging.DEBUG``, ``"INFO"``, ``sinch_core.TRACE``...). The
    logger ``"sinch_core"`` gets this level, and Rust stops producing records below it (which
    saves the calls into Python). At import the level is the logger's effective level then
    (WARNING with an unconfigured `logging`), so call this after configuring logging if you want
    sinch-core's DEBUG records.
    """
    if isinstance(level, str):
        resolved = logging.getLevelName(level.upper())
        if not isinstance(resolved, int):
            raise ValueError(f"unknown logging level {level!r}")
        level = resolved
    LOGGER.setLevel(level)
    _ffi.set_log_sink(_SINK, _rust_level(level))


def _install() -> None:
    _ffi.set_log_sink(_SINK, _rust_level(LOGGER.getEffectiveLevel()))


def _uninstall() -> None:
    # No calls into a finalizing interpreter from Rust threads that outlive it.
    _ffi.set_log_sink(None, _ffi.LogLevel.ERROR)


_install()
atexit.register(_uninstall)
