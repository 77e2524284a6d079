//! The channels of Conversation API apps against the in-process emulator: each channel's info
//! as linked, an unknown status kept, the documented errors.

mod common;

use common::*;
use serde_json::json;
use sinch_core::provisioning::conversation::{ChannelIntegrationStatus, ViberBotLocation};
use sinch_core::{Auth, ProvisioningClient, ProvisioningConfig, SinchError};

/// A Conversation API app id as Sinch makes them (a ULID).
const APP: &str = "01HZY8Q5V9K3M2N4P6R7S8T0AB";

#[test]
fn each_channel_answers_the_info_linked_to_the_app() {
    let emu = emulator();
    let channels = client(&emu, oauth(&emu)).conversation_channels();
    emu.link_conversation_channel(
        PROJECT,
        APP,
        "instagram",
        json!({"status": "ACTIVE", "id": "17841400000000000", "username": "acme.shop",
               "followersCount": 1200, "followsCount": 3, "mediaCount": 48,
               "website": "https://acme.example"}),
    )
    .unwrap();
    emu.link_conversation_channel(
        PROJECT,
        APP,
        "messenger",
        json!({"id": "1122334455", "name": "Acme", "globalBrandPageName": "Acme Global"}),
    )
    .unwrap();
    emu.link_conversation_channel(
        PROJECT,
        APP,
        "telegram",
        json!({"status": "FAILING", "statusDescription": "Bot token revoked",
               "name": "Acme bot", "username": "acme_bot", "canJoinGroups": true,
               "canReadAllGroupMessages": false, "supportsInlineQueries": false}),
    )
    .unwrap();
    emu.link_conversation_channel(
        PROJECT,
        APP,
        "viber",
        json!({"status": "PENDING", "id": "pa:5678", "name": "Acme", "uri": "acme",
               "category": "Shopping", "location": {"lon": 18.06, "lat": 59.33},
               "country": "Sweden", "subscribersCount": 42}),
    )
    .unwrap();

    let insta = channels.instagram(APP).unwrap();
    assert_eq!(insta.status, ChannelIntegrationStatus::Active);
    assert_eq!(insta.username.as_deref(), Some("acme.shop"));
    assert_eq!(insta.followers_count, Some(1200));
    assert_eq!(insta.media_count, Some(48));

    let page = channels.messenger(APP).unwrap();
    assert_eq!(page.status, ChannelIntegrationStatus::Active, "the default");
    assert_eq!(page.global_brand_page_name.as_deref(), Some("Acme Global"));

    let bot = channels.telegram(APP).unwrap();
    assert_eq!(bot.status, ChannelIntegrationStatus::Failing);
    assert_eq!(bot.status_description.as_deref(), Some("Bot token revoked"));
    assert_eq!(bot.can_join_groups, Some(true));

    let viber = channels.viber(APP).unwrap();
    assert_eq!(viber.status, ChannelIntegrationStatus::Pending);
    assert_eq!(
        viber.location,
        Some(ViberBotLocation {
            lon: 18.06,
            lat: 59.33
        })
    );
    assert_eq!(viber.subscribers_count, Some(42));
}

#[test]
fn unknown_status_from_the_server_is_kept() {
    let emu = emulator();
    let channels = client(&emu, oauth(&emu)).conversation_channels();
    emu.link_conversation_channel(PROJECT, APP, "viber", json!({"status": "SUSPENDED"}))
        .unwrap();
    let viber = channels.viber(APP).unwrap();
    assert_eq!(
        viber.status,
        ChannelIntegrationStatus::Unknown("SUSPENDED".into())
    );
    assert_eq!(viber.status.as_str(), "SUSPENDED");
}

#[test]
fn documented_errors() {
    let emu = emulator();
    let c = client(&emu, oauth(&emu));
    let channels = c.conversation_channels();
    emu.link_conversation_channel(PROJECT, APP, "telegram", json!({}))
        .unwrap();
    assert_eq!(
        api_error(channels.instagram("not-an-app-id").unwrap_err()),
        (400, "conversation_app_id_invalid".into())
    );
    // The app has Telegram only: the other channels are not found.
    for e in [
        channels.instagram(APP).unwrap_err(),
        channels.messenger(APP).unwrap_err(),
        channels.viber(APP).unwrap_err(),
    ] {
        assert_eq!(api_error(e), (404, "channel_not_found".into()));
    }
    // Another project does not see this project's app.
    let other = ProvisioningClient::new(
        ProvisioningConfig::new("another-project").with_base_url(emu.base_url()),
        oauth(&emu),
    )
    .unwrap()
    .conversation_channels();
    assert_eq!(
        api_error(other.telegram(APP).unwrap_err()),
        (404, "channel_not_found".into())
    );
    // The API's 401 (a key it does not know, sent as Basic): bad credentials, typed as such.
    let stranger = Auth::basic(KEY_ID, "not-the-secret").unwrap();
    let err = client(&emu, stranger)
        .conversation_channels()
        .telegram(APP)
        .unwrap_err();
    assert!(
        matches!(err, SinchError::InvalidCredentials { .. }),
        "{err:?}"
    );
    // An identifier that would change the path is refused before any request.
    assert!(matches!(
        channels.viber("..").unwrap_err(),
        SinchError::InvalidConfig { .. }
    ));
}
