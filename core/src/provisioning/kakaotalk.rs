//! KakaoTalk senders (`/kakaotalk/senders`, keyed by `plusFriendId`): list, create, get,
//! update (draft), delete (marks for removal; the sender stays active 60 more days),
//! register, and verify (unconfirmed path).
//!
//! Confirmed (Sinch's Provisioning API reference): the paths above except `/verify`, the create body and the
//! states. Inferred: the sender answer beyond `plusFriendId`, `state` and `details`
//! (`created`, `modified`), the list envelope key (`senders`) and its page-size range
//! (taken as 1 to 100 like the other Provisioning lists).

use super::pagination::{PageRequest, PagedList, Pager};
use super::{paging_query, ProvisioningClient};
use crate::error::Result;
use crate::open_enum;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// Page-size range used for the KakaoTalk senders list (undocumented; 1 to 100 assumed).
pub const MAX_PAGE_SIZE: u32 = 100;

open_enum! {
    /// The state of a KakaoTalk sender.
    KakaoTalkSenderState {
        Active = "ACTIVE",
        Blocked = "BLOCKED",
        Inactive = "INACTIVE",
        Suspended = "SUSPENDED",
        Verifying = "VERIFYING",
    }
}

/// A KakaoTalk sender's profile. On create all fields are required; on update only the
/// fields set are sent. The server checks the category codes: top level 3 digits, mid and
/// sub level 4 digits (400 `invalid_input` otherwise).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct KakaoTalkSenderDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub admin_phone_no: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub top_level_category_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub mid_level_category_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sub_level_category_code: Option<String>,
}

/// A KakaoTalk sender.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct KakaoTalkSender {
    pub plus_friend_id: String,
    #[serde(default)]
    pub state: Option<KakaoTalkSenderState>,
    #[serde(default)]
    pub details: Option<KakaoTalkSenderDetails>,
    /// ISO-8601 (inferred field).
    #[serde(default)]
    pub created: Option<String>,
    /// ISO-8601 (inferred field).
    #[serde(default)]
    pub modified: Option<String>,
}

crate::page_record!(
    /// One page of KakaoTalk senders.
    KakaoTalkSenderPage { senders: KakaoTalkSender });

/// A new KakaoTalk sender (`POST /kakaotalk/senders`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct KakaoTalkSenderSpec {
    pub plus_friend_id: String,
    pub details: KakaoTalkSenderDetails,
}

/// The KakaoTalk senders of one project.
#[derive(Debug, Clone)]
pub struct KakaoTalkSenders {
    client: ProvisioningClient,
}

impl PagedList for KakaoTalkSenders {
    type Page = KakaoTalkSenderPage;
    type Filter = ();
    const MAX_PAGE_SIZE: u32 = MAX_PAGE_SIZE;
    const NOUN: &'static str = "KakaoTalk senders";
    const ACTION: &'static str = "listing KakaoTalk senders";

    fn client(&self) -> &ProvisioningClient {
        &self.client
    }

    fn list_url(&self, page: &PageRequest, _: &()) -> Result<url::Url> {
        self.client
            .url(path!["kakaotalk", "senders"], &paging_query(page))
    }
}

impl KakaoTalkSenders {
    pub(crate) fn new(client: ProvisioningClient) -> Self {
        KakaoTalkSenders { client }
    }

    /// `GET /kakaotalk/senders`: one page.
    ///
    /// Spec: `GET /kakaotalk/senders` (spec operation; operationId not read yet).
    pub fn list(&self, page: &PageRequest) -> Result<KakaoTalkSenderPage> {
        self.page(page, &())
    }

    /// `GET /kakaotalk/senders`, every page in turn, fetched when asked for.
    pub fn pages(&self, page_size: Option<u32>) -> Result<Pager<KakaoTalkSenderPage>> {
        self.pager(page_size, ())
    }

    /// `POST /kakaotalk/senders`.
    ///
    /// Spec: `POST /kakaotalk/senders` (spec operation; operationId not read yet).
    pub fn create(&self, spec: &KakaoTalkSenderSpec) -> Result<KakaoTalkSender> {
        let url = self.client.url(path!["kakaotalk", "senders"], &[])?;
        let body = serde_json::to_value(spec).unwrap_or_else(|_| json!({}));
        self.client.call(
            Method::POST,
            url,
            Some(&body),
            "creating a KakaoTalk sender",
        )
    }

    /// `GET /kakaotalk/senders/{plusFriendId}`.
    ///
    /// Spec: `GET /kakaotalk/senders/{plusFriendId}` (spec operation; operationId not read yet).
    pub fn get(&self, plus_friend_id: &str) -> Result<KakaoTalkSender> {
        let url = self
            .client
            .url(path!["kakaotalk", "senders", { plus_friend_id }], &[])?;
        self.client
            .call(Method::GET, url, None, "getting a KakaoTalk sender")
    }

    /// `PATCH /kakaotalk/senders/{plusFriendId}` `{details{…}}` with only the fields set
    /// (the draft). Nothing set: 400 `no_fields_to_update`.
    ///
    /// Spec: `PATCH /kakaotalk/senders/{plusFriendId}` (spec operation; operationId not read yet).
    pub fn update(
        &self,
        plus_friend_id: &str,
        details: &KakaoTalkSenderDetails,
    ) -> Result<KakaoTalkSender> {
        let url = self
            .client
            .url(path!["kakaotalk", "senders", { plus_friend_id }], &[])?;
        let details = serde_json::to_value(details).unwrap_or_else(|_| json!({}));
        let body = if details.as_object().is_some_and(|m| m.is_empty()) {
            json!({})
        } else {
            json!({ "details": details })
        };
        self.client.call(
            Method::PATCH,
            url,
            Some(&body),
            "updating a KakaoTalk sender",
        )
    }

    /// `DELETE /kakaotalk/senders/{plusFriendId}`: marks the sender for removal (it stays
    /// active for 60 more days). Any answer body is ignored.
    ///
    /// Spec: `DELETE /kakaotalk/senders/{plusFriendId}` (spec operation; operationId not read yet).
    pub fn delete(&self, plus_friend_id: &str) -> Result<()> {
        let url = self
            .client
            .url(path!["kakaotalk", "senders", { plus_friend_id }], &[])?;
        self.client
            .send(Method::DELETE, url, None, "deleting a KakaoTalk sender")
            .map(|_| ())
    }

    /// `POST /kakaotalk/senders/{plusFriendId}/register`: starts verification (a code is
    /// sent to the admin phone). The answer body is ignored; `get` shows the new state.
    ///
    /// Spec: `POST /kakaotalk/senders/{plusFriendId}/register` (spec operation; operationId not read yet).
    pub fn register(&self, plus_friend_id: &str) -> Result<()> {
        let url = self.client.url(
            path!["kakaotalk", "senders", { plus_friend_id }, "register"],
            &[],
        )?;
        self.client
            .send(
                Method::POST,
                url,
                Some(&json!({})),
                "registering a KakaoTalk sender",
            )
            .map(|_| ())
    }

    /// `POST /kakaotalk/senders/{plusFriendId}/verify` `{code}` — **unconfirmed path**
    /// (inferred from the register-then-verify flow). The answer body is ignored.
    pub fn verify(&self, plus_friend_id: &str, code: &str) -> Result<()> {
        let url = self.client.url(
            path!["kakaotalk", "senders", { plus_friend_id }, "verify"],
            &[],
        )?;
        self.client
            .send(
                Method::POST,
                url,
                Some(&json!({ "code": code })),
                "verifying a KakaoTalk sender",
            )
            .map(|_| ())
    }
}
