"""Webhook callbacks end to end: the emulator signs and delivers callbacks to a receiver on a
real loopback socket (the standard library's `http.server`), which verifies them with
`sinch_core.CallbackVerifier`. The scenarios of tests/scenarios/README.md, "Webhook callbacks"."""

from __future__ import annotations

import importlib.util
import queue
import shutil
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import PROJECT_ID, REPO

import sinch_core
from sinch_core import CallbackVerifier, ReplayCache, WebhookTrigger

WAIT_S = 15.0


class Receiver:
    """A webhook target on a free loopback port. Each POST is verified with `verifier`; the
    request and the outcome (event or exception) are queued; the answer is 200 for an event,
    the error's status otherwise, or 500 for the first `fail_first` requests."""

    def __init__(self, verifier: CallbackVerifier, fail_first: int = 0) -> None:
        self.inbox: queue.Queue = queue.Queue()
        self.fail_first = fail_first
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["content-length"]))
                headers = list(self.headers.items())
                try:
                    outcome = verifier.verify(self.headers, body)
                    status = 200
                except sinch_core.CallbackError as e:
                    outcome = e
                    status = e.http_status()
                if receiver.fail_first > 0:
                    receiver.fail_first -= 1
                    status = 500
                self.send_response(status)
                self.end_headers()
                receiver.inbox.put((headers, body, outcome))

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/sinch/callbacks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def next(self) -> tuple:
        return self.inbox.get(timeout=WAIT_S)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receivers():
    started: list[Receiver] = []

    def start(secrets, **kwargs) -> Receiver:
        cache = kwargs.pop("replay_cache", None) or ReplayCache.memory()
        r = Receiver(CallbackVerifier(secrets, replay_cache=cache), **kwargs)
        started.append(r)
        return r

    yield start
    for r in started:
        r.close()


def register(client, target: str, secret: str, triggers: list[str]) -> str:
    return client.webhooks().create(target=target, secret=secret, triggers=triggers).id


def submit_and_approve(emulator, client, name: str) -> None:
    client.whatsapp_templates().create(
        sinch_core.WhatsappTemplateCreate(
            name=name,
            language="EN_US",
            category="UTILITY",
            components=[
                sinch_core.WhatsappTemplateComponent.BODY(
                    text="Order {{1}} shipped", examples=[], add_security_recommendation=None
                )
            ],
            status=sinch_core.WhatsappSubmitMode.SUBMIT,
        )
    )
    emulator.set_whatsapp_state(PROJECT_ID, "template", "APPROVED", id=name)


def test_an_approved_template_is_delivered_verified_and_typed(emulator, client, receivers):
    rx = receivers(["whsec-approved"])
    register(client, rx.url, "whsec-approved", [WebhookTrigger.WHATSAPP_TEMPLATE_APPROVED])
    submit_and_approve(emulator, client, "order_shipped")
    headers, _, event = rx.next()
    assert isinstance(event, sinch_core.CallbackEvent), event
    assert event.trigger == "WHATSAPP_TEMPLATE_APPROVED"
    assert event.payload.is_whatsapp_template()
    template = event.payload.template
    assert (template.name, template.state, template.language) == (
        "order_shipped",
        "APPROVED",
        "EN_US",
    )
    assert "order_shipped" in event.payload_json
    assert event.comment is None
    assert ("x-sinch-webhook-signature-algorithm", "HmacSHA256") in [
        (k.lower(), v) for k, v in headers
    ]
    (delivery,) = emulator.settled_deliveries()
    assert delivery["status"] == "delivered"
    assert [a["status"] for a in delivery["attempts"]] == [200]


def test_a_tampered_body_is_a_bad_signature(emulator, client, receivers):
    rx = receivers(["whsec-t"])
    register(client, rx.url, "whsec-t", ["ALL"])
    emulator.emit_callback(PROJECT_ID, "BUNDLE_DONE", {"id": "b1", "state": "DONE"})
    headers, body, event = rx.next()
    assert isinstance(event, sinch_core.CallbackEvent)
    tampered = body.replace(b"b1", b"b2")
    with pytest.raises(sinch_core.BadSignature) as info:
        CallbackVerifier(["whsec-t"]).verify(headers, tampered)
    assert "whsec-t" not in str(info.value) and "whsec-t" not in repr(info.value)
    assert isinstance(info.value, sinch_core.CallbackError)


def test_the_same_delivery_replayed_is_refused(emulator, client, receivers):
    rx = receivers(["whsec-r"])
    register(client, rx.url, "whsec-r", ["ALL"])
    emulator.emit_callback(PROJECT_ID, "BUNDLE_DONE", {"id": "b1", "state": "DONE"})
    assert isinstance(rx.next()[2], sinch_core.CallbackEvent)
    (delivery,) = emulator.settled_deliveries()
    assert emulator.replay_delivery(delivery["id"]) == 409  # ReplayedNonce
    error = rx.next()[2]
    assert isinstance(error, sinch_core.ReplayedNonce), error
    assert error.nonce == delivery["attempts"][0]["nonce"]


def test_a_delivery_ten_minutes_old_is_stale(emulator, client, receivers):
    emulator.callback_config(max_attempts=1, clock_skew_secs=-600)
    rx = receivers(["whsec-s"])
    register(client, rx.url, "whsec-s", [WebhookTrigger.WHATSAPP_TEMPLATE_APPROVED])
    submit_and_approve(emulator, client, "late")
    error = rx.next()[2]
    assert isinstance(error, sinch_core.StaleTimestamp), error
    assert 600 <= error.skew_seconds <= 605
    assert "old" in str(error)


def test_an_unknown_trigger_is_kept_raw(emulator, client, receivers):
    rx = receivers(["whsec-u"])
    register(client, rx.url, "whsec-u", ["ALL"])
    assert emulator.emit_callback(PROJECT_ID, "WHATSAPP_FUTURE_THING", {"x": [1, 2]}, "note") == 1
    event = rx.next()[2]
    assert isinstance(event, sinch_core.CallbackEvent), event
    assert event.trigger == "WHATSAPP_FUTURE_THING"
    assert event.payload.is_other()
    assert event.payload_json == '{"x":[1,2]}'
    assert event.comment == "note"


def test_a_rotated_secret_old_and_new_are_both_accepted(emulator, client, receivers):
    rx = receivers(["whsec-old", "whsec-new"])
    webhook_id = register(client, rx.url, "whsec-old", ["ALL"])
    emulator.emit_callback(PROJECT_ID, "BUNDLE_DONE", {})
    assert isinstance(rx.next()[2], sinch_core.CallbackEvent)
    client.webhooks().update(webhook_id, secret="whsec-new")
    emulator.emit_callback(PROJECT_ID, "BUNDLE_DONE", {})
    headers, body, event = rx.next()
    assert isinstance(event, sinch_core.CallbackEvent)
    with pytest.raises(sinch_core.BadSignature):
        CallbackVerifier("whsec-old").verify(headers, body)


def test_a_failed_delivery_is_retried_and_the_attempts_are_listed(emulator, client, receivers):
    emulator.callback_config(max_attempts=3, backoff_ms=10)
    rx = receivers(["whsec-retry"], fail_first=1)
    register(client, rx.url, "whsec-retry", ["ALL"])
    emulator.emit_callback(PROJECT_ID, "BUNDLE_DONE", {})
    assert isinstance(rx.next()[2], sinch_core.CallbackEvent)
    assert isinstance(rx.next()[2], sinch_core.CallbackEvent)
    (delivery,) = emulator.settled_deliveries()
    assert delivery["status"] == "delivered"
    assert [a["status"] for a in delivery["attempts"]] == [500, 200]


def test_headers_in_any_shape(emulator):
    body = b'{"type":"BUNDLE_DONE","payload":{}}'
    now = int(time.time())
    signed = sinch_core.sign_callback("k", body, "n-shape", now)
    verifier = CallbackVerifier(["k"], replay_cache=ReplayCache.memory())
    upper = {k.upper(): v for k, v in signed.items()}
    assert verifier.verify(upper, body).nonce == "n-shape"
    for i, shape in enumerate(
        [
            lambda h: {k: [v] for k, v in h.items()},
            lambda h: list(h.items()),
            lambda h: [(k.encode(), v.encode()) for k, v in h.items()],  # ASGI
        ]
    ):
        headers = sinch_core.sign_callback("k", body, f"n{i}", now)
        assert verifier.verify(shape(headers), bytearray(body)).nonce == f"n{i}"
    with pytest.raises(TypeError):
        verifier.verify(signed, body.decode())
    with pytest.raises(sinch_core.MissingHeader) as info:
        verifier.verify({}, body)
    assert info.value.header == "x-sinch-webhook-signature"


def test_secrets_never_show(emulator, client, receivers):
    verifier = CallbackVerifier(["whsec-hidden-value"])
    assert "whsec-hidden-value" not in repr(verifier)
    rx = receivers(["whsec-wrong"])
    register(client, rx.url, "whsec-hidden-value", ["ALL"])
    emulator.emit_callback(PROJECT_ID, "WHATSAPP_SENDER_ACTIVE", {"id": "s1", "bearerToken": "bt1"})
    error = rx.next()[2]
    assert isinstance(error, sinch_core.BadSignature)
    assert "whsec" not in str(error) + repr(error)
    assert "whsec-hidden-value" not in str(emulator.deliveries())
    with pytest.raises(sinch_core.InvalidConfig):
        CallbackVerifier([""])


def test_a_foreign_replay_cache_is_used(emulator):
    class DictCache(sinch_core.ReplayCacheBackend):
        def __init__(self) -> None:
            self.keys: dict[str, int] = {}

        def insert_new(self, key: str, ttl_ms: int) -> bool:
            if key in self.keys:
                return False
            self.keys[key] = ttl_ms
            return True

    backend = DictCache()
    verifier = CallbackVerifier(["k"], replay_cache=ReplayCache.foreign(backend))
    body = b'{"type":"BUNDLE_DONE","payload":{}}'
    headers = sinch_core.sign_callback("k", body, "n-foreign", int(time.time()))
    verifier.verify(headers, body)
    assert len(backend.keys) == 1 and 0 < next(iter(backend.keys.values())) <= 301_000
    with pytest.raises(sinch_core.ReplayedNonce):
        verifier.verify(headers, body)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_redis_replay_cache_is_shared_by_every_process(emulator):
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.fail("redis-server is missing: run scripts/ensure-redis.sh")
    port = _free_port()
    proc = subprocess.Popen(
        [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.02)
        url = f"redis://127.0.0.1:{port}"
        one = CallbackVerifier(["k"], replay_cache=ReplayCache.redis(url))
        other = CallbackVerifier(["k"], replay_cache=ReplayCache.redis(url))
        body = b'{"type":"BUNDLE_DONE","payload":{}}'
        headers = sinch_core.sign_callback("k", body, "n-redis", int(time.time()))
        one.verify(headers, body)
        with pytest.raises(sinch_core.ReplayedNonce):
            other.verify(headers, body)
    finally:
        proc.kill()
        proc.wait(timeout=10)
    with pytest.raises(sinch_core.ReplayCacheUnavailable):
        other.verify(sinch_core.sign_callback("k", body, "n2", int(time.time())), body)


def test_the_example_receiver_reads_an_approved_template(emulator, client):
    # examples/webhooks/python/receiver.py, as its users run it.
    path = REPO / "examples" / "webhooks" / "python" / "receiver.py"
    spec = importlib.util.spec_from_file_location("webhook_receiver_example", path)
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    events: queue.Queue = queue.Queue()
    verifier = CallbackVerifier(["whsec-example"], replay_cache=ReplayCache.memory())
    server = ThreadingHTTPServer(("127.0.0.1", 0), example.make_handler(verifier, events.put))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/sinch/callbacks"
        register(client, url, "whsec-example", [WebhookTrigger.WHATSAPP_TEMPLATE_APPROVED])
        submit_and_approve(emulator, client, "example_template")
        event = events.get(timeout=WAIT_S)
        assert event.payload.template.name == "example_template"
        (delivery,) = emulator.settled_deliveries()
        assert delivery["attempts"][-1]["status"] == 200
    finally:
        server.shutdown()
        server.server_close()
