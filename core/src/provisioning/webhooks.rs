//! Provisioning webhooks: Sinch calls `target` when senders, templates, accounts or bundles
//! change state. List (paged, at most 15 per project), create, get, replace, update, delete.

use super::pagination::{PageRequest, PagedList, Pager};
use super::{paging_query, ProvisioningClient};
use crate::error::Result;
use crate::open_enum;
use crate::secret::Secret;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The documented page-size range of the webhooks list.
pub const MAX_PAGE_SIZE: u32 = 15;

open_enum! {
    /// The events a webhook can subscribe to. `All` cannot be combined with others.
    WebhookTrigger {
        All = "ALL",
        BundleDone = "BUNDLE_DONE",
        KakaotalkSenderActive = "KAKAOTALK_SENDER_ACTIVE",
        KakaotalkSenderCommentAdded = "KAKAOTALK_SENDER_COMMENT_ADDED",
        KakaotalkSenderInactive = "KAKAOTALK_SENDER_INACTIVE",
        KakaotalkSenderRejected = "KAKAOTALK_SENDER_REJECTED",
        KakaotalkTemplateApproved = "KAKAOTALK_TEMPLATE_APPROVED",
        KakaotalkTemplateCommentAdded = "KAKAOTALK_TEMPLATE_COMMENT_ADDED",
        KakaotalkTemplateRejected = "KAKAOTALK_TEMPLATE_REJECTED",
        RcsBrandRegistrationProcessStatusUpdated = "RCS_BRAND_REGISTRATION_PROCESS_STATUS_UPDATED",
        RcsSenderCommentAdded = "RCS_SENDER_COMMENT_ADDED",
        RcsSenderOperatorStatusUpdated = "RCS_SENDER_OPERATOR_STATUS_UPDATED",
        RcsSenderStatusUpdated = "RCS_SENDER_STATUS_UPDATED",
        RcsAccountCommentAdded = "RCS_ACCOUNT_COMMENT_ADDED",
        WhatsappAccountCommentAdded = "WHATSAPP_ACCOUNT_COMMENT_ADDED",
        WhatsappAccountDailyLimitChanged = "WHATSAPP_ACCOUNT_DAILY_LIMIT_CHANGED",
        WhatsappAccountOnboarded = "WHATSAPP_ACCOUNT_ONBOARDED",
        WhatsappAccountPendingVerification = "WHATSAPP_ACCOUNT_PENDING_VERIFICATION",
        WhatsappAccountRejected = "WHATSAPP_ACCOUNT_REJECTED",
        WhatsappWabaAccountChanged = "WHATSAPP_WABA_ACCOUNT_CHANGED",
        WhatsappSenderActive = "WHATSAPP_SENDER_ACTIVE",
        WhatsappSenderCommentAdded = "WHATSAPP_SENDER_COMMENT_ADDED",
        WhatsappSenderDailyLimitChanged = "WHATSAPP_SENDER_DAILY_LIMIT_CHANGED",
        WhatsappSenderDeleted = "WHATSAPP_SENDER_DELETED",
        WhatsappSenderError = "WHATSAPP_SENDER_ERROR",
        WhatsappSenderInactive = "WHATSAPP_SENDER_INACTIVE",
        WhatsappSenderPendingVerification = "WHATSAPP_SENDER_PENDING_VERIFICATION",
        WhatsappSenderQualityRatingChanged = "WHATSAPP_SENDER_QUALITY_RATING_CHANGED",
        WhatsappSenderRejected = "WHATSAPP_SENDER_REJECTED",
        WhatsappTemplateApproved = "WHATSAPP_TEMPLATE_APPROVED",
        WhatsappTemplateCategoryFutureUpdate = "WHATSAPP_TEMPLATE_CATEGORY_FUTURE_UPDATE",
        WhatsappTemplateCategoryUpdated = "WHATSAPP_TEMPLATE_CATEGORY_UPDATED",
        WhatsappTemplateCommentAdded = "WHATSAPP_TEMPLATE_COMMENT_ADDED",
        WhatsappTemplateDeleted = "WHATSAPP_TEMPLATE_DELETED",
        WhatsappTemplateQualityScoreUpdated = "WHATSAPP_TEMPLATE_QUALITY_SCORE_UPDATED",
        WhatsappTemplateRejected = "WHATSAPP_TEMPLATE_REJECTED",
        WhatsappTemplateStatusUpdated = "WHATSAPP_TEMPLATE_STATUS_UPDATED",
    }
}

/// A registered webhook. The secret is write-only: the API never returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    pub id: String,
    #[serde(default)]
    pub project_id: String,
    pub target: String,
    #[serde(default)]
    pub triggers: Vec<WebhookTrigger>,
}

crate::page_record!(
    /// One page of webhooks.
    WebhookPage { webhooks: Webhook });

/// A new webhook, or the full replacement of one (PUT).
#[derive(Debug, Clone)]
pub struct WebhookSpec {
    /// The HTTPS URL Sinch calls.
    pub target: String,
    /// Signs the callbacks (HMAC); write-only.
    pub secret: Secret,
    pub triggers: Vec<WebhookTrigger>,
}

/// A partial update (PATCH): only the fields given are changed.
#[derive(Debug, Clone, Default)]
pub struct WebhookUpdate {
    pub target: Option<String>,
    pub secret: Option<Secret>,
    pub triggers: Option<Vec<WebhookTrigger>>,
}

impl WebhookSpec {
    fn to_json(&self) -> serde_json::Value {
        json!({"target": self.target, "secret": self.secret.expose(), "triggers": self.triggers})
    }
}

impl WebhookUpdate {
    fn to_json(&self) -> serde_json::Value {
        let mut body = serde_json::Map::new();
        if let Some(t) = &self.target {
            body.insert("target".into(), json!(t));
        }
        if let Some(s) = &self.secret {
            body.insert("secret".into(), json!(s.expose()));
        }
        if let Some(t) = &self.triggers {
            body.insert("triggers".into(), json!(t));
        }
        serde_json::Value::Object(body)
    }
}

/// The webhooks of one project.
#[derive(Debug, Clone)]
pub struct Webhooks {
    client: ProvisioningClient,
}

impl PagedList for Webhooks {
    type Page = WebhookPage;
    type Filter = ();
    const MAX_PAGE_SIZE: u32 = MAX_PAGE_SIZE;
    const NOUN: &'static str = "webhooks";
    const ACTION: &'static str = "listing webhooks";

    fn client(&self) -> &ProvisioningClient {
        &self.client
    }

    fn list_url(&self, page: &PageRequest, _: &()) -> Result<url::Url> {
        self.client.url(path!["webhooks"], &paging_query(page))
    }
}

impl Webhooks {
    pub(crate) fn new(client: ProvisioningClient) -> Self {
        Webhooks { client }
    }

    /// One page (sorted by target). Page size 1 to 15; none = all (at most 15).
    ///
    /// Spec: `GET /webhooks`, operationId `WebhookWebhookController_listWebhooks_v1`.
    pub fn list(&self, page: &PageRequest) -> Result<WebhookPage> {
        self.page(page, &())
    }

    /// Every page in turn, fetched when asked for.
    pub fn pages(&self, page_size: Option<u32>) -> Result<Pager<WebhookPage>> {
        self.pager(page_size, ())
    }

    /// Spec: `POST /webhooks`, operationId `WebhookWebhookController_createWebhook_v1`.
    pub fn create(&self, spec: &WebhookSpec) -> Result<Webhook> {
        let url = self.client.url(path!["webhooks"], &[])?;
        self.client.call(
            Method::POST,
            url,
            Some(&spec.to_json()),
            "creating a webhook",
        )
    }

    /// Spec: `GET /webhooks/{webhookId}`, operationId `WebhookWebhookController_getWebhook_v1`.
    pub fn get(&self, webhook_id: &str) -> Result<Webhook> {
        let url = self.client.url(path!["webhooks", { webhook_id }], &[])?;
        self.client
            .call(Method::GET, url, None, "getting a webhook")
    }

    /// Replaces the whole webhook (PUT).
    ///
    /// Spec: `PUT /webhooks/{webhookId}`, operationId `WebhookWebhookController_replaceWebhook_v1`.
    pub fn replace(&self, webhook_id: &str, spec: &WebhookSpec) -> Result<Webhook> {
        let url = self.client.url(path!["webhooks", { webhook_id }], &[])?;
        self.client.call(
            Method::PUT,
            url,
            Some(&spec.to_json()),
            "replacing a webhook",
        )
    }

    /// Changes only the given fields (PATCH).
    ///
    /// Spec: `PATCH /webhooks/{webhookId}`,
    /// operationId `WebhookWebhookController_updateWebhook_v1`.
    pub fn update(&self, webhook_id: &str, update: &WebhookUpdate) -> Result<Webhook> {
        let url = self.client.url(path!["webhooks", { webhook_id }], &[])?;
        self.client.call(
            Method::PATCH,
            url,
            Some(&update.to_json()),
            "updating a webhook",
        )
    }

    /// Spec: `DELETE /webhooks/{webhookId}`,
    /// operationId `WebhookWebhookController_deleteWebhook_v1`.
    pub fn delete(&self, webhook_id: &str) -> Result<()> {
        let url = self.client.url(path!["webhooks", { webhook_id }], &[])?;
        self.client
            .send(Method::DELETE, url, None, "deleting a webhook")
            .map(|_| ())
    }
}
