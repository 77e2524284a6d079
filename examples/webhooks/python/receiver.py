"""A Provisioning webhook receiver with the standard library's `http.server`.

    SINCH_WEBHOOK_SECRETS=my-secret python receiver.py 8080

then register ``https://<your host>/sinch/callbacks`` (or ``http://127.0.0.1:8080/...`` with the
emulator) as a webhook with the same secret. Several comma-separated secrets are accepted while
one is rotated. Docs: docs/webhooks.md.
"""

from __future__ import annotations

import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import sinch_core

# Callbacks are small; a larger body is refused before it is read.
MAX_BODY = 1 << 20


def make_handler(verifier: sinch_core.CallbackVerifier, on_event) -> type:
    """A request handler verifying each POST with `verifier` and passing events to
    `on_event(event)`."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            if length > MAX_BODY:
                self.send_response(413)
                self.end_headers()
                return
            body = self.rfile.read(length)  # the raw bytes: the signature covers them
            try:
                event = verifier.verify(self.headers, body)
            except sinch_core.CallbackError as e:
                # `str(e)` says what went wrong and never contains the secret.
                self.log_message("refused callback (%s): %s", type(e).__name__, e)
                # 401 forged or stale, 409 replayed, 400 malformed, 503 cache down: Sinch retries.
                self.send_response(e.http_status())
                self.end_headers()
                return
            on_event(event)
            # Answer quickly (Sinch retries without a 2xx); do slow work elsewhere.
            self.send_response(200)
            self.end_headers()

    return Handler


def print_event(event: sinch_core.CallbackEvent) -> None:
    payload = event.payload
    if payload.is_whatsapp_template():
        print(
            f"{event.trigger}: template {payload.template.name} is {payload.template.state}"
        )
    elif payload.is_whatsapp_sender():
        print(f"{event.trigger}: sender {payload.sender.id} is {payload.sender.state}")
    else:  # unknown triggers arrive too, with the raw payload
        print(f"{event.trigger}: {event.payload_json}")
    if event.comment:
        print(f"  comment: {event.comment}")


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    secrets = os.environ["SINCH_WEBHOOK_SECRETS"].split(",")
    # Built once: it holds the secrets, the timestamp window and the replay cache
    # (`replay_cache=sinch_core.ReplayCache.redis(url)` when several processes receive).
    verifier = sinch_core.CallbackVerifier(secrets)
    server = ThreadingHTTPServer(
        ("127.0.0.1", port), make_handler(verifier, print_event)
    )
    print(f"listening on http://127.0.0.1:{server.server_port}/sinch/callbacks")
    server.serve_forever()


if __name__ == "__main__":
    main()
