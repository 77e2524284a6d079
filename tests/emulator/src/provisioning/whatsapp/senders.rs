//! WhatsApp senders: `/whatsapp/senders[/{id}[/register|/verify|/changes|/comments|/activities|
//! /suggestedUsernames]]`.
//!
//! - List: creation order, `pageSize` 1..100 (default 50), `filterStates[]` (sender state)
//!   and `filterStatuses[]` (status of pending changes); unknown values → 400
//!   `invalid_filter_states` / `invalid_filter_statuses`.
//! - Create: a body with `wabaId`/`phoneNumberId` is the embedded-signup shape (both required,
//!   `region` BR|EU|US, optional `metaLocalStorage`); any other object is accepted as one of
//!   the undocumented shapes if it has a valid `region` [I]. New senders are `IN_PROGRESS`.
//! - PATCH `{status?: DRAFT|SUBMIT, details?}`: DRAFT stores the edit in `changes`
//!   (`status: DRAFT`); SUBMIT applies it to `details` at once (the emulator approves
//!   instantly) and clears `changes`. A `null` detail deletes the value.
//! - Register `{method: SMS|VOICE}` then verify `{code}` (spec v1.2.117): the code must be 6
//!   characters (400 `invalid_input`), register must come first (409 `not_allowed_verify`),
//!   and the emulator's code is `123456` (else 409 `wrong_otp`). Verify answers 204 and makes
//!   the sender `ACTIVE`.
//! - DELETE → 204; DELETE `/changes` discards `changes`; POST `/comments` `{comment}` → 201;
//!   GET `/activities`: the sender's log (shapes of [`log`]).
//! - GET `/suggestedUsernames` → `{usernames: [...]}` (the spec's shape): the emulator
//!   suggests `{name}`, `{name}_official` and `{name}{last 4 digits of the phone number}`,
//!   `name` being the lower-cased letters and digits of `details.displayName` (`business`
//!   when it has none).

use super::{
    activity, check_filter, now_iso, query_values, str_field, META_LOCAL_STORAGE, REGIONS,
};
use crate::provisioning::activity as log;
use crate::provisioning::auth::Authenticated;
use crate::provisioning::collection::{Collection, Delete, Edit, NotFound, Query};
use crate::provisioning::error::{json_object, PapiError};
use crate::provisioning::pagination::PageSpec;
use crate::state::AppState;
use crate::tokens;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::{Serialize, Serializer};
use serde_json::{json, Map, Value};

pub static COLLECTION: Collection<Sender> = Collection::new(
    "/whatsapp/senders",
    "senders",
    NotFound {
        code: "sender_not_found",
        what: "Sender",
    },
    |p, project_id| {
        &mut p
            .whatsapp
            .entry(project_id.to_string())
            .or_default()
            .senders
    },
    |sender| Some(sender.id()),
)
.paged(PageSpec {
    max: 100,
    default: 50,
})
.select(select)
.create(create)
.update(update)
.delete(Delete::Remove);

/// The verification code the emulator "sends".
pub const VERIFICATION_CODE: &str = "123456";

pub const STATES: &[&str] = &[
    "ACTIVE",
    "IN_PROGRESS",
    "INACTIVE",
    "PENDING_VERIFICATION",
    "SUSPENDED",
    "ERROR",
];
const STATUSES: &[&str] = &[
    "DRAFT",
    "ERROR",
    "IN_PROGRESS",
    "MULTIPLE_WABA_ERROR",
    "REJECTED",
];
const VERTICALS: &[&str] = &[
    "ALCOHOL",
    "AUTOMOTIVE",
    "BEAUTY_SPA_SALON",
    "CLOTHING_AND_APPAREL",
    "EDUCATION",
    "ENTERTAINMENT",
    "EVENT_PLANNING_AND_SERVICE",
    "FINANCE_AND_BANKING",
    "FOOD_AND_GROCERY",
    "HOTEL_AND_LODGING",
    "MEDICAL_AND_HEALTH",
    "NON_PROFIT",
    "ONLINE_GAMBLING",
    "OTC_DRUGS",
    "OTHER",
    "PHYSICAL_GAMBLING",
    "PROFESSIONAL_SERVICES",
    "PUBLIC_SERVICE",
    "RESTAURANT",
    "SHOPPING_AND_RETAIL",
    "TRAVEL_AND_TRANSPORTATION",
];
const NULLABLE_DETAILS: &[&str] = &[
    "description",
    "vertical",
    "email",
    "address",
    "about",
    "websiteOne",
    "websiteTwo",
    "photoUrl",
];

/// A stored sender: the DTO plus emulator bookkeeping.
#[derive(Debug, Clone)]
pub struct Sender {
    pub dto: Map<String, Value>,
    pub registered: bool,
    /// `GET …/senders/{id}/activities`.
    pub activities: Vec<Value>,
}

impl Sender {
    pub fn id(&self) -> &str {
        self.dto.get("id").and_then(Value::as_str).unwrap_or("")
    }
}

/// A client sees the DTO only; the bookkeeping is the emulator's.
impl Serialize for Sender {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.dto.serialize(s)
    }
}

pub fn routes() -> Router<AppState> {
    let base = "/v1/projects/{project_id}/whatsapp/senders";
    COLLECTION
        .routes()
        .route(&format!("{base}/{{id}}/register"), post(register))
        .route(&format!("{base}/{{id}}/verify"), post(verify))
        .route(&format!("{base}/{{id}}/changes"), delete(discard_changes))
        .route(&format!("{base}/{{id}}/comments"), post(comment))
        .route(&format!("{base}/{{id}}/activities"), get(activities))
        .route(
            &format!("{base}/{{id}}/suggestedUsernames"),
            get(suggested_usernames),
        )
}

fn business_manager_for(region: &str) -> &'static str {
    match region {
        "BR" => "SINCH_BR",
        _ => "SINCH_UK",
    }
}

fn allowed_business_managers(region: &str) -> &'static [&'static str] {
    match region {
        "BR" => &["SINCH_BR", "SINCH_MX"],
        "EU" => &["SINCH_UK"],
        _ => &["SINCH_BR", "SINCH_MX", "SINCH_UK"],
    }
}

/// Validates a create body and builds the new sender.
fn new_sender(body: Map<String, Value>) -> Result<Map<String, Value>, PapiError> {
    let mut errors = Vec::new();
    let region = match str_field(&body, "region") {
        Some(r) if REGIONS.contains(&r) => r.to_string(),
        _ => {
            errors.push("region must be one of the following values: BR, EU, US".to_string());
            String::new()
        }
    };
    let es = body.contains_key("wabaId") || body.contains_key("phoneNumberId");
    if es {
        for key in ["wabaId", "phoneNumberId"] {
            if str_field(&body, key).is_none_or(|s| s.trim().is_empty()) {
                errors.push(format!("{key} should not be empty"));
            }
        }
    }
    let mls = match body.get("metaLocalStorage") {
        None | Some(Value::Null) => "UNSPECIFIED".to_string(),
        Some(Value::String(m)) if META_LOCAL_STORAGE.contains(&m.as_str()) => m.clone(),
        Some(_) => {
            errors.push("metaLocalStorage must be a supported value".to_string());
            String::new()
        }
    };
    let bm = match str_field(&body, "businessManager") {
        None => business_manager_for(&region).to_string(),
        Some(b) if allowed_business_managers(&region).contains(&b) => b.to_string(),
        Some(_) => {
            errors.push(format!(
                "businessManager must be one of {} for region {region}",
                allowed_business_managers(&region).join(", ")
            ));
            String::new()
        }
    };
    if !errors.is_empty() {
        return Err(PapiError::invalid_input(errors));
    }
    let now = now_iso();
    let mut dto = body;
    dto.insert("id".into(), json!(tokens::uuid_v4()));
    dto.insert("state".into(), json!("IN_PROGRESS"));
    dto.insert("region".into(), json!(region));
    dto.insert("metaLocalStorage".into(), json!(mls));
    dto.insert("businessManager".into(), json!(bm));
    dto.insert("compatibleRegions".into(), json!([region.to_lowercase()]));
    dto.insert("cloudApi".into(), json!(true));
    dto.insert("maxTps".into(), json!(10));
    dto.insert("qualityRating".into(), json!("UNKNOWN"));
    dto.insert("numberProvider".into(), json!("CUSTOMER"));
    dto.insert(
        "bearerToken".into(),
        json!(format!("bt_{}", tokens::digits(24))),
    );
    dto.entry("details").or_insert_with(|| json!({}));
    if es {
        dto.entry("countryCode").or_insert_with(|| json!("46"));
        dto.entry("phoneNumber")
            .or_insert_with(|| json!(tokens::digits(9)));
    }
    dto.insert("created".into(), json!(now));
    dto.insert("modified".into(), json!(now));
    Ok(dto)
}

fn select<'a>(senders: &'a [Sender], query: &Query) -> Result<Vec<&'a Sender>, PapiError> {
    let states = query_values(query, "filterStates");
    let statuses = query_values(query, "filterStatuses");
    check_filter(&states, STATES, "invalid_filter_states")?;
    check_filter(&statuses, STATUSES, "invalid_filter_statuses")?;
    let field = |s: &Sender, path: &[&str]| -> String {
        let mut v = s.dto.get(path[0]);
        for p in &path[1..] {
            v = v.and_then(|x| x.get(p));
        }
        v.and_then(Value::as_str).unwrap_or("").to_string()
    };
    Ok(senders
        .iter()
        .filter(|s| states.is_empty() || states.contains(&field(s, &["state"])))
        .filter(|s| statuses.is_empty() || statuses.contains(&field(s, &["changes", "status"])))
        .collect())
}

fn create(_project_id: &str, body: Map<String, Value>) -> Result<Sender, PapiError> {
    Ok(Sender {
        dto: new_sender(body)?,
        registered: false,
        activities: vec![activity("SENDER_CREATED")],
    })
}

/// Validates the `details` of a PATCH.
fn check_details(details: &Map<String, Value>) -> Vec<String> {
    let mut errors = Vec::new();
    for (k, v) in details {
        match (k.as_str(), v) {
            ("displayName", Value::String(s)) if !s.trim().is_empty() => {}
            ("displayName", _) => errors.push("displayName must be a non-empty string".into()),
            ("vertical", Value::String(s)) if !VERTICALS.contains(&s.as_str()) => {
                errors.push("vertical must be a supported value".into())
            }
            (k, Value::String(_) | Value::Null) if NULLABLE_DETAILS.contains(&k) => {}
            (k, _) if NULLABLE_DETAILS.contains(&k) => {
                errors.push(format!("{k} must be a string or null"))
            }
            (k, _) => errors.push(format!("property details.{k} should not exist")),
        }
    }
    errors
}

/// `base` with `patch` applied: `null` removes a key.
fn merged(base: Option<&Value>, patch: &Map<String, Value>) -> Value {
    let mut out = base.and_then(Value::as_object).cloned().unwrap_or_default();
    for (k, v) in patch {
        if v.is_null() {
            out.remove(k);
        } else {
            out.insert(k.clone(), v.clone());
        }
    }
    Value::Object(out)
}

fn update(body: Map<String, Value>) -> Result<Edit<Sender>, PapiError> {
    let mut errors = Vec::new();
    let submit = match body.get("status") {
        None => false,
        Some(Value::String(s)) if s == "DRAFT" => false,
        Some(Value::String(s)) if s == "SUBMIT" => true,
        Some(_) => {
            errors.push("status must be one of the following values: DRAFT, SUBMIT".into());
            false
        }
    };
    let details = match body.get("details") {
        None => Map::new(),
        Some(Value::Object(d)) => {
            errors.extend(check_details(d));
            d.clone()
        }
        Some(_) => {
            errors.push("details must be an object".into());
            Map::new()
        }
    };
    if let Some(k) = body.keys().find(|k| *k != "status" && *k != "details") {
        errors.push(format!("property {k} should not exist"));
    }
    if !errors.is_empty() {
        return Err(PapiError::invalid_input(errors));
    }
    if details.is_empty() && !submit {
        return Err(PapiError::no_fields_to_update());
    }
    Ok(Box::new(move |s| {
        let pending = s
            .dto
            .get("changes")
            .and_then(|c| c.get("details"))
            .cloned()
            .or_else(|| s.dto.get("details").cloned());
        let new_details = merged(pending.as_ref(), &details);
        if submit {
            s.dto.insert("details".into(), new_details);
            s.dto.remove("changes");
        } else {
            s.dto.insert(
                "changes".into(),
                json!({"status": "DRAFT", "details": new_details}),
            );
        }
        s.dto.insert("modified".into(), json!(now_iso()));
    }))
}

async fn register(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, sender_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, PapiError> {
    let body = json_object(&body)?;
    let method = match str_field(&body, "method") {
        Some(m @ ("SMS" | "VOICE")) => m.to_string(),
        _ => {
            return Err(PapiError::invalid_input(vec![
                "method must be one of the following values: SMS, VOICE".into(),
            ]))
        }
    };
    let dto = COLLECTION.with_item(&app, &project_id, &sender_id, |s| {
        s.registered = true;
        s.activities.push(activity("REGISTRATION_STARTED"));
        s.dto.insert("state".into(), json!("PENDING_VERIFICATION"));
        Ok(Value::Object(s.dto.clone()))
    })?;
    let trigger = "WHATSAPP_SENDER_PENDING_VERIFICATION";
    crate::callbacks::emit(&mut app.lock(), &project_id, trigger, &dto, None);
    Ok(Json(json!({
        "id": tokens::uuid_v4(),
        "method": method,
        "accepted": now_iso(),
        "verificationCodeSent": true,
    })))
}

async fn verify(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, sender_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<StatusCode, PapiError> {
    let body = json_object(&body)?;
    let code = match str_field(&body, "code") {
        Some(c) if c.chars().count() == 6 => c.to_string(),
        _ => {
            return Err(PapiError::invalid_input(vec![
                "code must be exactly 6 characters".into(),
            ]))
        }
    };
    let dto = COLLECTION.with_item(&app, &project_id, &sender_id, |s| {
        if !s.registered {
            return Err(PapiError::new(
                StatusCode::CONFLICT,
                "not_allowed_verify",
                "Sender cannot be verified in its current state.",
                "Call register first, then verify with the code you receive.",
            ));
        }
        if code != VERIFICATION_CODE {
            return Err(PapiError::new(
                StatusCode::CONFLICT,
                "wrong_otp",
                "Wrong one-time password.",
                "Use the code sent by register, or register again for a new one.",
            ));
        }
        s.registered = false;
        s.dto.insert("state".into(), json!("ACTIVE"));
        Ok(Value::Object(s.dto.clone()))
    })?;
    crate::callbacks::emit(
        &mut app.lock(),
        &project_id,
        "WHATSAPP_SENDER_ACTIVE",
        &dto,
        None,
    );
    Ok(StatusCode::NO_CONTENT)
}

async fn discard_changes(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, sender_id)): Path<(String, String)>,
) -> Result<Json<Value>, PapiError> {
    COLLECTION.with_item(&app, &project_id, &sender_id, |s| {
        s.dto.remove("changes");
        Ok(Json(Value::Object(s.dto.clone())))
    })
}

async fn comment(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, sender_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, PapiError> {
    let text = log::comment_text(&body)?;
    let dto = COLLECTION.with_item(&app, &project_id, &sender_id, |s| {
        s.activities.push(log::comment_entry(&text));
        Ok(Value::Object(s.dto.clone()))
    })?;
    let trigger = "WHATSAPP_SENDER_COMMENT_ADDED";
    crate::callbacks::emit(&mut app.lock(), &project_id, trigger, &dto, Some(&text));
    Ok(log::created(&text))
}

/// `GET …/senders/{id}/activities`: the sender's activity log.
async fn activities(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, sender_id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, PapiError> {
    COLLECTION.with_item(&app, &project_id, &sender_id, |s| {
        log::answer(&s.activities, query.as_deref())
    })
}

/// The usernames the emulator suggests for a sender (see the module doc).
fn suggestions(dto: &Map<String, Value>) -> Vec<String> {
    let display = dto
        .get("details")
        .and_then(|d| d.get("displayName"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let mut name: String = display
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if name.is_empty() {
        name = "business".into();
    }
    let phone = str_field(dto, "phoneNumber").unwrap_or_default();
    let tail = phone
        .get(phone.len().saturating_sub(4)..)
        .unwrap_or_default();
    let mut all = vec![name.clone(), format!("{name}_official")];
    if !tail.is_empty() {
        all.push(format!("{name}{tail}"));
    }
    all
}

async fn suggested_usernames(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, sender_id)): Path<(String, String)>,
) -> Result<Json<Value>, PapiError> {
    COLLECTION.with_item(&app, &project_id, &sender_id, |s| {
        Ok(Json(json!({ "usernames": suggestions(&s.dto) })))
    })
}
