"""Test fixtures: one fresh emulator process per test, started and controlled by the
`sinch-emulator` package (`sinch_emulator.Emulator`, the same control client users get).

The binary is the one that package installed, or `SINCH_EMULATOR` if set (`scripts/python.sh`
installs the package from the workspace build).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sinch_emulator import Emulator

REPO = Path(__file__).resolve().parents[2]
# The emulator serves any project id; the tests use this one.
PROJECT_ID = "test-project"


@pytest.fixture
def emulator(sinch_emulator_factory: Callable[..., Emulator]) -> Emulator:
    """An emulator of this test's own, stopped when the test ends. Not the plugin's session
    emulator (`sinch_emulator`): the token cache is process-wide and keyed by token URL, so on
    one shared port a token cached by one test would serve the next, and the tests count token
    requests. A fresh port per test starts each with an empty cache."""
    return sinch_emulator_factory()


def api_requests(emulator: Emulator) -> int:
    return emulator.counters()["api_requests"]


def assert_lazy(emulator: Emulator, items: Iterator, page_size: int, total: int) -> list:
    """Consumes `items` (an `iter(page_size=...)` generator) and checks that each page is
    requested only when its first item is reached. Returns the items."""
    seen: list = []
    before = api_requests(emulator)
    for i, item in enumerate(items):
        seen.append(item)
        assert api_requests(emulator) - before == i // page_size + 1, f"item {i}"
    assert len(seen) == total
    return seen


def api_error(excinfo: Any) -> tuple:
    """(status, error_code) of a raised `sinch_core.ApiError`."""
    import sinch_core

    e = excinfo.value
    assert isinstance(e, sinch_core.ApiError), repr(e)
    return e.status, e.error_code


@pytest.fixture
def auth(emulator):
    import sinch_core

    return sinch_core.SinchAuth.oauth(
        key_id=emulator.key_id, key_secret=emulator.key_secret, token_url=emulator.token_url
    )


@pytest.fixture
def client(emulator, auth):
    import sinch_core

    return sinch_core.ProvisioningClient(
        project_id=PROJECT_ID, auth=auth, base_url=emulator.base_url
    )
