"""The code under test: a shop's set-up step that makes sure its event webhook exists."""

import sinch_core

EVENTS_URL = "https://shop.example.com/sinch/events"


def ensure_events_webhook(client: sinch_core.ProvisioningClient, secret: str) -> str:
    """The id of the webhook posting to EVENTS_URL, created if missing."""
    for hook in client.webhooks().iter():
        if hook.target == EVENTS_URL:
            return hook.id
    return (
        client.webhooks().create(target=EVENTS_URL, secret=secret, triggers=["ALL"]).id
    )
