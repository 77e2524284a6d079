//! WhatsApp on the Provisioning API (`/v1/projects/{projectId}/whatsapp/...`): the account,
//! senders, templates, flows and solutions of one project, one module each. This module holds
//! what they share: the open enums used by several families, and the two rules for
//! shapes the public notes do not pin down:
//!
//! - **Inputs** whose fields are not documented take a *raw JSON object* as a `String`
//!   (checked to be a JSON object before anything is sent, sent unchanged).
//! - **Outputs** whose fields are only partly documented keep the typed fields we know plus
//!   `raw_json`, the whole object as the server sent it, so nothing is lost.
//!
//! Every enum is open (see `open_enum`): a value this version does not know is kept, not an
//! error. Every path is the spec's (v1.2.117); each function's doc names its operationId.

pub mod account;
pub mod flows;
pub mod senders;
pub mod solutions;
pub mod template_review;
pub mod templates;

use crate::error::{Result, SinchError};
use crate::open_enum;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

open_enum! {
    /// The region a sender or Conversation API app lives in.
    WhatsappRegion {
        Br = "BR",
        Eu = "EU",
        Us = "US",
        Unrecognized = "UNRECOGNIZED",
    }
}

open_enum! {
    /// Where Meta stores message data at rest (Meta local storage), or `UNSPECIFIED`.
    WhatsappMetaLocalStorage {
        Ae = "AE", Au = "AU", Bh = "BH", Br = "BR", Ca = "CA", Ch = "CH", De = "DE", Gb = "GB",
        Id = "ID", In = "IN", Jp = "JP", Kr = "KR", Sg = "SG", Us = "US", Za = "ZA",
        Unspecified = "UNSPECIFIED",
        Unrecognized = "UNRECOGNIZED",
    }
}

open_enum! {
    /// The Sinch Meta business manager a sender belongs to. Allowed per region: BR → SINCH_BR
    /// or SINCH_MX; EU → SINCH_UK; US → all three.
    WhatsappBusinessManager {
        SinchAmerica = "SINCH_AMERICA",
        SinchBr = "SINCH_BR",
        SinchMx = "SINCH_MX",
        SinchSep = "SINCH_SEP",
        SinchUk = "SINCH_UK",
        Unrecognized = "UNRECOGNIZED",
    }
}

open_enum! {
    /// Meta messaging limit tiers (business-initiated conversations per 24 h).
    WhatsappDailyLimit {
        Tier50 = "TIER_50",
        Tier250 = "TIER_250",
        Tier1k = "TIER_1K",
        Tier2k = "TIER_2K",
        Tier10k = "TIER_10K",
        Tier100k = "TIER_100K",
        TierUnlimited = "TIER_UNLIMITED",
        NotSet = "NOT_SET",
    }
}

/// Whether an update is kept as a draft or submitted for review (sender and template updates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "UPPERCASE")]
pub enum WhatsappSubmitMode {
    /// Saved, not sent to Meta (the API default).
    #[default]
    Draft,
    /// Sent for review.
    Submit,
}

/// Checks that `raw` is a JSON object (the escape hatch for undocumented request shapes).
pub(crate) fn raw_object(raw: &str, what: &str) -> Result<Map<String, Value>> {
    match serde_json::from_str::<Value>(raw) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(SinchError::invalid_config(format!(
            "{what} must be a JSON object ({{...}})"
        ))),
        Err(e) => Err(SinchError::invalid_config(format!(
            "{what} is not valid JSON: {e}"
        ))),
    }
}

/// Decodes a JSON object into `T` and lets `attach` store the raw text in it.
pub(crate) fn with_raw<T: DeserializeOwned>(
    v: Value,
    attach: impl FnOnce(&mut T, String),
) -> std::result::Result<T, serde_json::Error> {
    let raw = v.to_string();
    let mut t: T = serde_json::from_value(v)?;
    attach(&mut t, raw);
    Ok(t)
}

/// The items of an unpaged list answer: the spec's `{<key>: [...]}`, or a bare array, which is
/// accepted too.
pub(crate) fn list_items(v: Value, key: &str) -> Vec<Value> {
    match v {
        Value::Array(items) => items,
        Value::Object(mut map) => match map.remove(key) {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

pub(crate) fn protocol(action: &str, e: impl std::fmt::Display) -> SinchError {
    SinchError::protocol(format!("{action}: the answer could not be read: {e}"))
}

/// Appends `key` once per value: `filterStates=A&filterStates=B`, as the spec's array query
/// parameters say (no `style`/`explode`, so OpenAPI's form style, exploded). Not `key[]`: the
/// API would ignore that as an unknown parameter and not filter.
pub(crate) fn push_all<T: std::fmt::Display>(
    q: &mut Vec<(&'static str, String)>,
    key: &'static str,
    values: &[T],
) {
    q.extend(values.iter().map(|v| (key, v.to_string())));
}
