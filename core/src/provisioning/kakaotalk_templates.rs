//! KakaoTalk message templates of one sender
//! (`/kakaotalk/senders/{plusFriendId}/templates[/{templateCode}]`): list (filters, paged
//! 1..1000, alphabetical), create (submitted unless saved as a draft), get, update (draft
//! unless submitted) and delete, addressed by the template `code` the server gives on create.
//!
//! Confirmed (Provisioning API v1.2.117, tag "KakaoTalk Templates"): the paths, the list
//! parameters (`filterStates`, `filterStatuses`, `templateName`, `pageSize` 1..1000), the list
//! key `templates`, the bodies and the template shape. A new template has no `state` and no
//! `details` yet: what was sent is in `changes` until KakaoTalk approves or rejects it.
//! Also: each template's activity log and comments (the shapes of
//! [`activity`](super::activity)), and deleting a draft that was never submitted.

use super::activity::{self, ActivityPage, Comment};
use super::pagination::{PageRequest, PagedList, Pager};
use super::{paging_query, ProvisioningClient, Segment};
use crate::error::{Result, SinchError};
use crate::open_enum;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The documented page-size range of the templates list (v1.2.117).
pub const MAX_PAGE_SIZE: u32 = 1000;

open_enum! {
    /// KakaoTalk's verdict on a template.
    KakaoTalkTemplateState { Approved = "APPROVED", Rejected = "REJECTED" }
}

open_enum! {
    /// The status of a template's pending changes.
    KakaoTalkTemplateChangeStatus { Draft = "DRAFT", InProgress = "IN_PROGRESS", Rejected = "REJECTED" }
}

open_enum! {
    /// The layout of a template message. Only the first four can be sent.
    KakaoTalkTemplateMessageType {
        AdIncluded = "AD_INCLUDED",
        Basic = "BASIC",
        ExtraInformation = "EXTRA_INFORMATION",
        Mixed = "MIXED",
        Unspecified = "TEMPLATE_MESSAGE_TYPE_UNSPECIFIED",
        Unrecognized = "UNRECOGNIZED",
    }
}

open_enum! {
    /// What a template highlights. Only the first three can be sent.
    KakaoTalkTemplateEmphasizeType {
        Image = "EMPHASIZE_TYPE_IMAGE",
        NoEmphasis = "EMPHASIZE_TYPE_NONE",
        Text = "EMPHASIZE_TYPE_TEXT",
        Unspecified = "EMPHASIZE_TYPE_UNSPECIFIED",
        Unrecognized = "UNRECOGNIZED",
    }
}

open_enum! {
    /// What a template button does. `BUTTON_TYPE_UNSPECIFIED` and `UNRECOGNIZED` are only read.
    KakaoTalkButtonType {
        AppLink = "APP_LINK",
        BotForConsultation = "BOT_FOR_CONSULTATION",
        BotKeyword = "BOT_KEYWORD",
        BotTransfer = "BOT_TRANSFER",
        BusinessForm = "BUSINESS_FORM",
        ChannelIdAdded = "CHANNEL_ID_ADDED",
        DeliverySearch = "DELIVERY_SEARCH",
        ImageSecureTransmissionPluginId = "IMAGE_SECURE_TRANSMISSION_PLUGIN_ID",
        MessageDelivery = "MESSAGE_DELIVERY",
        OneClickPaymentPlugin = "ONE_CLICK_PAYMENT_PLUGIN",
        PersonalInformationUsePluginId = "PERSONAL_INFORMATION_USE_PLUGIN_ID",
        WebLink = "WEB_LINK",
        Unspecified = "BUTTON_TYPE_UNSPECIFIED",
        Unrecognized = "UNRECOGNIZED",
    }
}

/// Whether a create or update is kept as a draft or submitted to KakaoTalk for review.
/// Unset, the server submits a create and keeps an update as a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "UPPERCASE")]
pub enum KakaoTalkSubmitMode {
    Draft,
    Submit,
}

/// A template button (at most 5, each `kind` once). To send one, `ordering` (1..5), `kind`
/// and `name` (up to 14 characters) are required.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct KakaoTalkTemplateButton {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ordering: Option<i32>,
    /// `type` on the wire.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<KakaoTalkButtonType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// Mobile web link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub link_mo: Option<String>,
    /// PC web link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub link_pc: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub scheme_ios: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub scheme_android: Option<String>,
}

/// The content of a template (or of its pending changes). On create `name` (up to 150
/// characters), `language` and `content` (up to 1000) are required; on update only the
/// fields set are sent, and `language` and `ad` cannot be sent at all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct KakaoTalkTemplateDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// Uppercase language code such as `EN` or `KO` (about 70 values; kept as a string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub language: Option<String>,
    /// The message text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub content: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub message_type: Option<KakaoTalkTemplateMessageType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub emphasize_type: Option<KakaoTalkTemplateEmphasizeType>,
    /// Six digits (see the KakaoTalk template categories); the server default is `999999`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub category_code: Option<String>,
    /// A security message (OTP): shown only on the main device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub security_flag: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Option<String>,
    /// Consent or ad phrase; set by the server, never sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ad: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub subtitle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub image_name: Option<String>,
    /// JPEG or PNG, at most 500 KB, at least 500 x 250 px, aspect ratio 2:1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub image_url: Option<String>,
    /// `None` is "not sent"; on update `Some(vec![])` removes every button.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub buttons: Option<Vec<KakaoTalkTemplateButton>>,
}

/// Pending changes of a template: a draft, under review, or rejected.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct KakaoTalkTemplateChanges {
    #[serde(default)]
    pub status: Option<KakaoTalkTemplateChangeStatus>,
    #[serde(default)]
    pub details: Option<KakaoTalkTemplateDetails>,
}

/// A KakaoTalk template. `details` is what KakaoTalk approved or rejected (`state`);
/// `changes` is what was sent since and not yet decided.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct KakaoTalkTemplate {
    /// The template code: how the other calls address it.
    pub code: String,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub state: Option<KakaoTalkTemplateState>,
    #[serde(default)]
    pub changes: Option<KakaoTalkTemplateChanges>,
    #[serde(default)]
    pub details: Option<KakaoTalkTemplateDetails>,
    /// ISO-8601.
    #[serde(default)]
    pub created: Option<String>,
    /// ISO-8601.
    #[serde(default)]
    pub modified: Option<String>,
}

crate::page_record!(
    /// One page of KakaoTalk templates, alphabetical.
    KakaoTalkTemplatePage { templates: KakaoTalkTemplate });

/// Filters of the templates list; empty / none means "no filter".
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct KakaoTalkTemplateFilter {
    /// `filterStates`.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub states: Vec<KakaoTalkTemplateState>,
    /// `filterStatuses`: statuses of pending changes.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub statuses: Vec<KakaoTalkTemplateChangeStatus>,
    /// `templateName`: templates whose name starts with this.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name_prefix: Option<String>,
}

/// `POST …/templates`: submitted for review unless `status` is `Draft`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct KakaoTalkTemplateCreate {
    pub details: KakaoTalkTemplateDetails,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<KakaoTalkSubmitMode>,
    /// Keep the template as a draft if KakaoTalk refuses the submission (server default: no).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub save_draft_on_failure: Option<bool>,
}

/// `PATCH …/templates/{templateCode}`: only the fields set change. Kept as a draft unless
/// `status` is `Submit`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct KakaoTalkTemplateUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub details: Option<KakaoTalkTemplateDetails>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<KakaoTalkSubmitMode>,
}

/// The KakaoTalk templates of one sender of a project.
#[derive(Debug, Clone)]
pub struct KakaoTalkTemplates {
    client: ProvisioningClient,
    plus_friend_id: String,
}

impl PagedList for KakaoTalkTemplates {
    type Page = KakaoTalkTemplatePage;
    type Filter = KakaoTalkTemplateFilter;
    const MAX_PAGE_SIZE: u32 = MAX_PAGE_SIZE;
    const NOUN: &'static str = "KakaoTalk templates";
    const ACTION: &'static str = "listing KakaoTalk templates";

    fn client(&self) -> &ProvisioningClient {
        &self.client
    }

    fn list_url(&self, page: &PageRequest, filter: &KakaoTalkTemplateFilter) -> Result<url::Url> {
        let mut q = paging_query(page);
        q.extend(
            filter
                .states
                .iter()
                .map(|s| ("filterStates", s.to_string())),
        );
        q.extend(
            filter
                .statuses
                .iter()
                .map(|s| ("filterStatuses", s.to_string())),
        );
        if let Some(p) = filter.name_prefix.as_ref().filter(|p| !p.is_empty()) {
            q.push(("templateName", p.clone()));
        }
        self.url(path![], &q)
    }
}

impl KakaoTalkTemplates {
    pub(crate) fn new(client: ProvisioningClient, plus_friend_id: &str) -> Self {
        KakaoTalkTemplates {
            client,
            plus_friend_id: plus_friend_id.to_string(),
        }
    }

    /// The sender whose templates these are.
    pub fn plus_friend_id(&self) -> &str {
        &self.plus_friend_id
    }

    /// `…/kakaotalk/senders/{plusFriendId}/templates` + `tail`.
    fn url(&self, tail: &[Segment<'_>], query: &[(&str, String)]) -> Result<url::Url> {
        let plus_friend_id = self.plus_friend_id.as_str();
        let mut segments = path!["kakaotalk", "senders", { plus_friend_id }, "templates"].to_vec();
        segments.extend_from_slice(tail);
        self.client.url(&segments, query)
    }

    /// One page, alphabetical. Page size 1 to 1000; none = the server default (50).
    ///
    /// Spec: `GET /kakaotalk/senders/{plusFriendId}/templates`, operationId
    /// `KakaotalkTemplatesController_listTemplates_v1`.
    pub fn list(
        &self,
        page: &PageRequest,
        filter: &KakaoTalkTemplateFilter,
    ) -> Result<KakaoTalkTemplatePage> {
        self.page(page, filter)
    }

    /// Every page in turn, fetched when asked for.
    pub fn pages(
        &self,
        page_size: Option<u32>,
        filter: KakaoTalkTemplateFilter,
    ) -> Result<Pager<KakaoTalkTemplatePage>> {
        self.pager(page_size, filter)
    }

    /// `POST …/templates` (201). `details` needs a name, a language and the content.
    ///
    /// Spec: `POST /kakaotalk/senders/{plusFriendId}/templates`, operationId
    /// `KakaotalkTemplatesController_createTemplate_v1`.
    pub fn create(&self, template: &KakaoTalkTemplateCreate) -> Result<KakaoTalkTemplate> {
        let d = &template.details;
        let missing: Vec<&str> = [
            ("name", &d.name),
            ("language", &d.language),
            ("content", &d.content),
        ]
        .into_iter()
        .filter(|(_, v)| v.as_deref().is_none_or(|v| v.trim().is_empty()))
        .map(|(name, _)| name)
        .collect();
        if !missing.is_empty() {
            return Err(SinchError::invalid_config(format!(
                "a KakaoTalk template needs details.{}",
                missing.join(", details.")
            )));
        }
        let body = to_json(template)?;
        let url = self.url(path![], &[])?;
        self.client.call(
            Method::POST,
            url,
            Some(&body),
            "creating a KakaoTalk template",
        )
    }

    /// `GET …/templates/{templateCode}`.
    ///
    /// Spec: `GET /kakaotalk/senders/{plusFriendId}/templates/{templateCode}`, operationId
    /// `KakaotalkTemplatesController_get_v1`.
    pub fn get(&self, template_code: &str) -> Result<KakaoTalkTemplate> {
        let url = self.url(path![{ template_code }], &[])?;
        self.client
            .call(Method::GET, url, None, "getting a KakaoTalk template")
    }

    /// `PATCH …/templates/{templateCode}`. Only an APPROVED or REJECTED template, or one whose
    /// pending changes are a DRAFT or REJECTED, can be updated (409 otherwise).
    ///
    /// Spec: `PATCH /kakaotalk/senders/{plusFriendId}/templates/{templateCode}`, operationId
    /// `KakaotalkTemplatesController_updateTemplate_v1`.
    pub fn update(
        &self,
        template_code: &str,
        update: &KakaoTalkTemplateUpdate,
    ) -> Result<KakaoTalkTemplate> {
        if let Some(d) = &update.details {
            if d.language.is_some() || d.ad.is_some() {
                return Err(SinchError::invalid_config(
                    "a KakaoTalk template's language and ad phrase cannot be updated",
                ));
            }
        }
        let body = to_json(update)?;
        let url = self.url(path![{ template_code }], &[])?;
        self.client.call(
            Method::PATCH,
            url,
            Some(&body),
            "updating a KakaoTalk template",
        )
    }

    /// `DELETE …/templates/{templateCode}` (204).
    ///
    /// Spec: `DELETE /kakaotalk/senders/{plusFriendId}/templates/{templateCode}`, operationId
    /// `KakaotalkTemplatesController_deleteTemplate_v1`.
    pub fn delete(&self, template_code: &str) -> Result<()> {
        let url = self.url(path![{ template_code }], &[])?;
        self.client
            .send(Method::DELETE, url, None, "deleting a KakaoTalk template")
            .map(|_| ())
    }

    /// Deletes a draft that was never submitted to KakaoTalk (204); 409
    /// `template_not_deletable` for one that was.
    ///
    /// Spec: `DELETE /kakaotalk/senders/{plusFriendId}/templates/{templateCode}/changes`,
    /// operationId `KakaotalkTemplatesController_deleteTemplateDraft_v1`.
    pub fn delete_draft(&self, template_code: &str) -> Result<()> {
        let url = self.url(path![{ template_code }, "changes"], &[])?;
        self.client
            .send(
                Method::DELETE,
                url,
                None,
                "deleting a KakaoTalk template draft",
            )
            .map(|_| ())
    }

    /// One page of the template's activity log, most recent first (page size 1 to 100).
    ///
    /// Spec: `GET /kakaotalk/senders/{plusFriendId}/templates/{templateCode}/activities`,
    /// operationId `KakaotalkTemplatesController_listActivities_v1`.
    pub fn activities(&self, template_code: &str, page: &PageRequest) -> Result<ActivityPage> {
        activity::page(
            &self.client,
            page,
            "listing a KakaoTalk template's activities",
            |q| self.url(path![{ template_code }, "activities"], q),
        )
    }

    /// Leaves a comment for Sinch support on the template; returns the comment created.
    ///
    /// Spec: `POST /kakaotalk/senders/{plusFriendId}/templates/{templateCode}/comments`,
    /// operationId `KakaotalkTemplatesController_createComment_v1`.
    pub fn comment(&self, template_code: &str, comment: &str) -> Result<Comment> {
        let url = self.url(path![{ template_code }, "comments"], &[])?;
        activity::post(
            &self.client,
            url,
            comment,
            "commenting on a KakaoTalk template",
        )
    }
}

fn to_json(body: &impl Serialize) -> Result<Value> {
    serde_json::to_value(body)
        .map_err(|e| SinchError::invalid_config(format!("the request cannot be written: {e}")))
}
