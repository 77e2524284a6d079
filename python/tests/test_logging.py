"""The logging bridge: Rust records reach `logging.getLogger("sinch_core")`, at the level chosen,
and nothing secret ever reaches them (nor the store file, nor exception texts)."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest
from conftest import PROJECT_ID

import sinch_core
from sinch_core import SinchAuth, TokenStore, _logging


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=0)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def text(self) -> str:
        return "\n".join(
            f"{r.levelname} {getattr(r, 'rust_target', '')} {r.getMessage()}" for r in self.records
        )


@pytest.fixture
def capture():
    logger = logging.getLogger("sinch_core")
    before = logger.level
    handler = Capture()
    logger.addHandler(handler)
    sinch_core.set_log_level(sinch_core.TRACE)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        sinch_core.set_log_level(before or logging.WARNING)
        logger.setLevel(before)


def test_secrets_absent_from_store_logs_and_errors(emulator, tmp_path, capture):
    path = tmp_path / "tokens.json"
    store = TokenStore.file(str(path))
    secrets = [emulator.key_secret, "demo-password", "wrong-secret-123"]
    errors: list[BaseException] = []

    auth = SinchAuth.oauth(
        key_id=emulator.key_id,
        key_secret=emulator.key_secret,
        token_url=emulator.token_url,
        store=store,
    )
    client = sinch_core.ProvisioningClient(
        project_id=PROJECT_ID, auth=auth, base_url=emulator.base_url
    )
    secrets.append(auth.access_token())
    emulator.expire_tokens()  # expired token: one 401, a new token, one retry
    client.webhooks().list()
    secrets.append(auth.access_token())
    emulator.fault("api", 1, {"kind": "status", "status": 503, "retry_after": "0"})
    client.webhooks().list()  # 503, retried
    wrong = SinchAuth.oauth(
        key_id=emulator.key_id, key_secret="wrong-secret-123", token_url=emulator.token_url
    )
    with pytest.raises(sinch_core.InvalidCredentials) as info:
        wrong.access_token()
    errors.append(info.value)
    india = SinchAuth.india(
        username="demo-user",
        password="demo-password",
        token_url=emulator.keycloak_token_url,
        store=store,
    )
    secrets.append(india.access_token())
    emulator.fault("token", 1, {"kind": "status", "status": 429, "retry_after": "0"})
    emulator.add_key("other", "other-secret-456")
    secrets.append("other-secret-456")
    secrets.append(
        SinchAuth.oauth(
            key_id="other", key_secret="other-secret-456", token_url=emulator.token_url
        ).access_token()
    )
    bad_india = SinchAuth.india(
        username="demo-user", password="wrong-password-77", token_url=emulator.keycloak_token_url
    )
    secrets.append("wrong-password-77")
    with pytest.raises(sinch_core.SinchError) as info:
        bad_india.access_token()
    errors.append(info.value)

    logs = capture.text()
    assert "sha256:" in logs, f"tokens are logged by fingerprint:\n{logs}"
    assert "retrying" in logs, f"retries are logged:\n{logs}"
    levels = {r.levelno for r in capture.records}
    assert levels <= {logging.ERROR, logging.WARNING, logging.INFO, logging.DEBUG, 5}, levels
    assert logging.DEBUG in levels
    assert all(r.name == "sinch_core" for r in capture.records)
    assert all(r.rust_target.startswith("sinch_core") for r in capture.records)
    texts = [logs]
    for e in errors:
        texts += [str(e), repr(e), *map(str, e.args)]
    for secret in secrets:
        for text in texts:
            assert secret not in text, f"{secret[:12]}... leaked into:\n{text}"
    # The store holds tokens (that is its job), never a key secret or a password.
    stored = path.read_text()
    for secret in (emulator.key_secret, "demo-password", "wrong-password-77", "wrong-secret-123"):
        assert secret not in stored


def test_rust_filters_below_the_level_set(emulator, capture, monkeypatch):
    calls: list = []
    original = _logging._LoggingSink.log

    def counting(self, level, target, text):
        calls.append(level)
        original(self, level, target, text)

    monkeypatch.setattr(_logging._LoggingSink, "log", counting)
    sinch_core.set_log_level("WARNING")
    SinchAuth.oauth(
        key_id=emulator.key_id, key_secret=emulator.key_secret, token_url=emulator.token_url
    ).access_token()  # logs the new token at DEBUG: filtered in Rust, never reaches Python
    assert calls == []
    sinch_core.set_log_level(logging.DEBUG)
    emulator.expire_tokens()
    sinch_core.ProvisioningClient(
        project_id=PROJECT_ID,
        auth=SinchAuth.oauth(
            key_id=emulator.key_id, key_secret=emulator.key_secret, token_url=emulator.token_url
        ),
        base_url=emulator.base_url,
    ).webhooks().list()
    assert sinch_core.LogLevel.DEBUG in calls
    assert sinch_core.LogLevel.TRACE not in calls
    assert capture.records


def test_the_sink_never_raises(emulator, capture, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("a broken handler")

    monkeypatch.setattr(_logging.LOGGER, "log", boom)
    auth = SinchAuth.oauth(
        key_id=emulator.key_id, key_secret=emulator.key_secret, token_url=emulator.token_url
    )
    assert auth.access_token()  # records were produced, the sink swallowed the error


def test_unknown_level_name_is_refused():
    with pytest.raises(ValueError):
        sinch_core.set_log_level("LOUD")


@pytest.mark.parametrize(
    ("configure", "expected"), [("", "WARN"), ("logging.basicConfig(level=logging.DEBUG)", "DEBUG")]
)
def test_rust_level_follows_the_logger_at_import(configure, expected):
    code = (
        f"import logging\n{configure}\nimport sinch_core\n"
        "from sinch_core import _logging\n"
        "print(_logging._rust_level(_logging.LOGGER.getEffectiveLevel()).name)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == expected
