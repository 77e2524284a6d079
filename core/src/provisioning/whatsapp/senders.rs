//! WhatsApp senders (`/whatsapp/senders`): list (filtered, paged 1..100), create (four request
//! shapes), get, update (draft or submit; explicit null deletes a detail), delete, register and
//! verify the phone number (register first), discard pending changes, the activity log,
//! comment, and the usernames WhatsApp suggests for the sender.
//!
//! Every path and operationId here is the spec's (v1.2.117, WhatsApp Senders; see each
//! function's `Spec:` line).

use super::{
    push_all, raw_object, WhatsappBusinessManager, WhatsappDailyLimit, WhatsappMetaLocalStorage,
    WhatsappRegion, WhatsappSubmitMode,
};
use crate::error::{Result, SinchError};
use crate::open_enum;
use crate::provisioning::activity::{self, ActivityPage, Comment};
use crate::provisioning::pagination::{PageRequest, PagedList, Pager};
use crate::provisioning::Segment;
use crate::provisioning::{paging_query, ProvisioningClient};
use crate::secret::{deserialize_opt_secret, Secret};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::fmt;

/// The documented page-size range of the senders list.
pub const MAX_PAGE_SIZE: u32 = 100;

open_enum! {
    /// Lifecycle state of a sender. Embedded signup: IN_PROGRESS → ACTIVE (or ERROR);
    /// ACTIVE ↔ SUSPENDED, then INACTIVE.
    WhatsappSenderState {
        Active = "ACTIVE",
        InProgress = "IN_PROGRESS",
        Inactive = "INACTIVE",
        PendingVerification = "PENDING_VERIFICATION",
        Suspended = "SUSPENDED",
        Error = "ERROR",
    }
}

open_enum! {
    /// Status of a sender's pending changes (`changes.status`).
    WhatsappSenderChangeStatus {
        Draft = "DRAFT",
        Error = "ERROR",
        InProgress = "IN_PROGRESS",
        /// Deprecated by Sinch.
        MultipleWabaError = "MULTIPLE_WABA_ERROR",
        Rejected = "REJECTED",
    }
}

open_enum! {
    /// Meta's quality rating of a sender's phone number.
    WhatsappQualityRating { Green = "GREEN", Yellow = "YELLOW", Red = "RED", UnknownRating = "UNKNOWN" }
}

open_enum! {
    /// Who provides the phone number.
    WhatsappNumberProvider { Customer = "CUSTOMER", Sinch = "SINCH" }
}

open_enum! {
    /// Status of the sender's channel on its Conversation API app.
    WhatsappChannelStatus { Active = "ACTIVE", Failing = "FAILING", Pending = "PENDING" }
}

open_enum! {
    /// Business vertical of a sender profile.
    WhatsappVertical {
        Alcohol = "ALCOHOL", Automotive = "AUTOMOTIVE", BeautySpaSalon = "BEAUTY_SPA_SALON",
        ClothingAndApparel = "CLOTHING_AND_APPAREL", Education = "EDUCATION",
        Entertainment = "ENTERTAINMENT", EventPlanningAndService = "EVENT_PLANNING_AND_SERVICE",
        FinanceAndBanking = "FINANCE_AND_BANKING", FoodAndGrocery = "FOOD_AND_GROCERY",
        HotelAndLodging = "HOTEL_AND_LODGING", MedicalAndHealth = "MEDICAL_AND_HEALTH",
        NonProfit = "NON_PROFIT", OnlineGambling = "ONLINE_GAMBLING", OtcDrugs = "OTC_DRUGS",
        Other = "OTHER", PhysicalGambling = "PHYSICAL_GAMBLING",
        ProfessionalServices = "PROFESSIONAL_SERVICES", PublicService = "PUBLIC_SERVICE",
        Restaurant = "RESTAURANT", ShoppingAndRetail = "SHOPPING_AND_RETAIL",
        TravelAndTransportation = "TRAVEL_AND_TRANSPORTATION",
    }
}

open_enum! {
    /// How the verification code is delivered by `register`.
    WhatsappVerificationMethod { Sms = "SMS", Voice = "VOICE" }
}

/// The public profile of a sender (`WhatsappSenderDetailsDto`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappSenderDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub vertical: Option<WhatsappVertical>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub about: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub website_one: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub website_two: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub photo_url: Option<String>,
}

/// Pending profile edits, not yet live.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappSenderChanges {
    #[serde(default)]
    pub status: Option<WhatsappSenderChangeStatus>,
    #[serde(default)]
    pub details: Option<WhatsappSenderDetails>,
}

/// A value and its review status (`metadata.displayName`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappReviewedValue {
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappSenderMetadata {
    #[serde(default)]
    pub display_name: Option<WhatsappReviewedValue>,
}

/// The Conversation API app the sender is connected to.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappConversationApiAppDetails {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub project_id: Option<String>,
    #[serde(default)]
    pub region: Option<WhatsappRegion>,
    #[serde(default)]
    pub channel_status: Option<WhatsappChannelStatus>,
}

/// A WhatsApp sender (`WhatsappSenderDto`).
///
/// `bearer_token` is secret-like (it connects the sender to a Conversation API app): `Debug`
/// and `Display` never print it, it is skipped when the record is serialized, and the Python
/// `repr`/`str` and Kotlin `toString` of this record are the redacted Rust ones.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[cfg_attr(feature = "uniffi", uniffi::export(Debug, Display))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappSender {
    pub id: String,
    #[serde(default)]
    pub state: Option<WhatsappSenderState>,
    #[serde(default)]
    pub changes: Option<WhatsappSenderChanges>,
    #[serde(default)]
    pub details: Option<WhatsappSenderDetails>,
    #[serde(default)]
    pub metadata: Option<WhatsappSenderMetadata>,
    #[serde(default)]
    pub region: Option<WhatsappRegion>,
    #[serde(default)]
    pub meta_local_storage: Option<WhatsappMetaLocalStorage>,
    #[serde(default)]
    pub business_manager: Option<WhatsappBusinessManager>,
    /// Lowercase on the wire (`br`, `eu`, `us`), kept as sent.
    #[serde(default)]
    pub compatible_regions: Vec<String>,
    #[serde(default)]
    pub conversation_api_app_details: Option<WhatsappConversationApiAppDetails>,
    /// Deprecated by Sinch: use `conversation_api_app_details`.
    #[serde(default)]
    pub conversation_api_app: Option<String>,
    #[serde(default)]
    pub max_tps: Option<f64>,
    #[serde(default)]
    pub quality_rating: Option<WhatsappQualityRating>,
    /// Deprecated by Sinch: use the account's `business_daily_limit`.
    #[serde(default)]
    pub daily_limit: Option<WhatsappDailyLimit>,
    /// Secret-like; see the type docs.
    #[serde(default, deserialize_with = "deserialize_opt_secret", skip_serializing)]
    pub bearer_token: Option<Secret>,
    /// Deprecated by Sinch.
    #[serde(default)]
    pub cloud_api: Option<bool>,
    /// ISO-8601.
    #[serde(default)]
    pub created: Option<String>,
    /// ISO-8601.
    #[serde(default)]
    pub modified: Option<String>,
    #[serde(default)]
    pub country_code: Option<String>,
    /// The number without the country code.
    #[serde(default)]
    pub phone_number: Option<String>,
    #[serde(default)]
    pub number_provider: Option<WhatsappNumberProvider>,
    /// Deprecated by Sinch.
    #[serde(default)]
    pub waba_ban_state: Option<String>,
    /// Deprecated by Sinch.
    #[serde(default)]
    pub waba_ban_date: Option<String>,
}

impl fmt::Display for WhatsappSender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let opt = |o: Option<&str>| o.unwrap_or("-").to_string();
        write!(
            f,
            "WhatsappSender(id={}, state={}, region={}, phone=+{}{}, bearer_token={})",
            self.id,
            opt(self.state.as_ref().map(|s| s.as_str())),
            opt(self.region.as_ref().map(|s| s.as_str())),
            self.country_code.as_deref().unwrap_or(""),
            self.phone_number.as_deref().unwrap_or(""),
            if self.bearer_token.is_some() {
                "[redacted]"
            } else {
                "none"
            }
        )
    }
}

crate::page_record!(
    /// One page of senders.
    WhatsappSenderPage { senders: WhatsappSender });

/// Filters of the senders list; empty lists mean "no filter".
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WhatsappSenderFilter {
    /// `filterStates` (repeated): sender states.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub states: Vec<WhatsappSenderState>,
    /// `filterStatuses` (repeated): statuses of pending changes.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub statuses: Vec<WhatsappSenderChangeStatus>,
}

/// The four request shapes of `POST /whatsapp/senders` (a `oneOf` on the server).
///
/// Only the embedded-signup shape is documented field by field. The other three are real
/// server shapes whose fields the public notes do not list, so each takes `json`: a JSON
/// object sent unchanged (checked to be an object before sending).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum WhatsappSenderCreate {
    /// Embedded signup (`WhatsappSenderInputEsDto`): the WABA and number already shared with
    /// Sinch through Meta's embedded signup; other WABA details are fetched by Sinch.
    EmbeddedSignup {
        region: WhatsappRegion,
        meta_local_storage: Option<WhatsappMetaLocalStorage>,
        waba_id: String,
        phone_number_id: String,
    },
    /// Partner-initiated (`WhatsappInputSenderPartnerInitiatedDto`): raw JSON object.
    PartnerInitiated { json: String },
    /// Phone provisioning (`WhatsappInputSenderPhoneProvisioningDto`): raw JSON object.
    PhoneProvisioning { json: String },
    /// Deprecated on-behalf-of onboarding (`WhatsappSenderInputDtoDeprecated`): raw JSON object.
    DeprecatedObo { json: String },
}

impl WhatsappSenderCreate {
    fn to_json(&self) -> Result<Value> {
        match self {
            WhatsappSenderCreate::EmbeddedSignup {
                region,
                meta_local_storage,
                waba_id,
                phone_number_id,
            } => {
                if waba_id.trim().is_empty() || phone_number_id.trim().is_empty() {
                    return Err(SinchError::invalid_config(
                        "an embedded-signup sender needs both waba_id and phone_number_id \
                         (from Meta's embedded signup)",
                    ));
                }
                let mut body = json!({"region": region, "wabaId": waba_id,
                                      "phoneNumberId": phone_number_id});
                if let Some(m) = meta_local_storage {
                    body["metaLocalStorage"] = json!(m);
                }
                Ok(body)
            }
            WhatsappSenderCreate::PartnerInitiated { json }
            | WhatsappSenderCreate::PhoneProvisioning { json }
            | WhatsappSenderCreate::DeprecatedObo { json } => {
                Ok(Value::Object(raw_object(json, "the sender create body")?))
            }
        }
    }
}

/// A profile field that an update can delete (sent as an explicit JSON `null`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum WhatsappSenderDetailField {
    Description,
    Vertical,
    Email,
    Address,
    About,
    WebsiteOne,
    WebsiteTwo,
    PhotoUrl,
}

impl WhatsappSenderDetailField {
    pub fn wire_name(self) -> &'static str {
        match self {
            Self::Description => "description",
            Self::Vertical => "vertical",
            Self::Email => "email",
            Self::Address => "address",
            Self::About => "about",
            Self::WebsiteOne => "websiteOne",
            Self::WebsiteTwo => "websiteTwo",
            Self::PhotoUrl => "photoUrl",
        }
    }
}

/// `PATCH /whatsapp/senders/{id}`: `status` (draft by default, or submit) and profile changes.
///
/// Three cases per field: absent from `details` and `clear` → unchanged; set in `details` →
/// new value; listed in `clear` → sent as `null`, which deletes the value on the server.
/// `display_name` cannot be cleared. A field both set and cleared is a config error.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WhatsappSenderUpdate {
    /// None = the server default (draft).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<WhatsappSubmitMode>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub details: Option<WhatsappSenderDetails>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub clear: Vec<WhatsappSenderDetailField>,
}

impl WhatsappSenderUpdate {
    fn to_json(&self) -> Result<Value> {
        let mut details = match self.details.as_ref().map(serde_json::to_value) {
            Some(Ok(Value::Object(m))) => m,
            _ => Map::new(),
        };
        for field in &self.clear {
            if details.contains_key(field.wire_name()) {
                return Err(SinchError::invalid_config(format!(
                    "sender update: '{}' is both set and cleared",
                    field.wire_name()
                )));
            }
            details.insert(field.wire_name().into(), Value::Null);
        }
        let mut body = json!({});
        if let Some(status) = self.status {
            body["status"] = json!(status);
        }
        if !details.is_empty() {
            body["details"] = Value::Object(details);
        }
        Ok(body)
    }
}

/// The answer to `register`: a verification code was requested.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct WhatsappRegistration {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub method: Option<WhatsappVerificationMethod>,
    /// ISO-8601 time the request was accepted.
    #[serde(default)]
    pub accepted: Option<String>,
    #[serde(default)]
    pub verification_code_sent: bool,
}

/// The WhatsApp senders of one project.
#[derive(Debug, Clone)]
pub struct WhatsappSenders {
    client: ProvisioningClient,
}

impl PagedList for WhatsappSenders {
    type Page = WhatsappSenderPage;
    type Filter = WhatsappSenderFilter;
    const MAX_PAGE_SIZE: u32 = MAX_PAGE_SIZE;
    const NOUN: &'static str = "WhatsApp senders";
    const ACTION: &'static str = "listing WhatsApp senders";

    fn client(&self) -> &ProvisioningClient {
        &self.client
    }

    fn list_url(&self, page: &PageRequest, filter: &WhatsappSenderFilter) -> Result<url::Url> {
        let mut q = paging_query(page);
        push_all(&mut q, "filterStates", &filter.states);
        push_all(&mut q, "filterStatuses", &filter.statuses);
        self.url(path![], &q)
    }
}

impl WhatsappSenders {
    pub(crate) fn new(client: ProvisioningClient) -> Self {
        WhatsappSenders { client }
    }

    fn url(&self, tail: &[Segment<'_>], query: &[(&str, String)]) -> Result<url::Url> {
        let mut segments = vec![Segment::Fixed("whatsapp"), Segment::Fixed("senders")];
        segments.extend_from_slice(tail);
        self.client.url(&segments, query)
    }

    /// One page. Page size 1 to 100; none = the server default (50).
    ///
    /// Spec: `GET /whatsapp/senders`, operationId `WhatsappSendersController_listSenders_v1`.
    pub fn list(
        &self,
        page: &PageRequest,
        filter: &WhatsappSenderFilter,
    ) -> Result<WhatsappSenderPage> {
        self.page(page, filter)
    }

    /// Every page in turn, fetched when asked for.
    pub fn pages(
        &self,
        page_size: Option<u32>,
        filter: WhatsappSenderFilter,
    ) -> Result<Pager<WhatsappSenderPage>> {
        self.pager(page_size, filter)
    }

    /// Spec: `POST /whatsapp/senders`, operationId `WhatsappSendersController_createSender_v1`.
    pub fn create(&self, request: &WhatsappSenderCreate) -> Result<WhatsappSender> {
        let body = request.to_json()?;
        let url = self.url(path![], &[])?;
        self.client
            .call(Method::POST, url, Some(&body), "creating a WhatsApp sender")
    }

    /// Spec: `GET /whatsapp/senders/{senderId}`, operationId `WhatsappSendersController_get_v1`.
    pub fn get(&self, sender_id: &str) -> Result<WhatsappSender> {
        let url = self.url(path![{ sender_id }], &[])?;
        self.client
            .call(Method::GET, url, None, "getting a WhatsApp sender")
    }

    /// Saves profile changes as a draft, or submits them (see [`WhatsappSenderUpdate`]).
    ///
    /// Spec: `PATCH /whatsapp/senders/{senderId}`, operationId `WhatsappSendersController_update_v1`.
    pub fn update(&self, sender_id: &str, update: &WhatsappSenderUpdate) -> Result<WhatsappSender> {
        let body = update.to_json()?;
        let url = self.url(path![{ sender_id }], &[])?;
        self.client.call(
            Method::PATCH,
            url,
            Some(&body),
            "updating a WhatsApp sender",
        )
    }

    /// Marks the sender for removal (it stays active 30 more days).
    ///
    /// Spec: `DELETE /whatsapp/senders/{senderId}`, operationId `WhatsappSendersController_delete_v1`.
    pub fn delete(&self, sender_id: &str) -> Result<()> {
        let url = self.url(path![{ sender_id }], &[])?;
        self.client
            .send(Method::DELETE, url, None, "deleting a WhatsApp sender")
            .map(|_| ())
    }

    /// Asks Meta to send a verification code by SMS or voice call. Must come before `verify`.
    ///
    /// Spec: `POST /whatsapp/senders/{senderId}/register`, operationId
    /// `WhatsappSendersController_register_v1`.
    pub fn register(
        &self,
        sender_id: &str,
        method: WhatsappVerificationMethod,
    ) -> Result<WhatsappRegistration> {
        let url = self.url(path![{ sender_id }, "register"], &[])?;
        self.client.call(
            Method::POST,
            url,
            Some(&json!({ "method": method })),
            "registering a WhatsApp sender",
        )
    }

    /// Sends the 6-character code received after `register`.
    ///
    /// Spec: `POST /whatsapp/senders/{senderId}/verify`, operationId
    /// `WhatsappSendersController_verify_v1`.
    pub fn verify(&self, sender_id: &str, code: &str) -> Result<()> {
        if code.chars().count() != 6 {
            return Err(SinchError::invalid_config(
                "the verification code must be exactly 6 characters",
            ));
        }
        let url = self.url(path![{ sender_id }, "verify"], &[])?;
        self.client
            .send(
                Method::POST,
                url,
                Some(&json!({ "code": code })),
                "verifying a WhatsApp sender",
            )
            .map(|_| ())
    }

    /// Discards the pending profile changes.
    ///
    /// Spec: `DELETE /whatsapp/senders/{senderId}/changes`, operationId
    /// `WhatsappSendersController_deleteChanges_v1`.
    pub fn discard_changes(&self, sender_id: &str) -> Result<()> {
        let url = self.url(path![{ sender_id }, "changes"], &[])?;
        self.client
            .send(
                Method::DELETE,
                url,
                None,
                "discarding a WhatsApp sender's changes",
            )
            .map(|_| ())
    }

    /// One page of the sender's activity log, most recent first (page size 1 to 100), in the
    /// shape of the other activity logs (see [`activity`]).
    ///
    /// Spec: `GET /whatsapp/senders/{senderId}/activities`, operationId
    /// `WhatsappSendersController_listActivities_v1`.
    pub fn activities(&self, sender_id: &str, page: &PageRequest) -> Result<ActivityPage> {
        activity::page(
            &self.client,
            page,
            "listing a WhatsApp sender's activities",
            |q| self.url(path![{ sender_id }, "activities"], q),
        )
    }

    /// Leaves a comment for Sinch support on the sender; returns the comment created.
    ///
    /// Spec: `POST /whatsapp/senders/{senderId}/comments`, operationId
    /// `WhatsappSendersController_createComment_v1`.
    pub fn comment(&self, sender_id: &str, comment: &str) -> Result<Comment> {
        let url = self.url(path![{ sender_id }, "comments"], &[])?;
        activity::post(
            &self.client,
            url,
            comment,
            "commenting on a WhatsApp sender",
        )
    }

    /// The WhatsApp Business usernames WhatsApp suggests for the sender (free to take when
    /// suggested).
    ///
    /// Spec: `GET /whatsapp/senders/{senderId}/suggestedUsernames`, operationId
    /// `WhatsappSendersController_getSuggestedUsernames_v1` (answer
    /// `WhatsappSuggestedUsernamesDto`, `{usernames: [string]}`).
    pub fn suggested_usernames(&self, sender_id: &str) -> Result<Vec<String>> {
        #[derive(Deserialize)]
        struct Suggested {
            usernames: Vec<String>,
        }
        let url = self.url(path![{ sender_id }, "suggestedUsernames"], &[])?;
        let answer: Suggested = self.client.call(
            Method::GET,
            url,
            None,
            "getting a WhatsApp sender's suggested usernames",
        )?;
        Ok(answer.usernames)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_token_is_never_printed_nor_serialized() {
        let s: WhatsappSender = serde_json::from_value(json!({
            "id": "s1", "region": "EU", "bearerToken": "bt-very-secret", "state": "ACTIVE"
        }))
        .unwrap();
        assert_eq!(s.bearer_token.as_ref().unwrap().expose(), "bt-very-secret");
        for text in [
            format!("{s:?}"),
            format!("{s}"),
            serde_json::to_string(&s).unwrap(),
        ] {
            assert!(!text.contains("bt-very-secret"), "{text}");
        }
    }

    #[test]
    fn update_sends_null_for_cleared_fields() {
        let u = WhatsappSenderUpdate {
            status: Some(WhatsappSubmitMode::Submit),
            details: Some(WhatsappSenderDetails {
                display_name: Some("Acme".into()),
                ..Default::default()
            }),
            clear: vec![WhatsappSenderDetailField::Email],
        };
        assert_eq!(
            u.to_json().unwrap(),
            json!({"status": "SUBMIT", "details": {"displayName": "Acme", "email": null}})
        );
        let both = WhatsappSenderUpdate {
            details: Some(WhatsappSenderDetails {
                email: Some("a@b.c".into()),
                ..Default::default()
            }),
            clear: vec![WhatsappSenderDetailField::Email],
            ..Default::default()
        };
        assert!(both.to_json().is_err());
    }

    #[test]
    fn raw_shapes_must_be_objects() {
        let bad = WhatsappSenderCreate::PartnerInitiated { json: "[1]".into() };
        assert!(bad.to_json().is_err());
        let ok = WhatsappSenderCreate::PhoneProvisioning {
            json: r#"{"region":"US"}"#.into(),
        };
        assert_eq!(ok.to_json().unwrap(), json!({"region": "US"}));
    }
}
