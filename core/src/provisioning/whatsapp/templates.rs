//! WhatsApp message templates (`/whatsapp/templates`), project-scoped: list (filters, paged
//! 1..1000, alphabetical), create (draft unless submitted), all languages of a name, get /
//! update / delete one language, delete a name, sync from Meta.
//!
//! Components are typed where the docs pin them down (HEADER, BODY, FOOTER, BUTTONS with the
//! documented button types, CAROUSEL cards). A component or button whose shape does not match
//! exactly (unknown type, unknown field, different value type) is kept as `Other { json }`, the
//! raw JSON object, and sent back unchanged, so reading and re-sending a template never loses
//! data. Build `Other` yourself for shapes this version does not type.
//!
//! Unconfirmed: the create/update field that submits (`status: DRAFT|SUBMIT`, as on senders),
//! the envelope of "all languages of a name" (`{templates: [...]}` or a bare array; both read).

use super::{push_all, WhatsappSubmitMode};
use crate::error::{Result, SinchError};
use crate::open_enum;
use crate::provisioning::activity::{self, ActivityPage};
use crate::provisioning::pagination::{PageRequest, PagedList, Pager};
use crate::provisioning::Segment;
use crate::provisioning::{paging_query, ProvisioningClient};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::{json, Value};

/// The documented page-size range of the templates list (v1.2.117).
pub const MAX_PAGE_SIZE: u32 = 1000;

/// The most pages [`WhatsappTemplates::get_by_name`] reads (each of [`MAX_PAGE_SIZE`]).
const MAX_NAME_PAGES: usize = 10;

open_enum! {
    /// Template category. OTP and TRANSACTIONAL are legacy values that lists may still return.
    WhatsappTemplateCategory {
        Authentication = "AUTHENTICATION",
        Marketing = "MARKETING",
        Utility = "UTILITY",
        Otp = "OTP",
        Transactional = "TRANSACTIONAL",
    }
}

open_enum! {
    /// Meta review state of a template.
    WhatsappTemplateState {
        Approved = "APPROVED", Disabled = "DISABLED", Paused = "PAUSED", Pending = "PENDING",
        Rejected = "REJECTED",
    }
}

open_enum! {
    /// Status of a template's pending changes.
    WhatsappTemplateChangeStatus { Draft = "DRAFT", InProgress = "IN_PROGRESS", Rejected = "REJECTED" }
}

open_enum! {
    /// Period of the analytics returned with a list (`templateAnalyticsDateRange`).
    WhatsappAnalyticsDateRange { Day = "DAY", Week = "WEEK", Month = "MONTH", Quarter = "QUARTER" }
}

open_enum! {
    /// Format of a HEADER component.
    WhatsappHeaderFormat {
        Text = "TEXT", Image = "IMAGE", Video = "VIDEO", Document = "DOCUMENT", Location = "LOCATION",
    }
}

/// An app that may autofill an OTP (OTP buttons, one-tap / zero-tap).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WhatsappOtpSupportedApp {
    pub package_name: String,
    pub signature_hash: String,
}

/// A button of a BUTTONS component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(
    tag = "type",
    rename_all = "SCREAMING_SNAKE_CASE",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum WhatsappTemplateButton {
    PhoneNumber {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
        phone_number: String,
    },
    Url {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
        url: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        examples: Vec<String>,
    },
    QuickReply {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        text: Option<String>,
    },
    Otp {
        /// E.g. `COPY_CODE`, `ONE_TAP`, `ZERO_TAP`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        otp_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        text: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        autofill_text: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        package_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        signature_hash: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        supported_apps: Vec<WhatsappOtpSupportedApp>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        zero_tap_terms_accepted: Option<bool>,
    },
    RequestContactInfo {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        text: Option<String>,
    },
    OrderDetails {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        text: Option<String>,
    },
    CopyCode {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        text: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        example: Option<String>,
    },
    /// A WhatsApp Flow button (type `FLOW`, inferred).
    Flow {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
        flow_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        flow_action: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        navigate_screen: Option<String>,
    },
    /// Any other button, as a raw JSON object (must include `type`).
    #[serde(skip)]
    Other { json: String },
}

/// A component of a carousel card (cards hold a header, a body and buttons).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(
    tag = "type",
    rename_all = "SCREAMING_SNAKE_CASE",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum WhatsappCardComponent {
    Header {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        format: Option<WhatsappHeaderFormat>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        examples: Vec<String>,
    },
    Body {
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        examples: Vec<String>,
    },
    Buttons {
        #[serde(with = "typed_or_raw")]
        buttons: Vec<WhatsappTemplateButton>,
    },
    /// Any other card component, as a raw JSON object (must include `type`).
    #[serde(skip)]
    Other { json: String },
}

/// One card of a CAROUSEL component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WhatsappCarouselCard {
    #[serde(with = "typed_or_raw")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub components: Vec<WhatsappCardComponent>,
}

/// A template component. A template has exactly one BODY and at most one of each type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(
    tag = "type",
    rename_all = "SCREAMING_SNAKE_CASE",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum WhatsappTemplateComponent {
    Header {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        format: Option<WhatsappHeaderFormat>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        text: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        examples: Vec<String>,
    },
    /// `text` with `{{1}}` placeholders; `examples` fill them for review.
    Body {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        text: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        examples: Vec<String>,
        /// Authentication templates only.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        add_security_recommendation: Option<bool>,
    },
    Footer {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        text: Option<String>,
        /// Authentication templates only.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        code_expiration_minutes: Option<i32>,
    },
    Buttons {
        #[serde(with = "typed_or_raw")]
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        buttons: Vec<WhatsappTemplateButton>,
    },
    Carousel {
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        cards: Vec<WhatsappCarouselCard>,
    },
    /// Any other component, as a raw JSON object (must include `type`).
    #[serde(skip)]
    Other { json: String },
}

/// Types with an `Other { json }` escape hatch.
trait RawFallback: Sized + Serialize + DeserializeOwned {
    fn from_raw(json: String) -> Self;
    fn raw(&self) -> Option<&str>;
}

macro_rules! raw_fallback {
    ($t:ident) => {
        impl RawFallback for $t {
            fn from_raw(json: String) -> Self {
                $t::Other { json }
            }
            fn raw(&self) -> Option<&str> {
                match self {
                    $t::Other { json } => Some(json),
                    _ => None,
                }
            }
        }
    };
}
raw_fallback!(WhatsappTemplateComponent);
raw_fallback!(WhatsappCardComponent);
raw_fallback!(WhatsappTemplateButton);

/// `Vec<T>` where each item is typed when it matches exactly and raw JSON otherwise.
///
/// This one works under any deserializer, including serde's buffered `Content` inside the
/// internally tagged component enums (buttons, cards); [`typed_or_raw_json`] is the fast one
/// for the top-level `details.components`, read straight from serde_json.
mod typed_or_raw {
    use super::*;

    pub fn serialize<S: Serializer, T: RawFallback>(
        items: &[T],
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = s.serialize_seq(Some(items.len()))?;
        for item in items {
            match item.raw() {
                Some(raw) => {
                    let v: Value = serde_json::from_str(raw).map_err(S::Error::custom)?;
                    seq.serialize_element(&v)?;
                }
                None => seq.serialize_element(item)?,
            }
        }
        seq.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>, T: RawFallback>(
        d: D,
    ) -> std::result::Result<Vec<T>, D::Error> {
        let values = <Option<Vec<Value>>>::deserialize(d)?.unwrap_or_default();
        Ok(values
            .into_iter()
            .map(|v| {
                serde_json::from_value::<T>(v.clone())
                    .unwrap_or_else(|_| T::from_raw(v.to_string()))
            })
            .collect())
    }
}

/// [`typed_or_raw`] for a field read by serde_json itself (from text or from a `Value`): each
/// item is kept as its JSON text and decoded once, instead of being built as a `Value` and
/// cloned, which doubled the cost of listing templates.
mod typed_or_raw_json {
    use super::*;

    pub use super::typed_or_raw::serialize;

    pub fn deserialize<'de, D: Deserializer<'de>, T: RawFallback>(
        d: D,
    ) -> std::result::Result<Vec<T>, D::Error> {
        let raws = <Option<Vec<Box<RawValue>>>>::deserialize(d)?.unwrap_or_default();
        Ok(raws
            .into_iter()
            .map(|raw| {
                serde_json::from_str::<T>(raw.get()).unwrap_or_else(|_| T::from_raw(compact(&raw)))
            })
            .collect())
    }
}

/// The JSON text of `raw` in compact form (keys sorted), whatever the server's whitespace, as
/// `Value::to_string` writes it.
fn compact(raw: &RawValue) -> String {
    serde_json::from_str::<Value>(raw.get())
        .map(|v| v.to_string())
        .unwrap_or_else(|_| raw.get().to_string())
}

/// A JSON value of any type kept as its JSON text (for fields whose type is not documented).
mod raw_value {
    use super::*;

    pub fn serialize<S: Serializer>(
        v: &Option<String>,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::Error;
        match v {
            Some(raw) => serde_json::from_str::<Value>(raw)
                .map_err(S::Error::custom)?
                .serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Option<String>, D::Error> {
        Ok(<Option<Box<RawValue>>>::deserialize(d)?.map(|raw| compact(&raw)))
    }
}

pub(super) use lenient::count_opt;

/// Numbers that proto3-JSON servers may send as strings (int64) or numbers.
mod lenient {
    use super::*;

    /// A count (never negative): a number or a numeric string; anything else is `None`.
    pub fn count_opt<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Option<i64>, D::Error> {
        Ok(match <Option<Value>>::deserialize(d)? {
            Some(Value::Number(n)) => n.as_i64(),
            Some(Value::String(s)) => s.parse().ok(),
            _ => None,
        }
        .filter(|n| *n >= 0))
    }

    pub fn string_opt<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Option<String>, D::Error> {
        Ok(match <Option<Value>>::deserialize(d)? {
            Some(Value::String(s)) => Some(s),
            Some(Value::Null) | None => None,
            Some(other) => Some(other.to_string()),
        })
    }
}

/// The content of a template (or of its pending changes).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappTemplateDetails {
    #[serde(default, with = "typed_or_raw_json")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub components: Vec<WhatsappTemplateComponent>,
    #[serde(
        default,
        deserialize_with = "lenient::count_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub message_send_ttl_seconds: Option<i64>,
    /// `optimization` on the wire; its type is undocumented: the JSON text of the value.
    #[serde(
        default,
        rename = "optimization",
        with = "raw_value",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub optimization_json: Option<String>,
}

/// Pending changes of a template.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappTemplateChanges {
    #[serde(default)]
    pub status: Option<WhatsappTemplateChangeStatus>,
    #[serde(default)]
    pub allow_category_change: Option<bool>,
    #[serde(default)]
    pub details: Option<WhatsappTemplateDetails>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappButtonAnalytics {
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub content: Option<String>,
    #[serde(default, deserialize_with = "lenient::count_opt")]
    pub clicks: Option<i64>,
}

/// Delivery analytics over a period (`start`..`end`, as sent).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappTemplateAnalytics {
    #[serde(default, deserialize_with = "lenient::count_opt")]
    pub sent: Option<i64>,
    #[serde(default, deserialize_with = "lenient::count_opt")]
    pub delivered: Option<i64>,
    #[serde(default, deserialize_with = "lenient::count_opt")]
    pub read: Option<i64>,
    #[serde(default, deserialize_with = "lenient::string_opt")]
    pub start: Option<String>,
    #[serde(default, deserialize_with = "lenient::string_opt")]
    pub end: Option<String>,
    #[serde(default)]
    pub buttons: Vec<WhatsappButtonAnalytics>,
}

/// A template in one language. With a `field_mask` the server returns only the requested
/// fields, so everything but `name` may be absent.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappTemplate {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub whatsapp_id: Option<String>,
    /// Uppercase language code such as `EN_US` (about 70 values; kept as a string).
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub category: Option<WhatsappTemplateCategory>,
    #[serde(default)]
    pub state: Option<WhatsappTemplateState>,
    #[serde(default)]
    pub rejection_code: Option<String>,
    /// E.g. `QUALITY_SCORE_GREEN`.
    #[serde(default)]
    pub quality_score: Option<String>,
    #[serde(default)]
    pub changes: Option<WhatsappTemplateChanges>,
    #[serde(default)]
    pub details: Option<WhatsappTemplateDetails>,
    #[serde(default)]
    pub analytics: Vec<WhatsappTemplateAnalytics>,
    #[serde(default)]
    pub is_meta_generated: Option<bool>,
}

crate::page_record!(
    /// One page of templates, alphabetical.
    WhatsappTemplatePage { templates: WhatsappTemplate });

/// Filters of the templates list; empty / none means "no filter".
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WhatsappTemplateFilter {
    /// `fieldMask` (repeated): only these fields (wire names, e.g. `name`, `state`) are returned.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub field_mask: Vec<String>,
    /// `filterStates` (repeated).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub states: Vec<WhatsappTemplateState>,
    /// `filterStatuses` (repeated): statuses of pending changes.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub statuses: Vec<WhatsappTemplateChangeStatus>,
    /// `templateAnalyticsDateRange`: include analytics over this period.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub analytics_date_range: Option<WhatsappAnalyticsDateRange>,
    /// `templateName`: a name prefix.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name_prefix: Option<String>,
}

/// What a template read returns (`GET …/{templateName}` and `…/languages/{languageCode}`):
/// only the fields of `field_mask` (wire names; `name` always), and analytics over a period.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WhatsappTemplateView {
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub field_mask: Vec<String>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub analytics_date_range: Option<WhatsappAnalyticsDateRange>,
}

impl WhatsappTemplateView {
    fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        push_all(&mut q, "fieldMask", &self.field_mask);
        if let Some(r) = &self.analytics_date_range {
            q.push(("templateAnalyticsDateRange", r.to_string()));
        }
        q
    }
}

/// `POST /whatsapp/templates`. Saved as a draft unless `status` is `Submit`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WhatsappTemplateCreate {
    /// Immutable after creation.
    pub name: String,
    /// Uppercase language code, e.g. `EN_US`.
    pub language: String,
    pub category: WhatsappTemplateCategory,
    /// Needs a BODY when submitting; at most one component of each type.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub components: Vec<WhatsappTemplateComponent>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub message_send_ttl_seconds: Option<i64>,
    /// None = draft (the server default).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<WhatsappSubmitMode>,
}

/// `PATCH …/languages/{code}`: only the given fields change. A REJECTED, APPROVED, PAUSED or
/// DISABLED template goes back to draft.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WhatsappTemplateUpdate {
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub category: Option<WhatsappTemplateCategory>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub components: Option<Vec<WhatsappTemplateComponent>>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub message_send_ttl_seconds: Option<i64>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<WhatsappSubmitMode>,
}

fn details_json(
    components: Option<&[WhatsappTemplateComponent]>,
    ttl: Option<i64>,
) -> Result<Option<Value>> {
    if components.is_none() && ttl.is_none() {
        return Ok(None);
    }
    let mut d = json!({});
    if let Some(c) = components {
        d["components"] = typed_or_raw::serialize(c, serde_json::value::Serializer)
            .map_err(|e| SinchError::invalid_config(format!("a raw component is not JSON: {e}")))?;
    }
    if let Some(t) = ttl {
        if t < 0 {
            return Err(SinchError::invalid_config(format!(
                "message_send_ttl_seconds {t} is negative"
            )));
        }
        d["messageSendTtlSeconds"] = json!(t);
    }
    Ok(Some(d))
}

impl WhatsappTemplateCreate {
    fn to_json(&self) -> Result<Value> {
        if self.name.trim().is_empty() || self.language.trim().is_empty() {
            return Err(SinchError::invalid_config(
                "a template needs a name and a language",
            ));
        }
        let mut body = json!({"name": self.name, "language": self.language,
                              "category": self.category});
        if let Some(d) = details_json(Some(&self.components), self.message_send_ttl_seconds)? {
            body["details"] = d;
        }
        if let Some(s) = self.status {
            body["status"] = json!(s);
        }
        Ok(body)
    }
}

impl WhatsappTemplateUpdate {
    fn to_json(&self) -> Result<Value> {
        let mut body = json!({});
        if let Some(c) = &self.category {
            body["category"] = json!(c);
        }
        if let Some(d) = details_json(self.components.as_deref(), self.message_send_ttl_seconds)? {
            body["details"] = d;
        }
        if let Some(s) = self.status {
            body["status"] = json!(s);
        }
        Ok(body)
    }
}

/// The WhatsApp templates of one project.
#[derive(Debug, Clone)]
pub struct WhatsappTemplates {
    client: ProvisioningClient,
}

impl PagedList for WhatsappTemplates {
    type Page = WhatsappTemplatePage;
    type Filter = WhatsappTemplateFilter;
    const MAX_PAGE_SIZE: u32 = MAX_PAGE_SIZE;
    const NOUN: &'static str = "WhatsApp templates";
    const ACTION: &'static str = "listing WhatsApp templates";

    fn client(&self) -> &ProvisioningClient {
        &self.client
    }

    fn list_url(&self, page: &PageRequest, filter: &WhatsappTemplateFilter) -> Result<url::Url> {
        let mut q = paging_query(page);
        push_all(&mut q, "fieldMask", &filter.field_mask);
        push_all(&mut q, "filterStates", &filter.states);
        push_all(&mut q, "filterStatuses", &filter.statuses);
        if let Some(r) = &filter.analytics_date_range {
            q.push(("templateAnalyticsDateRange", r.to_string()));
        }
        if let Some(p) = filter.name_prefix.as_ref().filter(|p| !p.is_empty()) {
            q.push(("templateName", p.clone()));
        }
        self.url(path![], &q)
    }
}

impl WhatsappTemplates {
    pub(crate) fn new(client: ProvisioningClient) -> Self {
        WhatsappTemplates { client }
    }

    pub(super) fn url(&self, tail: &[Segment<'_>], query: &[(&str, String)]) -> Result<url::Url> {
        let mut segments = vec![Segment::Fixed("whatsapp"), Segment::Fixed("templates")];
        segments.extend_from_slice(tail);
        self.client.url(&segments, query)
    }

    /// One page, alphabetical. Page size 1 to 1000; none = the server default (50).
    ///
    /// Spec: `GET /whatsapp/templates`, operationId `WhatsappTemplatesController_listTemplates_v1`.
    pub fn list(
        &self,
        page: &PageRequest,
        filter: &WhatsappTemplateFilter,
    ) -> Result<WhatsappTemplatePage> {
        self.page(page, filter)
    }

    /// Every page in turn, fetched when asked for.
    pub fn pages(
        &self,
        page_size: Option<u32>,
        filter: WhatsappTemplateFilter,
    ) -> Result<Pager<WhatsappTemplatePage>> {
        self.pager(page_size, filter)
    }

    /// Spec: `POST /whatsapp/templates`,
    /// operationId `WhatsappTemplatesController_createTemplate_v1`.
    pub fn create(&self, template: &WhatsappTemplateCreate) -> Result<WhatsappTemplate> {
        let body = template.to_json()?;
        let url = self.url(path![], &[])?;
        self.client.call(
            Method::POST,
            url,
            Some(&body),
            "creating a WhatsApp template",
        )
    }

    /// Every language of the template `name`, alphabetical, whole and without analytics.
    ///
    /// Spec: `GET /whatsapp/templates/{templateName}`,
    /// operationId `WhatsappTemplatesController_listTemplatesByName_v1`.
    pub fn get_by_name(&self, name: &str) -> Result<Vec<WhatsappTemplate>> {
        self.get_by_name_with_view(name, &WhatsappTemplateView::default())
    }

    /// [`Self::get_by_name`] in a `view` (field mask, analytics period). The answer is paged;
    /// this reads every page (1000 languages each, so one request in practice).
    pub fn get_by_name_with_view(
        &self,
        name: &str,
        view: &WhatsappTemplateView,
    ) -> Result<Vec<WhatsappTemplate>> {
        let action = "getting a WhatsApp template's languages";
        let mut all = Vec::new();
        let mut token: Option<String> = None;
        // Bounded: a template has one entry per language (fewer than 100 exist).
        for _ in 0..MAX_NAME_PAGES {
            let mut q = paging_query(&PageRequest {
                page_size: Some(MAX_PAGE_SIZE),
                page_token: token.take(),
            });
            q.extend(view.query());
            let url = self.url(path![{ name }], &q)?;
            let page: WhatsappTemplatePage = self.client.call(Method::GET, url, None, action)?;
            all.extend(page.templates);
            match page.next_page_token.filter(|t| !t.is_empty()) {
                Some(t) => token = Some(t),
                None => return Ok(all),
            }
        }
        Err(SinchError::protocol(format!(
            "{action}: the server still had pages after {MAX_NAME_PAGES} of them; a template \
             has at most one entry per language, so the answer cannot be trusted"
        )))
    }

    /// One language of a template, whole and without analytics.
    ///
    /// Spec: `GET /whatsapp/templates/{templateName}/languages/{languageCode}`,
    /// operationId `WhatsappTemplatesController_getTemplate_v1`.
    pub fn get(&self, name: &str, language: &str) -> Result<WhatsappTemplate> {
        self.get_with_view(name, language, &WhatsappTemplateView::default())
    }

    /// [`Self::get`] in a `view` (field mask, analytics period).
    pub fn get_with_view(
        &self,
        name: &str,
        language: &str,
        view: &WhatsappTemplateView,
    ) -> Result<WhatsappTemplate> {
        let url = self.url(path![{ name }, "languages", { language }], &view.query())?;
        self.client
            .call(Method::GET, url, None, "getting a WhatsApp template")
    }

    /// One page of the activity log of one language of a template, most recent first (page
    /// size 1 to 100).
    ///
    /// Spec: `GET /whatsapp/templates/{templateName}/languages/{languageCode}/activities`,
    /// operationId `WhatsappTemplatesController_listActivities_v1`.
    pub fn activities(
        &self,
        name: &str,
        language: &str,
        page: &PageRequest,
    ) -> Result<ActivityPage> {
        activity::page(
            &self.client,
            page,
            "listing a WhatsApp template's activities",
            |q| self.url(path![{ name }, "languages", { language }, "activities"], q),
        )
    }

    /// Spec: `PATCH /whatsapp/templates/{templateName}/languages/{languageCode}`,
    /// operationId `WhatsappTemplatesController_updateTemplate_v1`.
    pub fn update(
        &self,
        name: &str,
        language: &str,
        update: &WhatsappTemplateUpdate,
    ) -> Result<WhatsappTemplate> {
        let body = update.to_json()?;
        let url = self.url(path![{ name }, "languages", { language }], &[])?;
        self.client.call(
            Method::PATCH,
            url,
            Some(&body),
            "updating a WhatsApp template",
        )
    }

    /// Deletes one language. Without `delete_submitted` only a draft is deleted.
    ///
    /// Spec: `DELETE /whatsapp/templates/{templateName}/languages/{languageCode}`,
    /// operationId `WhatsappTemplatesController_deleteTemplateByNameAndLanguage_v1`.
    pub fn delete_language(
        &self,
        name: &str,
        language: &str,
        delete_submitted: bool,
    ) -> Result<()> {
        let q = [("deleteSubmitted", delete_submitted.to_string())];
        let url = self.url(path![{ name }, "languages", { language }], &q)?;
        self.client
            .send(
                Method::DELETE,
                url,
                None,
                "deleting a WhatsApp template language",
            )
            .map(|_| ())
    }

    /// Deletes every language of the template `name`.
    ///
    /// Spec: `DELETE /whatsapp/templates/{templateName}`,
    /// operationId `WhatsappTemplatesController_deleteTemplatesByName_v1`.
    pub fn delete(&self, name: &str) -> Result<()> {
        let url = self.url(path![{ name }], &[])?;
        self.client
            .send(Method::DELETE, url, None, "deleting a WhatsApp template")
            .map(|_| ())
    }

    /// Re-reads the project's templates from Meta. Rate limited by Sinch (HTTP 429,
    /// `too_many_requests`): a POST is retried on 429 by the transport, then surfaces as
    /// `SinchError::RateLimited`.
    ///
    /// Spec: `POST /whatsapp/templates/sync`,
    /// operationId `WhatsappTemplatesController_syncTemplates_v1`.
    pub fn sync(&self) -> Result<()> {
        let url = self.url(path!["sync"], &[])?;
        self.client
            .send(
                Method::POST,
                url,
                Some(&json!({})),
                "syncing WhatsApp templates",
            )
            .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optimization_is_read_and_sent_under_its_wire_name() {
        let text = r#"{"components": [], "optimization": {"mode": "AUTO", "n": [1, 2]}}"#;
        let d: WhatsappTemplateDetails = serde_json::from_str(text).unwrap();
        assert_eq!(
            d.optimization_json.as_deref(),
            Some(r#"{"mode":"AUTO","n":[1,2]}"#)
        );
        let back = serde_json::to_value(&d).unwrap();
        assert_eq!(back["optimization"], json!({"mode": "AUTO", "n": [1, 2]}));
        let none: WhatsappTemplateDetails =
            serde_json::from_str(r#"{"optimization": null}"#).unwrap();
        assert_eq!(none.optimization_json, None);
    }

    #[test]
    fn components_are_typed_when_exact_and_raw_otherwise() {
        let d: WhatsappTemplateDetails = serde_json::from_value(json!({"components": [
            {"type": "BODY", "text": "Hi {{1}}", "examples": ["Ann"]},
            {"type": "HEADER", "format": "IMAGE", "mystery": 1},
            {"type": "BUTTONS", "buttons": [
                {"type": "URL", "text": "Go", "url": "https://x.test/{{1}}"},
                {"type": "SPACESHIP", "text": "?"}
            ]},
            {"type": "CAROUSEL", "cards": [{"components": [{"type": "BODY", "text": "c"}]}]}
        ]}))
        .unwrap();
        assert!(matches!(
            d.components[0],
            WhatsappTemplateComponent::Body { .. }
        ));
        assert!(matches!(
            d.components[1],
            WhatsappTemplateComponent::Other { .. }
        ));
        let WhatsappTemplateComponent::Buttons { buttons } = &d.components[2] else {
            panic!("buttons")
        };
        assert!(matches!(buttons[0], WhatsappTemplateButton::Url { .. }));
        assert!(matches!(buttons[1], WhatsappTemplateButton::Other { .. }));
        assert!(matches!(
            d.components[3],
            WhatsappTemplateComponent::Carousel { .. }
        ));
        // Round trip keeps everything, raw parts included.
        let back = serde_json::to_value(&d).unwrap();
        assert_eq!(
            back["components"][1],
            json!({"type": "HEADER", "format": "IMAGE", "mystery": 1})
        );
        assert_eq!(
            back["components"][2]["buttons"][1],
            json!({"type": "SPACESHIP", "text": "?"})
        );
        assert_eq!(
            back["components"][0],
            json!({"type": "BODY", "text": "Hi {{1}}", "examples": ["Ann"]})
        );
    }
}
