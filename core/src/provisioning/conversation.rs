//! The channels of a Conversation API app (`/conversation/apps/{conversationAppId}/…`): what
//! Instagram, Facebook Messenger, Telegram and Viber report about the account or bot linked to
//! the app. Read-only; the channel is linked in the Sinch dashboard or the Conversation API.
//!
//! - Each answer carries the integration `status` (`ACTIVE`, `ERROR`, `FAILING`, `PENDING`,
//!   kept as sent when Sinch adds one) and, when it is `ERROR` or `FAILING`,
//!   `statusDescription`; the other fields are the channel's own and all optional.
//! - Errors: 400 `conversation_app_id_invalid`, 401 `unauthorized_error`; 404 when the app has
//!   no such channel (the errorCode of that 404 is not documented).
//!
//! Shapes: the spec v1.2.117 component schemas (`ConversationInstagramInfoDto`,
//! `ConversationMessengerInfoDto`, `ConversationTelegramBotInfoDto`,
//! `ConversationViberBotInfoDto`), which match the v1.2.91 reference pages field for field.
//! The operationIds are the v1.2.91 reference page slugs (`instagramcontroller_get_v1`, ...):
//! the v1.2.117 spec's ids for this tag were not read, and its other tags prefix the
//! controller name, so the current ids may differ.

use super::{ProvisioningClient, Segment};
use crate::error::Result;
use crate::open_enum;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

open_enum! {
    /// The state of a channel's integration with a Conversation API app.
    ChannelIntegrationStatus {
        Active = "ACTIVE",
        Error = "ERROR",
        Failing = "FAILING",
        Pending = "PENDING",
        Unrecognized = "UNRECOGNIZED",
    }
}

/// The Instagram account linked to an app (`ConversationInstagramInfoDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct InstagramChannelInfo {
    pub status: ChannelIntegrationStatus,
    /// Why the integration is `ERROR` or `FAILING`.
    #[serde(default)]
    pub status_description: Option<String>,
    /// The Instagram ID.
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub biography: Option<String>,
    #[serde(default)]
    pub followers_count: Option<i64>,
    #[serde(default)]
    pub follows_count: Option<i64>,
    #[serde(default)]
    pub media_count: Option<i64>,
    #[serde(default)]
    pub profile_picture_url: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
}

/// The Facebook page linked to an app (`ConversationMessengerInfoDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct MessengerChannelInfo {
    pub status: ChannelIntegrationStatus,
    /// Why the integration is `ERROR` or `FAILING`.
    #[serde(default)]
    pub status_description: Option<String>,
    /// The page ID.
    #[serde(default)]
    pub id: Option<String>,
    /// The page name.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub global_brand_page_name: Option<String>,
}

/// The Telegram bot linked to an app (`ConversationTelegramBotInfoDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct TelegramBotInfo {
    pub status: ChannelIntegrationStatus,
    /// Why the integration is `ERROR` or `FAILING`.
    #[serde(default)]
    pub status_description: Option<String>,
    /// The bot's name.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub can_join_groups: Option<bool>,
    /// True when the bot's privacy mode is off.
    #[serde(default)]
    pub can_read_all_group_messages: Option<bool>,
    #[serde(default)]
    pub supports_inline_queries: Option<bool>,
}

/// Where a Viber bot is (`ConversationAccountLocationDto`; both required there).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ViberBotLocation {
    pub lon: f64,
    pub lat: f64,
}

/// The Viber bot linked to an app (`ConversationViberBotInfoDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct ViberBotInfo {
    pub status: ChannelIntegrationStatus,
    /// Why the integration is `ERROR` or `FAILING`.
    #[serde(default)]
    pub status_description: Option<String>,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub uri: Option<String>,
    /// The icon's URI.
    #[serde(default)]
    pub icon: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub subcategory: Option<String>,
    #[serde(default)]
    pub location: Option<ViberBotLocation>,
    /// The country's name (not a code).
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub subscribers_count: Option<i64>,
}

/// The channels of the Conversation API apps of one project.
#[derive(Debug, Clone)]
pub struct ConversationChannels {
    client: ProvisioningClient,
}

impl ConversationChannels {
    pub(crate) fn new(client: ProvisioningClient) -> Self {
        ConversationChannels { client }
    }

    fn get<T: DeserializeOwned>(
        &self,
        conversation_app_id: &str,
        channel: &'static str,
        action: &str,
    ) -> Result<T> {
        let mut segments = path!["conversation", "apps", { conversation_app_id }].to_vec();
        segments.push(Segment::Fixed(channel));
        let url = self.client.url(&segments, &[])?;
        self.client.call(Method::GET, url, None, action)
    }

    /// The Instagram account linked to the app.
    ///
    /// Spec: `GET /conversation/apps/{conversationAppId}/instagram`, operationId
    /// `instagramcontroller_get_v1` (v1.2.91 page slug).
    pub fn instagram(&self, conversation_app_id: &str) -> Result<InstagramChannelInfo> {
        self.get(
            conversation_app_id,
            "instagram",
            "getting an app's Instagram channel",
        )
    }

    /// The Facebook Messenger page linked to the app.
    ///
    /// Spec: `GET /conversation/apps/{conversationAppId}/messenger`, operationId
    /// `messengercontroller_get_v1` (v1.2.91 page slug).
    pub fn messenger(&self, conversation_app_id: &str) -> Result<MessengerChannelInfo> {
        self.get(
            conversation_app_id,
            "messenger",
            "getting an app's Messenger channel",
        )
    }

    /// The Telegram bot linked to the app.
    ///
    /// Spec: `GET /conversation/apps/{conversationAppId}/telegram`, operationId
    /// `telegramcontroller_get_v1` (v1.2.91 page slug).
    pub fn telegram(&self, conversation_app_id: &str) -> Result<TelegramBotInfo> {
        self.get(
            conversation_app_id,
            "telegram",
            "getting an app's Telegram channel",
        )
    }

    /// The Viber bot linked to the app.
    ///
    /// Spec: `GET /conversation/apps/{conversationAppId}/viber`, operationId
    /// `vibercontroller_get_v1` (v1.2.91 page slug).
    pub fn viber(&self, conversation_app_id: &str) -> Result<ViberBotInfo> {
        self.get(
            conversation_app_id,
            "viber",
            "getting an app's Viber channel",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_viber_bot_of_the_spec_reads_with_an_unknown_status_kept() {
        let bot: ViberBotInfo = serde_json::from_str(
            r#"{"status": "SUSPENDED_BY_VIBER", "id": "pa:1", "name": "Shop",
                "location": {"lon": 18.06, "lat": 59.33}, "subscribersCount": 42}"#,
        )
        .unwrap();
        assert_eq!(
            bot.status,
            ChannelIntegrationStatus::Unknown("SUSPENDED_BY_VIBER".into())
        );
        assert_eq!(bot.location.map(|l| l.lat), Some(59.33));
        assert_eq!(bot.subscribers_count, Some(42));
    }
}
