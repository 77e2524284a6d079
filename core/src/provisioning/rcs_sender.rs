//! The shape of an RCS sender as the API answers it (`RcsSenderDto`, spec v1.2.117): what
//! `GET /rcs/senders/{senderId}`, create, update and launch return, and what the list pages
//! hold.
//!
//! Every enum is open (new values are kept as sent). The launch questionnaire's answers differ
//! per country and questionnaire version (the spec gives several `oneOf` variants per
//! country), so they are kept as JSON text ([`RcsSenderDetails::questionnaire_json`]).

use super::sms_apps::{AppRegion, SmsAppConversationApp};
use crate::open_enum;
use crate::secret::{deserialize_opt_secret, Secret};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

open_enum! {
    /// How messages of the sender are billed (`RcsSenderBillingCategoriesEnum`).
    /// `BASIC_MESSAGE`, `SINGLE_MESSAGE` and `CONVERSATIONAL_LEGACY` are deprecated by Sinch.
    RcsBillingCategory {
        Conversational = "CONVERSATIONAL",
        NonConversational = "NON_CONVERSATIONAL",
        BasicMessage = "BASIC_MESSAGE",
        SingleMessage = "SINGLE_MESSAGE",
        ConversationalLegacy = "CONVERSATIONAL_LEGACY",
    }
}

open_enum! {
    /// What the sender is used for (`RcsSenderUseCasesEnum`).
    RcsUseCase {
        Otp = "OTP",
        Transactional = "TRANSACTIONAL",
        Promotional = "PROMOTIONAL",
        MultiUse = "MULTIUSE",
    }
}

open_enum! {
    /// The state of an RCS sender (`RcsSenderStatesEnum`).
    RcsSenderState {
        Draft = "DRAFT",
        InProgress = "IN_PROGRESS",
        InTest = "IN_TEST",
        PreparingLaunch = "PREPARING_LAUNCH",
        Launching = "LAUNCHING",
        Launched = "LAUNCHED",
        Unlaunched = "UNLAUNCHED",
        UnknownState = "UNKNOWN",
    }
}

open_enum! {
    /// Google's hosting region of the sender's agent (`RcsSenderHostingRegionsEnum`).
    RcsHostingRegion {
        AsiaPacific = "ASIA_PACIFIC",
        Europe = "EUROPE",
        NorthAmerica = "NORTH_AMERICA",
    }
}

open_enum! {
    /// The launch state of the sender in one country, or at one operator
    /// (`RcsOperatorStatusEnum`).
    RcsLaunchStatus {
        Launched = "LAUNCHED",
        NotLaunched = "NOT_LAUNCHED",
        Pending = "PENDING",
        PendingUnlaunched = "PENDING_UNLAUNCHED",
        Rejected = "REJECTED",
        Suspended = "SUSPENDED",
        Unlaunched = "UNLAUNCHED",
        InvalidInGoogleMyBusiness = "INVALID_IN_GOOGLE_MY_BUSINESS",
    }
}

open_enum! {
    /// Whether a test device accepted to test the sender (`RcsTestNumberStatesEnum`).
    RcsTestNumberStatus {
        Unverified = "UNVERIFIED",
        Pending = "PENDING",
        Verified = "VERIFIED",
        Declined = "DECLINED",
        Rejected = "REJECTED",
        Invalid = "INVALID",
        Expired = "EXPIRED",
        Failed = "FAILED",
    }
}

/// A contact email of the brand (`{label, address}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
pub struct RcsEmail {
    pub label: String,
    pub address: String,
}

/// A contact phone of the brand (`{label, number}`): a number without country code and
/// separators, or E.164.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
pub struct RcsPhone {
    pub label: String,
    pub number: String,
}

/// A website of the brand (`{label, url}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
pub struct RcsWebsite {
    pub label: String,
    pub url: String,
}

/// The brand shown to users (`RcsSenderDetailsBrandDto`). The launch needs at least one phone
/// or email, and the banner, logo, privacy policy and terms of service URLs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct RcsBrand {
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub emails: Vec<RcsEmail>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub phones: Vec<RcsPhone>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub websites: Vec<RcsWebsite>,
    /// Hex, `#rrggbb`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub color: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub description: Option<String>,
    /// JPEG or PNG, 1440x448, at most 200 KB.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub banner_url: Option<String>,
    /// JPEG or PNG, 224x224, at most 50 KB.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub logo_url: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub privacy_policy_url: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub terms_of_service_url: Option<String>,
}

/// `details` of an RCS sender (`RcsSenderDetailsDto`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct RcsSenderDetails {
    #[serde(default)]
    pub brand: Option<RcsBrand>,
    /// E.164 numbers of the devices that test the sender before launch.
    #[serde(default)]
    pub test_numbers: Vec<String>,
    /// ISO 3166 alpha-2 codes of the countries to launch in.
    #[serde(default)]
    pub countries: Vec<String>,
    /// The launch questionnaire's sections (`general`, `verification`, `us`, `gb`, `fr`, ...)
    /// as JSON text; see [`super::rcs_questionnaire`] for the questions.
    #[serde(
        default,
        rename = "questionnaire",
        deserialize_with = "json_text",
        serialize_with = "as_json"
    )]
    pub questionnaire_json: Option<String>,
    /// Deprecated by Sinch: use webhooks for sender updates.
    #[serde(default)]
    pub callback_url: Option<String>,
}

/// The state of one test number (`RcsTestNumberStateDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
pub struct RcsTestNumberState {
    /// E.164.
    pub number: String,
    pub state: RcsTestNumberStatus,
    /// ISO-8601: when the number was submitted.
    #[serde(default)]
    pub submitted: Option<String>,
}

/// One operator's launch state in a country (`RcsOperatorDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
pub struct RcsOperatorStatus {
    pub name: String,
    pub status: RcsLaunchStatus,
    /// The operator's note on the state (a rejection reason, ...).
    #[serde(default)]
    pub remark: Option<String>,
    /// ISO-8601: when the operator last changed state.
    #[serde(default)]
    pub modified: Option<String>,
}

/// The sender's launch state in one country (`RcsCountryStatusDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
pub struct RcsCountryStatus {
    /// ISO 3166 alpha-2.
    pub country: String,
    pub status: RcsLaunchStatus,
    #[serde(default)]
    pub operators: Vec<RcsOperatorStatus>,
}

/// The sender's identifiers at Google (`RcsSupplierDetailsDto.google`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct RcsGoogleDetails {
    #[serde(default)]
    pub agent_id: Option<String>,
    #[serde(default)]
    pub brand_id: Option<String>,
}

/// `supplierDetails` of a sender.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
pub struct RcsSupplierDetails {
    #[serde(default)]
    pub google: Option<RcsGoogleDetails>,
}

/// A registration's id and state (`COMPLETED`, `PENDING_REVIEW`, ... kept as sent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
pub struct RcsRegistration {
    pub id: String,
    pub status: String,
}

/// The US brand registration of a sender (`RcsBrandRegistrationDto`): the brand and its
/// registration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
pub struct RcsBrandRegistration {
    pub id: String,
    pub status: String,
    #[serde(default)]
    pub registration: Option<RcsRegistration>,
}

/// The US campaign registration of a sender (`RcsCampaignRegistrationDto`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct RcsCampaignRegistration {
    pub id: String,
    #[serde(default)]
    pub campaign_name: Option<String>,
    #[serde(default)]
    pub request_id: Option<String>,
}

/// An RCS sender (`RcsSenderDto`).
///
/// `auth_token` (with `auth_name`, what connects the sender to a Conversation API app) is a
/// credential: it is a [`Secret`], and `Display` (Kotlin `toString`, Python `str`) shows only
/// whether it is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[cfg_attr(feature = "uniffi", uniffi::export(Debug, Display))]
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
    pub hosting_region: Option<RcsHostingRegion>,
    #[serde(default)]
    pub state: Option<RcsSenderState>,
    #[serde(default)]
    pub details: Option<RcsSenderDetails>,
    #[serde(default)]
    pub test_number_states: Vec<RcsTestNumberState>,
    #[serde(default)]
    pub country_status: Vec<RcsCountryStatus>,
    #[serde(default)]
    pub conversation_api_app_details: Option<SmsAppConversationApp>,
    /// Deprecated by Sinch: use `conversation_api_app_details`.
    #[serde(default)]
    pub conversation_api_app: Option<String>,
    #[serde(default)]
    pub auth_name: Option<String>,
    #[serde(default, deserialize_with = "deserialize_opt_secret", skip_serializing)]
    pub auth_token: Option<Secret>,
    #[serde(default)]
    pub supplier_details: Option<RcsSupplierDetails>,
    #[serde(default)]
    pub brand_details: Option<RcsBrandRegistration>,
    #[serde(default)]
    pub campaign_details: Option<RcsCampaignRegistration>,
    /// ISO-8601.
    #[serde(default)]
    pub created: Option<String>,
    /// ISO-8601.
    #[serde(default)]
    pub modified: Option<String>,
    /// ISO-8601: the last launch.
    #[serde(default)]
    pub launched: Option<String>,
}

impl fmt::Display for RcsSender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let opt = |o: Option<&str>| o.unwrap_or("-").to_string();
        write!(
            f,
            "RcsSender(id={}, state={}, region={}, brand={}, auth_token={})",
            self.id,
            opt(self.state.as_ref().map(|s| s.as_str())),
            opt(self.region.as_ref().map(|s| s.as_str())),
            opt(self
                .details
                .as_ref()
                .and_then(|d| d.brand.as_ref())
                .and_then(|b| b.name.as_deref())),
            if self.auth_token.is_some() {
                "[redacted]"
            } else {
                "none"
            }
        )
    }
}

/// Reads any JSON value as its text (`null` or absent = none).
pub(crate) fn json_text<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    Ok(Option::<Value>::deserialize(d)?
        .filter(|v| !v.is_null())
        .map(|v| v.to_string()))
}

/// Writes JSON text back as the value it holds (text that is not JSON goes as a string).
fn as_json<S: serde::Serializer>(text: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    match text {
        None => s.serialize_none(),
        Some(t) => match serde_json::from_str::<Value>(t) {
            Ok(v) => v.serialize(s),
            Err(_) => s.serialize_str(t),
        },
    }
}
