//! SMS apps (`/sms/smsApps`): list (paged, 1 to 100 per page), create, get, rename, delete.
//! Confirmed against the Provisioning API spec v1.2.117.

use super::pagination::{PageRequest, PagedList, Pager};
use super::{paging_query, ProvisioningClient};
use crate::error::Result;
use crate::open_enum;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The documented page-size range of the SMS apps list.
pub const MAX_PAGE_SIZE: u32 = 100;

open_enum! {
    /// The region a Provisioning resource (SMS app, bundle, RCS sender) is created in.
    AppRegion {
        Br = "BR",
        Eu = "EU",
        Us = "US",
    }
}

open_enum! {
    /// A region an SMS app serves (`regions[]`).
    SmsAppServiceRegion {
        Au = "AU",
        Br = "BR",
        Ca = "CA",
        Eu = "EU",
        Us = "US",
        Unrecognized = "UNRECOGNIZED",
    }
}

open_enum! {
    /// The provisioning status of an SMS app. The `IN_PROGRESS_*` and `PENDING_*` members
    /// are the documented families expanded over ADD/BLOCK/DELETE/UNBLOCK/UPDATE.
    SmsAppStatus {
        Active = "ACTIVE",
        Blocked = "BLOCKED",
        Deleted = "DELETED",
        Deprovisioning = "DEPROVISIONING",
        DeprovisioningFailed = "DEPROVISIONING_FAILED",
        FailedAdd = "FAILED_ADD",
        FailedBlock = "FAILED_BLOCK",
        FailedDelete = "FAILED_DELETE",
        FailedUnblock = "FAILED_UNBLOCK",
        FailedUpdate = "FAILED_UPDATE",
        InProgressAdd = "IN_PROGRESS_ADD",
        InProgressBlock = "IN_PROGRESS_BLOCK",
        InProgressDelete = "IN_PROGRESS_DELETE",
        InProgressUnblock = "IN_PROGRESS_UNBLOCK",
        InProgressUpdate = "IN_PROGRESS_UPDATE",
        PendingAdd = "PENDING_ADD",
        PendingBlock = "PENDING_BLOCK",
        PendingDelete = "PENDING_DELETE",
        PendingUnblock = "PENDING_UNBLOCK",
        PendingUpdate = "PENDING_UPDATE",
        Provisioning = "PROVISIONING",
        ProvisioningFailed = "PROVISIONING_FAILED",
        ProvisioningAdd = "PROVISIONING_ADD",
        ProvisioningAddFailed = "PROVISIONING_ADD_FAILED",
        ProvisioningBlock = "PROVISIONING_BLOCK",
        ProvisioningBlockFailed = "PROVISIONING_BLOCK_FAILED",
        ProvisioningUnblock = "PROVISIONING_UNBLOCK",
        ProvisioningUnblockFailed = "PROVISIONING_UNBLOCK_FAILED",
        ProvisioningUpdate = "PROVISIONING_UPDATE",
        ProvisioningUpdateFailed = "PROVISIONING_UPDATE_FAILED",
        StatusUnspecified = "STATUS_UNSPECIFIED",
        Unrecognized = "UNRECOGNIZED",
    }
}

open_enum! {
    /// The state of the SMS channel of a linked Conversation API app.
    ConversationChannelStatus {
        Active = "ACTIVE",
        Failing = "FAILING",
        Pending = "PENDING",
    }
}

/// The Conversation API app linked to an SMS app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct SmsAppConversationApp {
    pub id: String,
    #[serde(default)]
    pub project_id: Option<String>,
    #[serde(default)]
    pub region: Option<AppRegion>,
    #[serde(default)]
    pub channel_status: Option<ConversationChannelStatus>,
}

/// An SMS app (`SmsAppDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct SmsApp {
    /// 32 hex characters.
    pub id: String,
    #[serde(default)]
    pub sms_service_id: String,
    #[serde(default)]
    pub name: String,
    pub status: SmsAppStatus,
    #[serde(default)]
    pub regions: Vec<SmsAppServiceRegion>,
    /// Deprecated by Sinch; false unless the app was made in test mode.
    #[serde(default)]
    pub test: bool,
    #[serde(default)]
    pub conversation_api_app_details: Option<SmsAppConversationApp>,
}

crate::page_record!(
    /// One page of SMS apps.
    SmsAppPage { sms_apps: SmsApp });

/// A new SMS app (`POST /sms/smsApps`). The server validates it: `name` 1 to 255
/// characters; `conv_api_app` (also create a Conversation API app) and `conv_api_app_id`
/// (link an existing one) are mutually exclusive (400 `invalid_input` otherwise).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct SmsAppSpec {
    pub name: String,
    pub region: AppRegion,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conv_api_app: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conv_api_app_id: Option<String>,
}

/// A PATCH of an SMS app: only `name` can change. With nothing set the server answers
/// 400 `no_fields_to_update`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct SmsAppUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The SMS apps of one project.
#[derive(Debug, Clone)]
pub struct SmsApps {
    client: ProvisioningClient,
}

impl PagedList for SmsApps {
    type Page = SmsAppPage;
    type Filter = ();
    const MAX_PAGE_SIZE: u32 = MAX_PAGE_SIZE;
    const NOUN: &'static str = "SMS apps";
    const ACTION: &'static str = "listing SMS apps";

    fn client(&self) -> &ProvisioningClient {
        &self.client
    }

    fn list_url(&self, page: &PageRequest, _: &()) -> Result<url::Url> {
        self.client
            .url(path!["sms", "smsApps"], &paging_query(page))
    }
}

impl SmsApps {
    pub(crate) fn new(client: ProvisioningClient) -> Self {
        SmsApps { client }
    }

    /// `GET /sms/smsApps`: one page. Page size 1 to 100; none = the server's default (50).
    ///
    /// Spec: `GET /sms/smsApps`, operationId `SmsSmsAppsController_listSmsApps_v1`.
    pub fn list(&self, page: &PageRequest) -> Result<SmsAppPage> {
        self.page(page, &())
    }

    /// `GET /sms/smsApps`, every page in turn, fetched when asked for.
    pub fn pages(&self, page_size: Option<u32>) -> Result<Pager<SmsAppPage>> {
        self.pager(page_size, ())
    }

    /// `POST /sms/smsApps` (201). The app starts in a pending status; poll [`Self::get`].
    ///
    /// Spec: `POST /sms/smsApps`, operationId `SmsSmsAppsController_createSmsApp_v1`.
    pub fn create(&self, spec: &SmsAppSpec) -> Result<SmsApp> {
        let url = self.client.url(path!["sms", "smsApps"], &[])?;
        let body = serde_json::to_value(spec).unwrap_or_else(|_| json!({}));
        self.client
            .call(Method::POST, url, Some(&body), "creating an SMS app")
    }

    /// `GET /sms/smsApps/{smsAppId}`; 404 `sms_app_not_found`.
    ///
    /// Spec: `GET /sms/smsApps/{smsAppId}`, operationId `SmsSmsAppsController_getSmsApp_v1`.
    pub fn get(&self, sms_app_id: &str) -> Result<SmsApp> {
        let url = self
            .client
            .url(path!["sms", "smsApps", { sms_app_id }], &[])?;
        self.client
            .call(Method::GET, url, None, "getting an SMS app")
    }

    /// `PATCH /sms/smsApps/{smsAppId}` with the fields set in `update`.
    ///
    /// Spec: `PATCH /sms/smsApps/{smsAppId}`, operationId `SmsSmsAppsController_updateSmsApp_v1`.
    pub fn update(&self, sms_app_id: &str, update: &SmsAppUpdate) -> Result<SmsApp> {
        let url = self
            .client
            .url(path!["sms", "smsApps", { sms_app_id }], &[])?;
        let body = serde_json::to_value(update).unwrap_or_else(|_| json!({}));
        self.client
            .call(Method::PATCH, url, Some(&body), "updating an SMS app")
    }

    /// `PATCH /sms/smsApps/{smsAppId}` `{name}`.
    ///
    /// Spec: `PATCH /sms/smsApps/{smsAppId}`, operationId `SmsSmsAppsController_updateSmsApp_v1`.
    pub fn rename(&self, sms_app_id: &str, name: &str) -> Result<SmsApp> {
        self.update(
            sms_app_id,
            &SmsAppUpdate {
                name: Some(name.to_string()),
            },
        )
    }

    /// `DELETE /sms/smsApps/{smsAppId}` (204).
    ///
    /// Spec: `DELETE /sms/smsApps/{smsAppId}`, operationId `SmsSmsAppsController_deleteSmsApp_v1`.
    pub fn delete(&self, sms_app_id: &str) -> Result<()> {
        let url = self
            .client
            .url(path!["sms", "smsApps", { sms_app_id }], &[])?;
        self.client
            .send(Method::DELETE, url, None, "deleting an SMS app")
            .map(|_| ())
    }
}
