//! RCS senders (`/rcs/senders`): list with filters and sorting, create, and get.
//!
//! Confirmed (Sinch's Provisioning API reference v1.2.36): `GET`/`POST /rcs/senders`, the
//! list parameters and the create body's top level `{region, billingCategory, useCase,
//! details{brand{…}}}`. **Gap**: the brand's fields are not in our notes. [`RcsBrand`] types
//! only `name` and carries the whole brand object as a JSON string (`raw_json`); on create,
//! put any other brand field in `brand_extra_json`. Inferred: the enum values below (Google
//! RBM's billing categories and use cases, and states), the answer fields beyond those
//! sent, the list key (`senders`) and the page-size range (1 to 100 assumed).

use super::activity::{self, ActivityPage, Comment};
use super::pagination::{PageRequest, PagedList, Pager};
use super::rcs_questionnaire::{RcsQuestionnaire, RcsQuestionnaireQuery};
use super::sms_apps::AppRegion;
use super::{paging_query, ProvisioningClient};
use crate::error::{Result, SinchError};
use crate::open_enum;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// Page-size range used for the RCS senders list (undocumented; 1 to 100 assumed).
pub const MAX_PAGE_SIZE: u32 = 100;

open_enum! {
    /// How messages of the sender are billed (values inferred from Google RBM).
    RcsBillingCategory {
        BasicMessage = "BASIC_MESSAGE",
        SingleMessage = "SINGLE_MESSAGE",
        Conversational = "CONVERSATIONAL",
    }
}

open_enum! {
    /// What the sender is used for (the spec's `RcsInputSenderUseCasesEnum`, v1.2.117).
    RcsUseCase {
        Otp = "OTP",
        Transactional = "TRANSACTIONAL",
        Promotional = "PROMOTIONAL",
        MultiUse = "MULTIUSE",
    }
}

open_enum! {
    /// The state of an RCS sender (values inferred; new ones are kept as `Unknown`).
    RcsSenderState {
        InProgress = "IN_PROGRESS",
        Active = "ACTIVE",
        Inactive = "INACTIVE",
        Rejected = "REJECTED",
        Error = "ERROR",
    }
}

open_enum! {
    /// The list's `sortColumn`.
    RcsSortColumn {
        Created = "CREATED",
    }
}

open_enum! {
    /// The list's `sortDirection`.
    RcsSortDirection {
        Asc = "ASC",
        Desc = "DESC",
    }
}

/// The brand of an RCS sender. Only `name` is typed (the other fields are a gap in our
/// notes); `raw_json` is the whole brand object as the server sent it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(from = "Value", into = "Value")]
pub struct RcsBrand {
    pub name: Option<String>,
    /// The brand object as JSON text.
    pub raw_json: String,
}

impl From<Value> for RcsBrand {
    fn from(v: Value) -> Self {
        RcsBrand {
            name: v.get("name").and_then(Value::as_str).map(str::to_string),
            raw_json: v.to_string(),
        }
    }
}

impl From<RcsBrand> for Value {
    fn from(b: RcsBrand) -> Value {
        let mut v = serde_json::from_str::<Value>(&b.raw_json)
            .ok()
            .filter(Value::is_object)
            .unwrap_or_else(|| json!({}));
        if let Some(n) = b.name {
            v["name"] = json!(n);
        }
        v
    }
}

/// `details` of an RCS sender.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct RcsSenderDetails {
    #[serde(default)]
    pub brand: Option<RcsBrand>,
}

/// An RCS sender.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct RcsSender {
    pub id: String,
    #[serde(default)]
    pub region: Option<AppRegion>,
    #[serde(default)]
    pub billing_category: Option<RcsBillingCategory>,
    #[serde(default)]
    pub use_case: Option<RcsUseCase>,
    #[serde(default)]
    pub state: Option<RcsSenderState>,
    #[serde(default)]
    pub details: Option<RcsSenderDetails>,
    /// ISO-8601 (inferred field).
    #[serde(default)]
    pub created: Option<String>,
    /// ISO-8601 (inferred field).
    #[serde(default)]
    pub modified: Option<String>,
}

crate::page_record!(
    /// One page of RCS senders.
    RcsSenderPage { senders: RcsSender });

/// List filters and sorting; unset fields are not sent. Lists are sent as repeated
/// parameters (`filterSenderIds=a&filterSenderIds=b`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct RcsSenderFilter {
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub conversation_api_app_id: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sender_ids: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sender_name: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub states: Vec<RcsSenderState>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sort_column: Option<RcsSortColumn>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sort_direction: Option<RcsSortDirection>,
}

impl RcsSenderFilter {
    fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if let Some(v) = &self.conversation_api_app_id {
            q.push(("filterConversationApiAppId", v.clone()));
        }
        q.extend(
            self.sender_ids
                .iter()
                .map(|v| ("filterSenderIds", v.clone())),
        );
        if let Some(v) = &self.sender_name {
            q.push(("filterSenderName", v.clone()));
        }
        q.extend(
            self.states
                .iter()
                .map(|v| ("filterStates", v.as_str().to_string())),
        );
        if let Some(v) = &self.sort_column {
            q.push(("sortColumn", v.as_str().to_string()));
        }
        if let Some(v) = &self.sort_direction {
            q.push(("sortDirection", v.as_str().to_string()));
        }
        q
    }
}

/// A new RCS sender (`POST /rcs/senders`): `{region, billingCategory, useCase,
/// details{brand{name, …brand_extra_json}}}`. `brand_extra_json` is a JSON object whose
/// keys are merged into `brand` (the escape hatch for brand fields not typed here).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct RcsSenderSpec {
    pub region: AppRegion,
    pub billing_category: RcsBillingCategory,
    pub use_case: RcsUseCase,
    #[serde(default)]
    pub brand_name: Option<String>,
    #[serde(default)]
    pub brand_extra_json: Option<String>,
}

impl RcsSenderSpec {
    fn to_json(&self) -> Result<Value> {
        let mut brand = Map::new();
        if let Some(extra) = self
            .brand_extra_json
            .as_deref()
            .filter(|s| !s.trim().is_empty())
        {
            match serde_json::from_str::<Value>(extra) {
                Ok(Value::Object(m)) => brand.extend(m),
                _ => {
                    return Err(SinchError::invalid_config(
                        "brand_extra_json of an RCS sender must be a JSON object",
                    ))
                }
            }
        }
        if let Some(n) = &self.brand_name {
            brand.insert("name".into(), json!(n));
        }
        Ok(json!({
            "region": self.region,
            "billingCategory": self.billing_category,
            "useCase": self.use_case,
            "details": { "brand": brand },
        }))
    }
}

/// The RCS senders of one project.
#[derive(Debug, Clone)]
pub struct RcsSenders {
    client: ProvisioningClient,
}

impl PagedList for RcsSenders {
    type Page = RcsSenderPage;
    type Filter = RcsSenderFilter;
    const MAX_PAGE_SIZE: u32 = MAX_PAGE_SIZE;
    const NOUN: &'static str = "RCS senders";
    const ACTION: &'static str = "listing RCS senders";

    fn client(&self) -> &ProvisioningClient {
        &self.client
    }

    fn list_url(&self, page: &PageRequest, filter: &RcsSenderFilter) -> Result<url::Url> {
        let mut query = paging_query(page);
        query.extend(filter.query());
        self.client.url(path!["rcs", "senders"], &query)
    }
}

impl RcsSenders {
    pub(crate) fn new(client: ProvisioningClient) -> Self {
        RcsSenders { client }
    }

    /// `GET /rcs/senders`: one page, filtered and sorted.
    ///
    /// Spec: `GET /rcs/senders` (spec operation; operationId not read yet).
    pub fn list(&self, page: &PageRequest, filter: &RcsSenderFilter) -> Result<RcsSenderPage> {
        self.page(page, filter)
    }

    /// `GET /rcs/senders`, every page in turn with the same filter, fetched when asked for.
    pub fn pages(
        &self,
        page_size: Option<u32>,
        filter: RcsSenderFilter,
    ) -> Result<Pager<RcsSenderPage>> {
        self.pager(page_size, filter)
    }

    /// `POST /rcs/senders`.
    ///
    /// Spec: `POST /rcs/senders` (spec operation; operationId not read yet).
    pub fn create(&self, spec: &RcsSenderSpec) -> Result<RcsSender> {
        let body = spec.to_json()?;
        let url = self.client.url(path!["rcs", "senders"], &[])?;
        self.client
            .call(Method::POST, url, Some(&body), "creating an RCS sender")
    }

    /// One sender.
    ///
    /// Spec: `GET /rcs/senders/{senderId}`, operationId `rcssenderscontroller_getsender_v1`.
    pub fn get(&self, sender_id: &str) -> Result<RcsSender> {
        let url = self
            .client
            .url(path!["rcs", "senders", { sender_id }], &[])?;
        self.client
            .call(Method::GET, url, None, "getting an RCS sender")
    }

    /// The launch questionnaire of `use_case`: the questions a sender's launch must answer,
    /// per section (see [`super::rcs_questionnaire`]).
    ///
    /// Spec: `GET /rcs/questionnaire/{useCase}`, operationId
    /// `RcsQuestionnaireController_getQuestions_v1`.
    pub fn questionnaire(
        &self,
        use_case: &RcsUseCase,
        query: &RcsQuestionnaireQuery,
    ) -> Result<RcsQuestionnaire> {
        self.client.rcs_questionnaire(use_case, query)
    }

    /// One page of the sender's activity log, most recent first (page size 1 to 100). The
    /// reference pages list the operation; its shape is taken to be the RCS account's (the
    /// spec's `RcsAccountNotificationListDto`), which the emulator answers too.
    ///
    /// Spec: `GET /rcs/senders/{senderId}/activities` (spec operation; operationId not read yet).
    pub fn activities(&self, sender_id: &str, page: &PageRequest) -> Result<ActivityPage> {
        activity::page(
            &self.client,
            page,
            "listing an RCS sender's activities",
            |q| {
                self.client
                    .url(path!["rcs", "senders", { sender_id }, "activities"], q)
            },
        )
    }

    /// Leaves a comment for Sinch support on the sender; returns the comment created (the
    /// account's comment shapes, as for [`RcsSenders::activities`]).
    ///
    /// Spec: `POST /rcs/senders/{senderId}/comments` (spec operation; operationId not read yet).
    pub fn comment(&self, sender_id: &str, comment: &str) -> Result<Comment> {
        let url = self
            .client
            .url(path!["rcs", "senders", { sender_id }, "comments"], &[])?;
        activity::post(&self.client, url, comment, "commenting on an RCS sender")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brand_keeps_unknown_fields() {
        let b: RcsBrand =
            serde_json::from_value(json!({"name": "Acme", "color": "#ff0000"})).unwrap();
        assert_eq!(b.name.as_deref(), Some("Acme"));
        let back: Value = serde_json::from_str(&b.raw_json).unwrap();
        assert_eq!(back["color"], "#ff0000");
        assert_eq!(serde_json::to_value(&b).unwrap()["color"], "#ff0000");
    }

    #[test]
    fn create_body() {
        let spec = RcsSenderSpec {
            region: AppRegion::Eu,
            billing_category: RcsBillingCategory::Conversational,
            use_case: RcsUseCase::from("NEW_USE"),
            brand_name: Some("Acme".into()),
            brand_extra_json: Some(r##"{"color": "#000000", "name": "ignored"}"##.into()),
        };
        assert_eq!(
            spec.to_json().unwrap(),
            json!({"region": "EU", "billingCategory": "CONVERSATIONAL", "useCase": "NEW_USE",
                   "details": {"brand": {"name": "Acme", "color": "#000000"}}})
        );
        let bad = RcsSenderSpec {
            brand_extra_json: Some("1".into()),
            ..spec
        };
        assert!(matches!(
            bad.to_json(),
            Err(SinchError::InvalidConfig { .. })
        ));
    }
}
