//! Bundles (`/bundles`): a work order that sets up several resources at once (subproject,
//! SMS app, Conversation API app, test number, webhooks) and completes asynchronously
//! (state `IN_PROGRESS` → `DONE` or `FAILED`; the `BUNDLE_DONE` webhook trigger fires).
//! List (paged, 1 to 25 per page, default 10, per spec v1.2.117), create, get.

use super::pagination::{PageRequest, PagedList, Pager};
use super::sms_apps::{AppRegion, ConversationChannelStatus, SmsApp};
use super::webhooks::{Webhook, WebhookSpec};
use super::{paging_query, ProvisioningClient};
use crate::error::{Result, SinchError};
use crate::open_enum;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// The page-size range of the bundles list (spec v1.2.117: 1 to 25).
pub const MAX_PAGE_SIZE: u32 = 25;

open_enum! {
    /// Where a bundle's work order is.
    BundleState {
        Done = "DONE",
        Failed = "FAILED",
        InProgress = "IN_PROGRESS",
    }
}

open_enum! {
    /// The status of a subproject created by a bundle (values seen in Sinch's examples).
    BundleSubprojectStatus {
        Pending = "PENDING",
        Ready = "READY",
    }
}

open_enum! {
    /// The processing mode of a Conversation API app.
    ConversationProcessingMode {
        Conversation = "CONVERSATION",
        Dispatch = "DISPATCH",
    }
}

/// The subproject a bundle created.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct BundleSubproject {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub parent_project_id: Option<String>,
    #[serde(default)]
    pub status: Option<BundleSubprojectStatus>,
}

/// The Conversation API app a bundle created or linked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct BundleConversationApp {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub processing_mode: Option<ConversationProcessingMode>,
    #[serde(default)]
    pub sms_channel_status: Option<ConversationChannelStatus>,
}

/// Whether Sinch could deliver the `BUNDLE_DONE` callback to one webhook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct BundleWebhookDeliveryStatus {
    pub webhook_id: String,
    /// ISO-8601.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub http_status_code: Option<i32>,
}

/// A bundle (`BundlesBundlesDto`). Parts not requested are absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct Bundle {
    pub id: String,
    #[serde(default)]
    pub project_id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub region: Option<AppRegion>,
    #[serde(default)]
    pub subproject: Option<BundleSubproject>,
    #[serde(default)]
    pub sms_app: Option<SmsApp>,
    #[serde(default)]
    pub conv_app: Option<BundleConversationApp>,
    #[serde(default)]
    pub webhooks: Vec<Webhook>,
    pub state: BundleState,
    #[serde(default)]
    pub webhook_delivery_statuses: Vec<BundleWebhookDeliveryStatus>,
}

crate::page_record!(
    /// One page of bundles.
    BundlePage { bundles: Bundle });

/// List filters; empty lists filter nothing. Sent as repeated query parameters
/// `filterSmsAppIds`, `filterConvAppIds`, `filterStates`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct BundleFilter {
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sms_app_ids: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub conv_app_ids: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub states: Vec<BundleState>,
}

impl BundleFilter {
    fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        q.extend(
            self.sms_app_ids
                .iter()
                .map(|v| ("filterSmsAppIds", v.clone())),
        );
        q.extend(
            self.conv_app_ids
                .iter()
                .map(|v| ("filterConvAppIds", v.clone())),
        );
        q.extend(
            self.states
                .iter()
                .map(|v| ("filterStates", v.as_str().to_string())),
        );
        q
    }
}

/// One optional part of a work order (`subproject`, `smsApp`, `convApp`): left out, created
/// with a default name (`true`), or created with the given name (`{"name": …}`).
#[derive(Debug, Clone, Default, PartialEq)]
pub enum BundlePart {
    #[default]
    Omit,
    Create,
    Named(String),
}

impl BundlePart {
    /// From the binding arguments: a name wins; otherwise `Some(true)` creates; else omitted.
    pub fn from_parts(create: Option<bool>, name: Option<String>) -> BundlePart {
        match (create, name) {
            (_, Some(n)) => BundlePart::Named(n),
            (Some(true), None) => BundlePart::Create,
            _ => BundlePart::Omit,
        }
    }

    fn to_json(&self) -> Option<Value> {
        match self {
            BundlePart::Omit => None,
            BundlePart::Create => Some(json!(true)),
            BundlePart::Named(n) => Some(json!({ "name": n })),
        }
    }
}

/// A bundle work order (`POST /bundles`). Settings without a typed field here (the
/// Conversation app's `webhooks`, `processingMode`, `retentionPolicy`,
/// `consentManagerSettings`, subproject `labels`, ...) go in `extra_json`: a JSON object
/// whose keys are merged into the request body last (so `"convApp": {...}` replaces the
/// typed `conv_app`). The server validates the rest (400 `missing_name`,
/// `no_services_to_create`, `invalid_input`).
#[derive(Debug, Clone, Default)]
pub struct BundleSpec {
    pub name: String,
    pub region: Option<AppRegion>,
    pub subproject: BundlePart,
    pub sms_app: BundlePart,
    pub conv_app: BundlePart,
    pub test_number: Option<bool>,
    /// Provisioning webhooks to register (e.g. for `BUNDLE_DONE`).
    pub webhooks: Vec<WebhookSpec>,
    pub extra_json: Option<String>,
}

impl BundleSpec {
    fn to_json(&self) -> Result<Value> {
        let mut body = Map::new();
        body.insert("name".into(), json!(self.name));
        if let Some(r) = &self.region {
            body.insert("region".into(), json!(r));
        }
        for (key, part) in [
            ("subproject", &self.subproject),
            ("smsApp", &self.sms_app),
            ("convApp", &self.conv_app),
        ] {
            if let Some(v) = part.to_json() {
                body.insert(key.into(), v);
            }
        }
        if let Some(t) = self.test_number {
            body.insert("testNumber".into(), json!(t));
        }
        if !self.webhooks.is_empty() {
            let hooks: Vec<Value> = self
                .webhooks
                .iter()
                .map(|w| json!({"target": w.target, "secret": w.secret.expose(), "triggers": w.triggers}))
                .collect();
            body.insert("webhooks".into(), Value::Array(hooks));
        }
        if let Some(extra) = self.extra_json.as_deref().filter(|s| !s.trim().is_empty()) {
            match serde_json::from_str::<Value>(extra) {
                Ok(Value::Object(m)) => body.extend(m),
                _ => {
                    return Err(SinchError::invalid_config(
                        "extra_json of a bundle must be a JSON object, e.g. {\"convApp\": {...}}",
                    ))
                }
            }
        }
        Ok(Value::Object(body))
    }
}

/// The bundles of one project.
#[derive(Debug, Clone)]
pub struct Bundles {
    client: ProvisioningClient,
}

impl PagedList for Bundles {
    type Page = BundlePage;
    type Filter = BundleFilter;
    const MAX_PAGE_SIZE: u32 = MAX_PAGE_SIZE;
    const NOUN: &'static str = "bundles";
    const ACTION: &'static str = "listing bundles";

    fn client(&self) -> &ProvisioningClient {
        &self.client
    }

    fn list_url(&self, page: &PageRequest, filter: &BundleFilter) -> Result<url::Url> {
        let mut query = paging_query(page);
        query.extend(filter.query());
        self.client.url(path!["bundles"], &query)
    }
}

impl Bundles {
    pub(crate) fn new(client: ProvisioningClient) -> Self {
        Bundles { client }
    }

    /// `GET /bundles`: one page, filtered. Page size 1 to 25; none = the server's default (10).
    ///
    /// Spec: `GET /bundles`, operationId `BundlesBundlesController_list_v1`.
    pub fn list(&self, page: &PageRequest, filter: &BundleFilter) -> Result<BundlePage> {
        self.page(page, filter)
    }

    /// `GET /bundles`, every page in turn with the same filter, fetched when asked for.
    pub fn pages(&self, page_size: Option<u32>, filter: BundleFilter) -> Result<Pager<BundlePage>> {
        self.pager(page_size, filter)
    }

    /// `POST /bundles` (201). The answer may still be `IN_PROGRESS`: poll [`Self::get`] or
    /// register a `BUNDLE_DONE` webhook.
    ///
    /// Spec: `POST /bundles`, operationId `BundlesBundlesController_create_v1`.
    pub fn create(&self, spec: &BundleSpec) -> Result<Bundle> {
        let body = spec.to_json()?;
        let url = self.client.url(path!["bundles"], &[])?;
        self.client
            .call(Method::POST, url, Some(&body), "creating a bundle")
    }

    /// `GET /bundles/{bundleId}`.
    ///
    /// Spec: `GET /bundles/{bundleId}`, operationId `BundlesBundlesController_get_v1`.
    pub fn get(&self, bundle_id: &str) -> Result<Bundle> {
        let url = self.client.url(path!["bundles", { bundle_id }], &[])?;
        self.client.call(Method::GET, url, None, "getting a bundle")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provisioning::webhooks::WebhookTrigger;

    #[test]
    fn work_order_json() {
        let spec = BundleSpec {
            name: "b".into(),
            region: Some(AppRegion::Us),
            subproject: BundlePart::Create,
            sms_app: BundlePart::Named("SMS".into()),
            test_number: Some(true),
            webhooks: vec![WebhookSpec {
                target: "https://x.test/h".into(),
                secret: "s".into(),
                triggers: vec![WebhookTrigger::BundleDone],
            }],
            extra_json: Some(r#"{"convApp": {"name": "C", "processingMode": "DISPATCH"}}"#.into()),
            ..Default::default()
        };
        assert_eq!(
            spec.to_json().unwrap(),
            json!({"name": "b", "region": "US", "subproject": true, "smsApp": {"name": "SMS"},
                   "testNumber": true, "convApp": {"name": "C", "processingMode": "DISPATCH"},
                   "webhooks": [{"target": "https://x.test/h", "secret": "s", "triggers": ["BUNDLE_DONE"]}]})
        );
        let bad = BundleSpec {
            extra_json: Some("[1]".into()),
            ..Default::default()
        };
        assert!(matches!(
            bad.to_json(),
            Err(SinchError::InvalidConfig { .. })
        ));
        assert_eq!(BundlePart::from_parts(Some(false), None), BundlePart::Omit);
        assert_eq!(
            BundlePart::from_parts(None, Some("n".into())),
            BundlePart::Named("n".into())
        );
        assert_eq!(BundlePart::from_parts(Some(true), None), BundlePart::Create);
    }
}
