"""pytest plugin (registered by the package's `pytest11` entry point): the `sinch_emulator`
fixture, one emulator process per session reset before each test, and
`sinch_emulator_factory` for emulators with settings of their own."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from . import Emulator


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("sinch-emulator")
    group.addoption(
        "--sinch-emulator-seed",
        metavar="FILE",
        help="resources the session's emulator creates at start and restores on every reset",
    )
    group.addoption(
        "--sinch-emulator-token-lifetime",
        metavar="SECS",
        help="lifetime of the Sinch OAuth2 tokens the session's emulator issues",
    )
    parser.addini(
        "sinch_emulator_seed",
        "seed file for the session's emulator, relative to the ini file (the command-line "
        "option wins)",
    )
    group.addoption(
        "--sinch-emulator-binary",
        metavar="PATH",
        help="the sinch-emulator binary to run (default: the one this package installed)",
    )


def _session_args(config: pytest.Config) -> list[str]:
    args = []
    seed = config.getoption("--sinch-emulator-seed")
    if not seed and config.getini("sinch_emulator_seed"):
        base = config.inipath.parent if config.inipath else config.rootpath
        seed = str(base / config.getini("sinch_emulator_seed"))
    if seed:
        args += ["--seed", seed]
    lifetime = config.getoption("--sinch-emulator-token-lifetime")
    if lifetime:
        args += ["--token-lifetime", lifetime]
    return args


@pytest.fixture(scope="session")
def _sinch_emulator_session(pytestconfig: pytest.Config) -> Iterator[Emulator]:
    emu = Emulator.start(
        *_session_args(pytestconfig),
        binary_path=pytestconfig.getoption("--sinch-emulator-binary"),
    )
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture
def sinch_emulator(_sinch_emulator_session: Emulator) -> Emulator:
    """The session's emulator, reset for this test: counters and faults cleared, resources back
    to the seed. Tokens issued earlier stay valid, so a client cached across tests keeps
    working."""
    _sinch_emulator_session.reset()
    return _sinch_emulator_session


@pytest.fixture
def sinch_emulator_factory(
    pytestconfig: pytest.Config,
) -> Iterator[Callable[..., Emulator]]:
    """Starts emulators of this test's own (`factory("--token-lifetime", "3")`); each is
    stopped when the test ends."""
    started: list[Emulator] = []

    def start(*args: str) -> Emulator:
        emu = Emulator.start(*args, binary_path=pytestconfig.getoption("--sinch-emulator-binary"))
        started.append(emu)
        return emu

    try:
        yield start
    finally:
        for emu in started:
            emu.stop()
