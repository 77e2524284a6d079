"""The channels of Conversation API apps: each channel's info as linked, an unknown status
kept, the documented errors."""

from __future__ import annotations

import pytest
from conftest import PROJECT_ID, api_error
from sinch_emulator import EmulatorError

import sinch_core

# A Conversation API app id as Sinch makes them (a ULID).
APP = "01HZY8Q5V9K3M2N4P6R7S8T0AB"


def test_each_channel_answers_the_info_linked_to_the_app(emulator, client):
    link = emulator.link_conversation_channel
    link(
        PROJECT_ID,
        APP,
        "instagram",
        {
            "id": "17841400000000000",
            "username": "acme.shop",
            "followersCount": 1200,
            "mediaCount": 48,
        },
    )
    link(PROJECT_ID, APP, "messenger", {"id": "1122334455", "globalBrandPageName": "Acme Global"})
    link(
        PROJECT_ID,
        APP,
        "telegram",
        {
            "status": "FAILING",
            "statusDescription": "Bot token revoked",
            "username": "acme_bot",
            "canJoinGroups": True,
        },
    )
    link(
        PROJECT_ID,
        APP,
        "viber",
        {
            "status": "PENDING",
            "location": {"lon": 18.06, "lat": 59.33},
            "country": "Sweden",
            "subscribersCount": 42,
        },
    )
    channels = client.conversation_channels()

    insta = channels.instagram(APP)
    assert (insta.status, insta.username, insta.followers_count) == ("ACTIVE", "acme.shop", 1200)
    page = channels.messenger(APP)
    assert (page.status, page.global_brand_page_name) == ("ACTIVE", "Acme Global")
    bot = channels.telegram(APP)
    assert (bot.status, bot.status_description) == ("FAILING", "Bot token revoked")
    assert bot.can_join_groups is True and bot.supports_inline_queries is None
    viber = channels.viber(APP)
    assert (viber.status, viber.country, viber.subscribers_count) == ("PENDING", "Sweden", 42)
    assert (viber.location.lon, viber.location.lat) == (18.06, 59.33)


def test_unknown_status_from_the_server_is_kept(emulator, client):
    emulator.link_conversation_channel(PROJECT_ID, APP, "viber", {"status": "SUSPENDED"})
    assert client.conversation_channels().viber(APP).status == "SUSPENDED"


def test_documented_errors(emulator, client):
    emulator.link_conversation_channel(PROJECT_ID, APP, "telegram")
    channels = client.conversation_channels()
    with pytest.raises(sinch_core.ApiError) as info:
        channels.instagram("not-an-app-id")
    assert api_error(info) == (400, "conversation_app_id_invalid")
    for call in (channels.instagram, channels.messenger, channels.viber):  # Telegram only
        with pytest.raises(sinch_core.ApiError) as info:
            call(APP)
        assert api_error(info) == (404, "channel_not_found")
    stranger = sinch_core.SinchAuth.basic(key_id=emulator.key_id, key_secret="not-the-secret")
    other = sinch_core.ProvisioningClient(
        project_id=PROJECT_ID, auth=stranger, base_url=emulator.base_url
    )
    with pytest.raises(sinch_core.InvalidCredentials):  # the API's 401
        other.conversation_channels().telegram(APP)
    with pytest.raises(EmulatorError, match="unknown channel"):
        emulator.link_conversation_channel(PROJECT_ID, APP, "whatsapp")


async def test_the_async_twin_answers_the_same(emulator, auth):
    from sinch_core import aio

    emulator.link_conversation_channel(PROJECT_ID, APP, "messenger", {"name": "Acme"})
    async with aio.ProvisioningClient(
        project_id=PROJECT_ID, auth=auth, base_url=emulator.base_url
    ) as client:
        page = await client.conversation_channels().messenger(APP)
    assert page.name == "Acme"
