//! The project's WhatsApp account (`/whatsapp`): one per project. Get, create (a second create
//! is refused), update (only while REJECTED; the account then goes back to IN_PROGRESS),
//! delete (only while no sender is assigned), activities, and enabling Meta template analytics.
//!
//! The account's field list is not in the public notes, so the create/update bodies are raw
//! JSON objects (sent unchanged) and [`WhatsappAccount`] types only the fields known from
//! elsewhere (`state`, `businessDailyLimit`, timestamps), keeping the whole answer in
//! `raw_json`.

use super::{protocol, raw_object, with_raw, WhatsappDailyLimit};
use crate::error::Result;
use crate::open_enum;
use crate::provisioning::activity::{self, ActivityPage, Comment};
use crate::provisioning::PageRequest;
use crate::provisioning::ProvisioningClient;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

open_enum! {
    /// Onboarding state of the account (values beyond these are kept as sent).
    WhatsappAccountState {
        InProgress = "IN_PROGRESS",
        Active = "ACTIVE",
        Rejected = "REJECTED",
        PendingVerification = "PENDING_VERIFICATION",
        Inactive = "INACTIVE",
    }
}

/// The WhatsApp account of a project. Fields other than `raw_json` are read when present.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappAccount {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub state: Option<WhatsappAccountState>,
    /// The account-wide messaging limit (replaces the senders' deprecated `daily_limit`).
    #[serde(default)]
    pub business_daily_limit: Option<WhatsappDailyLimit>,
    #[serde(default)]
    pub created: Option<String>,
    #[serde(default)]
    pub modified: Option<String>,
    /// The whole account object as the server sent it.
    #[serde(skip)]
    pub raw_json: String,
}

/// The WhatsApp account of one project.
#[derive(Debug, Clone)]
pub struct WhatsappAccounts {
    client: ProvisioningClient,
}

impl WhatsappAccounts {
    pub(crate) fn new(client: ProvisioningClient) -> Self {
        WhatsappAccounts { client }
    }

    fn account(
        &self,
        method: Method,
        body: Option<&Value>,
        action: &str,
    ) -> Result<WhatsappAccount> {
        let url = self.client.url(path!["whatsapp"], &[])?;
        let v: Value = self.client.call(method, url, body, action)?;
        with_raw(v, |a: &mut WhatsappAccount, raw| a.raw_json = raw)
            .map_err(|e| protocol(action, e))
    }

    /// Spec: `GET /whatsapp`, operationId `WhatsappAccountsController_getAccount_v1`.
    pub fn get(&self) -> Result<WhatsappAccount> {
        self.account(Method::GET, None, "getting the WhatsApp account")
    }

    /// Creates the project's account from `body_json`, a JSON object (fields undocumented in
    /// the notes; sent unchanged). A project has at most one account.
    ///
    /// Spec: `POST /whatsapp`, operationId `WhatsappAccountsController_createAccount_v1`.
    pub fn create(&self, body_json: &str) -> Result<WhatsappAccount> {
        let body = Value::Object(raw_object(body_json, "the account body")?);
        self.account(Method::POST, Some(&body), "creating the WhatsApp account")
    }

    /// Changes a REJECTED account (PATCH with `body_json`, a JSON object); it goes back to
    /// IN_PROGRESS. Refused in any other state.
    ///
    /// Spec: `PATCH /whatsapp`, operationId `WhatsappAccountsController_updateAccount_v1`.
    pub fn update(&self, body_json: &str) -> Result<WhatsappAccount> {
        let body = Value::Object(raw_object(body_json, "the account update")?);
        self.account(Method::PATCH, Some(&body), "updating the WhatsApp account")
    }

    /// Deletes the account; refused while a sender is assigned.
    ///
    /// Spec: `DELETE /whatsapp`, operationId `WhatsappAccountsController_deleteAccount_v1`.
    pub fn delete(&self) -> Result<()> {
        let url = self.client.url(path!["whatsapp"], &[])?;
        self.client
            .send(Method::DELETE, url, None, "deleting the WhatsApp account")
            .map(|_| ())
    }

    /// One page of the account's activity log, most recent first (page size 1 to 100).
    ///
    /// Spec: `GET /whatsapp/activities`,
    /// operationId `WhatsappAccountsController_listActivities_v1`.
    pub fn activities(&self, page: &PageRequest) -> Result<ActivityPage> {
        activity::page(
            &self.client,
            page,
            "listing WhatsApp account activities",
            |q| self.client.url(path!["whatsapp", "activities"], q),
        )
    }

    /// Leaves a comment for Sinch support on the account; returns the comment created.
    ///
    /// Spec: `POST /whatsapp/comments`, operationId `WhatsappAccountsController_createComment_v1`.
    pub fn comment(&self, comment: &str) -> Result<Comment> {
        let url = self.client.url(path!["whatsapp", "comments"], &[])?;
        activity::post(
            &self.client,
            url,
            comment,
            "commenting on the WhatsApp account",
        )
    }

    /// Turns on Meta template analytics for the project's WABA
    /// (`PUT /whatsapp/enableTemplateAnalytics`).
    ///
    /// Spec: `PUT /whatsapp/enableTemplateAnalytics`,
    /// operationId `WhatsappTemplateAnalyticsHelpersController_enableTemplateAnalytics_v1`.
    pub fn enable_template_analytics(&self) -> Result<()> {
        let url = self
            .client
            .url(path!["whatsapp", "enableTemplateAnalytics"], &[])?;
        self.client
            .send(
                Method::PUT,
                url,
                Some(&json!({})),
                "enabling WhatsApp template analytics",
            )
            .map(|_| ())
    }
}
