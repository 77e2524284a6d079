//! KakaoTalk senders (`/kakaotalk/senders`, keyed by `plusFriendId`): list, create, get,
//! update (pending changes, draft or submitted), delete (marks for removal; the sender stays active 60 more days),
//! register then verify with the code sent to the admin phone, discard pending changes, the
//! activity log and comments.
//!
//! Confirmed (spec v1.2.117, KakaoTalk Senders tag read in full): every path and operationId
//! here, the create body, the states, the pending `changes`, the verify body (`{code}` as a
//! JSON number, answered with the sender) and the activity and comment shapes (those of
//! [`activity`]), `created`/`modified`, the list's page-size range (1 to 100). Inferred: the
//! list envelope key (`senders`, as in the other sender lists).

use super::activity::{self, ActivityPage, Comment};
/// Whether a create or an update is kept as a draft or submitted for review (shared with the
/// sender's templates).
pub use super::kakaotalk_templates::KakaoTalkSubmitMode;
use super::pagination::{PageRequest, PagedList, Pager};
use super::{paging_query, ProvisioningClient};
use crate::error::{Result, SinchError};
use crate::open_enum;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The documented page-size range of the KakaoTalk senders list (1 to 100).
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

open_enum! {
    /// Where a sender's pending changes are: saved as a draft, in review, or rejected.
    KakaoTalkSenderChangesStatus {
        Draft = "DRAFT",
        InProgress = "IN_PROGRESS",
        Rejected = "REJECTED",
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
    /// URL of the sender's logo (JPEG or PNG, at most 5 MB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub logo_image: Option<String>,
}

/// Changes to a sender not applied yet (`changes`): the profile as it will be once they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct KakaoTalkSenderChanges {
    pub status: KakaoTalkSenderChangesStatus,
    #[serde(default)]
    pub details: Option<KakaoTalkSenderDetails>,
}

/// A KakaoTalk sender.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct KakaoTalkSender {
    pub plus_friend_id: String,
    /// Sinch's id of the sender (requests use `plus_friend_id`).
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub state: Option<KakaoTalkSenderState>,
    #[serde(default)]
    pub details: Option<KakaoTalkSenderDetails>,
    /// Pending changes, if any (discarded with `discard_changes`).
    #[serde(default)]
    pub changes: Option<KakaoTalkSenderChanges>,
    /// ISO-8601, UTC.
    #[serde(default)]
    pub created: Option<String>,
    /// ISO-8601, UTC.
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
    /// `SUBMIT` (the server's default) sends the sender for review; `DRAFT` keeps it as
    /// pending changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<KakaoTalkSubmitMode>,
    /// With `SUBMIT`: keep a draft if the submission fails (the server's default: no).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save_draft_on_failure: Option<bool>,
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
    /// Spec: `GET /kakaotalk/senders`, operationId `KakaotalkSendersController_listSenders_v1`.
    pub fn list(&self, page: &PageRequest) -> Result<KakaoTalkSenderPage> {
        self.page(page, &())
    }

    /// `GET /kakaotalk/senders`, every page in turn, fetched when asked for
    /// (`KakaotalkSendersController_listSenders_v1`).
    pub fn pages(&self, page_size: Option<u32>) -> Result<Pager<KakaoTalkSenderPage>> {
        self.pager(page_size, ())
    }

    /// `POST /kakaotalk/senders`.
    ///
    /// Spec: `POST /kakaotalk/senders`, operationId `KakaotalkSendersController_createSender_v1`.
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
    /// Spec: `GET /kakaotalk/senders/{plusFriendId}`, operationId
    /// `KakaotalkSendersController_getSender_v1`.
    pub fn get(&self, plus_friend_id: &str) -> Result<KakaoTalkSender> {
        let url = self
            .client
            .url(path!["kakaotalk", "senders", { plus_friend_id }], &[])?;
        self.client
            .call(Method::GET, url, None, "getting a KakaoTalk sender")
    }

    /// `PATCH /kakaotalk/senders/{plusFriendId}` `{status, details{…}}` with only the fields
    /// set. The change does not touch `details`: it becomes the sender's pending `changes`,
    /// kept as a draft (`status` none or `DRAFT`) or sent for review (`SUBMIT`); the review
    /// applies it. Nothing set: 400 `no_fields_to_update`; changes in review: 409
    /// `sender_changes_not_updatable`.
    ///
    /// Spec: `PATCH /kakaotalk/senders/{plusFriendId}`, operationId
    /// `KakaotalkSendersController_updateSender_v1`.
    pub fn update(
        &self,
        plus_friend_id: &str,
        details: &KakaoTalkSenderDetails,
        status: Option<&KakaoTalkSubmitMode>,
    ) -> Result<KakaoTalkSender> {
        let url = self
            .client
            .url(path!["kakaotalk", "senders", { plus_friend_id }], &[])?;
        let details = serde_json::to_value(details).unwrap_or_else(|_| json!({}));
        let mut body = json!({});
        if !details.as_object().is_some_and(|m| m.is_empty()) {
            body["details"] = details;
        }
        if let Some(s) = status {
            body["status"] = json!(s);
        }
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
    /// Spec: `DELETE /kakaotalk/senders/{plusFriendId}`, operationId
    /// `KakaotalkSendersController_deleteSender_v1`.
    pub fn delete(&self, plus_friend_id: &str) -> Result<()> {
        let url = self
            .client
            .url(path!["kakaotalk", "senders", { plus_friend_id }], &[])?;
        self.client
            .send(Method::DELETE, url, None, "deleting a KakaoTalk sender")
            .map(|_| ())
    }

    /// `POST /kakaotalk/senders/{plusFriendId}/register`: starts verification (a code is
    /// sent to the admin phone); returns the sender, now `VERIFYING`. 409
    /// `not_allowed_register` when the sender cannot be registered now.
    ///
    /// Spec: `POST /kakaotalk/senders/{plusFriendId}/register`, operationId
    /// `KakaotalkSendersController_registerSender_v1`.
    pub fn register(&self, plus_friend_id: &str) -> Result<KakaoTalkSender> {
        let url = self.client.url(
            path!["kakaotalk", "senders", { plus_friend_id }, "register"],
            &[],
        )?;
        self.client
            .call(Method::POST, url, None, "registering a KakaoTalk sender")
    }

    /// `POST /kakaotalk/senders/{plusFriendId}/verify` `{code}`: the code sent to the admin
    /// phone by `register`, given as its digits (`"123456"`) and sent as the JSON number the
    /// spec asks for. Only a `VERIFYING` sender can be verified (409 `not_allowed_verify`
    /// otherwise). Returns the sender.
    ///
    /// Spec: `POST /kakaotalk/senders/{plusFriendId}/verify`, operationId
    /// `KakaotalkSendersController_verifySender_v1`.
    pub fn verify(&self, plus_friend_id: &str, code: &str) -> Result<KakaoTalkSender> {
        let code = verification_code(code)?;
        let url = self.client.url(
            path!["kakaotalk", "senders", { plus_friend_id }, "verify"],
            &[],
        )?;
        self.client.call(
            Method::POST,
            url,
            Some(&json!({ "code": code })),
            "verifying a KakaoTalk sender",
        )
    }

    /// Discards the sender's pending changes (a draft or rejected edit). None pending: 404
    /// `sender_changes_not_found`; changes in review: 409 `sender_changes_not_deletable`.
    ///
    /// Spec: `DELETE /kakaotalk/senders/{plusFriendId}/changes`, operationId
    /// `KakaotalkSendersController_deleteChanges_v1`.
    pub fn discard_changes(&self, plus_friend_id: &str) -> Result<()> {
        let url = self.client.url(
            path!["kakaotalk", "senders", { plus_friend_id }, "changes"],
            &[],
        )?;
        self.client
            .send(
                Method::DELETE,
                url,
                None,
                "discarding a KakaoTalk sender's changes",
            )
            .map(|_| ())
    }

    /// One page of the sender's activity log, most recent first (page size 1 to 100).
    ///
    /// Spec: `GET /kakaotalk/senders/{plusFriendId}/activities`, operationId
    /// `KakaotalkSendersController_listActivities_v1`.
    pub fn activities(&self, plus_friend_id: &str, page: &PageRequest) -> Result<ActivityPage> {
        activity::page(
            &self.client,
            page,
            "listing a KakaoTalk sender's activities",
            |q| {
                self.client.url(
                    path!["kakaotalk", "senders", { plus_friend_id }, "activities"],
                    q,
                )
            },
        )
    }

    /// Leaves a comment for Sinch support on the sender; returns the comment created.
    ///
    /// Spec: `POST /kakaotalk/senders/{plusFriendId}/comments`, operationId
    /// `KakaotalkSendersController_createComment_v1`.
    pub fn comment(&self, plus_friend_id: &str, comment: &str) -> Result<Comment> {
        let url = self.client.url(
            path!["kakaotalk", "senders", { plus_friend_id }, "comments"],
            &[],
        )?;
        activity::post(
            &self.client,
            url,
            comment,
            "commenting on a KakaoTalk sender",
        )
    }
}

/// The verification code as the JSON number the API takes. Digits only, so that nothing is
/// silently dropped on the way to a number; at most 15 of them, which every JSON parser
/// reads exactly. The error never repeats the code (a one-time secret).
fn verification_code(code: &str) -> Result<u64> {
    let code = code.trim();
    if code.is_empty() || code.len() > 15 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(SinchError::invalid_config(format!(
            "the KakaoTalk verification code must be the digits received on the sender's \
             admin phone after `register`, such as \"123456\": 1 to 15 digits and nothing \
             else (the code given has {} characters)",
            code.chars().count()
        )));
    }
    code.parse()
        .map_err(|_| SinchError::invalid_config("the KakaoTalk verification code is not a number"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_sent_as_a_number_and_anything_but_digits_is_refused_before_any_request() {
        assert_eq!(verification_code("123456").unwrap(), 123456);
        assert_eq!(verification_code(" 042 ").unwrap(), 42);
        for bad in [
            "",
            "12a456",
            "12 3456",
            "-123",
            "1234567890123456",
            "１２３",
        ] {
            let err = verification_code(bad).unwrap_err();
            assert!(matches!(err, SinchError::InvalidConfig { .. }), "{bad:?}");
            assert!(err.reason().contains("digits"), "{}", err.reason());
        }
    }
}
