"""sinch_core in one page: provision a project end to end against a running sinch-emulator.

    sinch-emulator --port 8080 &
    python python/examples/demo.py --base-url http://127.0.0.1:8080 [--project my-project]

Credentials: --key-id (default the emulator's demo key) and $SINCH_KEY_SECRET; never printed
(the token is shown only as a fingerprint, as sinch-core logs it).
"""

from __future__ import annotations

import argparse
import hashlib
import os

import sinch_core
from sinch_core import (
    SinchAuth,
    WebhookTrigger,
    WhatsappSenderCreate,
    WhatsappSubmitMode,
    WhatsappTemplateComponent,
    WhatsappTemplateCreate,
    WhatsappTemplateUpdate,
)


def fingerprint(token: str) -> str:
    return "sha256:" + hashlib.sha256(token.encode()).hexdigest()[:8]


def step(n: int, text: str) -> None:
    print(f"\n{n}. {text}")


def main() -> None:
    parser = argparse.ArgumentParser(description="sinch_core demo against a sinch-emulator")
    parser.add_argument("--base-url", required=True, help="e.g. http://127.0.0.1:8080")
    parser.add_argument("--project", default="demo-project")
    parser.add_argument("--key-id", default="demo-key-id")
    args = parser.parse_args()
    base = args.base_url.rstrip("/")
    secret = os.environ.get("SINCH_KEY_SECRET", "demo-key-secret")

    step(1, "OAuth2 token (client_credentials), cached process-wide in Rust")
    auth = SinchAuth.oauth(key_id=args.key_id, key_secret=secret, token_url=f"{base}/oauth2/token")
    print(f"   {auth!r}")
    print(f"   token {fingerprint(auth.access_token())}; a second read is served from the cache")
    client = sinch_core.ProvisioningClient(project_id=args.project, auth=auth, base_url=base)

    step(2, "Create an SMS app")
    app = client.sms_apps().create(name="Order alerts", region="EU")
    print(f"   {app.id}  {app.name!r}  status={app.status}  regions={app.regions}")

    step(3, "Register a webhook for template and sender events")
    hooks = client.webhooks()
    triggers = [WebhookTrigger.WHATSAPP_TEMPLATE_APPROVED, WebhookTrigger.WHATSAPP_SENDER_ACTIVE]
    hook = hooks.create(
        target="https://example.com/sinch-hook", secret="whsec-demo", triggers=triggers
    )
    print(f"   {hook.id} -> {hook.target}  {hook.triggers}")

    step(4, "Create a WhatsApp template (draft), then submit it for review")
    templates = client.whatsapp_templates()
    body = WhatsappTemplateComponent.BODY(
        text="Hi {{1}}, your order has shipped.", examples=["Ann"], add_security_recommendation=None
    )
    draft = templates.create(
        WhatsappTemplateCreate(
            name="order_shipped", language="EN_US", category="UTILITY", components=[body]
        )
    )
    print(f"   {draft.name}/{draft.language}: change {draft.changes.status}")
    submitted = templates.update(
        "order_shipped", "EN_US", WhatsappTemplateUpdate(status=WhatsappSubmitMode.SUBMIT)
    )
    print(f"   submitted: state {submitted.state}")

    step(5, "Create three WhatsApp senders, then page through them two at a time")
    senders = client.whatsapp_senders()
    for i in range(3):
        senders.create(
            WhatsappSenderCreate.EMBEDDED_SIGNUP(
                region="EU", meta_local_storage=None, waba_id=f"10000{i}", phone_number_id=f"77{i}"
            )
        )
    for n, page in enumerate(senders.iter_pages(page_size=2), 1):  # one request per page
        ids = ", ".join(s.id for s in page.senders)
        print(f"   page {n}: {ids}  (total {page.total_size})")

    step(6, "Send a WhatsApp text through Sinch India (Keycloak login, its own cached token)")
    india = SinchAuth.india(
        username="demo-user",
        password=os.environ.get("SINCH_INDIA_PASSWORD", "demo-password"),
        token_url=f"{base}/realms/ipmessaging/protocol/openid-connect/token",
    )
    wa = sinch_core.IndiaWhatsappClient(
        auth=india, send_url=f"{base}/pull-platform-receiver/v2/wa/messages"
    )
    sent = wa.send_text(sinch_core.TextMessage(to="919876543210", body="Your order has shipped"))
    print(f"   sent: response_id {sent.response_id}")

    step(7, "A typed error: registering the same webhook again")
    try:
        hooks.create(
            target="https://example.com/sinch-hook", secret="whsec-demo", triggers=triggers
        )
    except sinch_core.ApiError as e:
        print(f"   ApiError {e.status} {e.error_code}: {e.detail}")
        print(f"   resolution: {e.resolution}")


if __name__ == "__main__":
    main()
