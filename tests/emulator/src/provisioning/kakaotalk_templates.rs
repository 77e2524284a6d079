//! KakaoTalk templates:
//! `/v1/projects/{projectId}/kakaotalk/senders/{plusFriendId}/templates[/{templateCode}]`.
//!
//! From the Provisioning API v1.2.117 spec: the paths, the list (`filterStates`,
//! `filterStatuses`, `templateName` prefix, `pageSize` 1..1000 default 50, alphabetical, key
//! `templates`), the bodies and their limits, the answers' shape (a new template has only
//! `changes`: `IN_PROGRESS` when submitted, `DRAFT` otherwise), and the errors: 404
//! `sender_not_found` / `template_not_found`, 400 `template_invalid_language_code` /
//! `template_invalid_category_code`, 409 `template_exists` (names are unique per sender),
//! `template_not_updatable` (an update needs state APPROVED or REJECTED) and
//! `template_changes_not_updatable` (pending changes must be DRAFT or REJECTED).
//!
//! The emulator's own choices: other field errors are 400 `invalid_input` listing them (the
//! spec's example of that error is on a template body); a category code must be 6 digits;
//! KakaoTalk's review never ends by itself (set `state` / `changes` with the set-field control,
//! whose `project_id` is `{projectId}/{plusFriendId}` for this collection).
//!
//! Each template also has an activity log (`…/{templateCode}/activities`, starting with
//! `CREATED`) and comments (`…/{templateCode}/comments`), in the shapes of
//! [`activity`](super::activity), and `DELETE …/{templateCode}/changes` (204) deletes a draft
//! never submitted: a template whose only content is a DRAFT goes, a DRAFT of changes to an
//! approved or rejected one is discarded; anything else is 409 `template_not_deletable`.

use super::activity;
use super::auth::Authenticated;
use super::collection::{Collection, Delete, Edit, NotFound, Parent, Query, Unique};
use super::error::PapiError;
use super::pagination::PageSpec;
use super::store::{now_iso, query_values, str_field, Resource};
use super::{kakaotalk, ProvisioningState};
use crate::state::AppState;
use crate::tokens;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{delete, get, post};
use axum::Router;
use rand::Rng;
use serde_json::{json, Map, Value};

pub static COLLECTION: Collection<Resource> = Collection::new(
    "/kakaotalk/senders/{parent_id}/templates",
    "templates",
    NotFound {
        code: "template_not_found",
        what: "Template",
    },
    |p, scope| p.kakaotalk_templates.entry(scope.to_string()).or_default(),
    |template| str_field(template, "code"),
)
.nested(Parent {
    exists: sender_exists,
})
.paged(PageSpec {
    max: 1000,
    default: 50,
})
.select(select)
.create(create)
.unique(Unique {
    field: "details",
    key: name,
    taken: |_| {
        PapiError::new(
            StatusCode::CONFLICT,
            "template_exists",
            "Template already exists.",
            "Templates must have unique name. Change name and submit again.",
        )
    },
})
.update(update)
.editable(editable)
.delete(Delete::Remove);

pub fn routes() -> Router<AppState> {
    let item = "/v1/projects/{project_id}/kakaotalk/senders/{parent_id}/templates/{id}";
    COLLECTION
        .routes()
        .route(&format!("{item}/activities"), get(activities))
        .route(&format!("{item}/comments"), post(comment))
        .route(&format!("{item}/changes"), delete(delete_draft))
}

/// Runs `f` on the template `code` of the sender and on its activity log (begun with
/// `CREATED` when first asked for); the sender's and the template's 404s first.
fn with_log<R>(
    app: &AppState,
    (project_id, plus_friend_id, code): &(String, String, String),
    f: impl FnOnce(&mut Resource, &mut Vec<Value>) -> Result<R, PapiError>,
) -> Result<R, PapiError> {
    let mut st = app.lock();
    let p = &mut st.provisioning;
    let scope = COLLECTION.scope(p, project_id, Some(plus_friend_id))?;
    let mut log = p
        .kakaotalk_template_activities
        .remove(&format!("{scope}/{code}"))
        .unwrap_or_else(|| vec![activity::entry("CREATED")]);
    let template = COLLECTION
        .find_mut(p, &scope, code)
        .ok_or_else(|| COLLECTION.not_found())?;
    let out = f(template, &mut log);
    p.kakaotalk_template_activities
        .insert(format!("{scope}/{code}"), log);
    out
}

async fn activities(
    _: Authenticated,
    State(app): State<AppState>,
    Path(ids): Path<(String, String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, PapiError> {
    with_log(&app, &ids, |_, log| activity::answer(log, query.as_deref()))
}

async fn comment(
    _: Authenticated,
    State(app): State<AppState>,
    Path(ids): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Response, PapiError> {
    let text = activity::comment_text(&body)?;
    with_log(&app, &ids, |_, log| {
        log.push(activity::comment_entry(&text));
        Ok(activity::created(&text))
    })
}

async fn delete_draft(
    _: Authenticated,
    State(app): State<AppState>,
    Path(ids): Path<(String, String, String)>,
) -> Result<StatusCode, PapiError> {
    let (project_id, plus_friend_id, code) = &ids;
    let mut st = app.lock();
    let p = &mut st.provisioning;
    let scope = COLLECTION.scope(p, project_id, Some(plus_friend_id))?;
    let items = COLLECTION.items(p, &scope);
    let at = items
        .iter()
        .position(|t| str_field(t, "code") == Some(code.as_str()))
        .ok_or_else(|| COLLECTION.not_found())?;
    let draft = items[at]
        .get("changes")
        .and_then(|c| c.get("status"))
        .and_then(Value::as_str)
        == Some("DRAFT");
    if !draft {
        return Err(PapiError::new(
            StatusCode::CONFLICT,
            "template_not_deletable",
            "Template is not deletable.",
            "Only templates that has not yet been submitted to KakaoTalk is eligible for deletion.",
        ));
    }
    if items[at].contains_key("state") {
        items[at].remove("changes");
    } else {
        items.remove(at);
        p.kakaotalk_template_activities
            .remove(&format!("{scope}/{code}"));
    }
    Ok(StatusCode::NO_CONTENT)
}

const LANGUAGES: [&str; 71] = [
    "AF", "AR", "AZ", "BG", "BN", "CA", "CS", "DA", "DE", "EL", "EN", "EN_GB", "EN_US", "ES",
    "ES_AR", "ES_ES", "ES_MX", "ET", "FA", "FI", "FIL", "FR", "GA", "GU", "HA", "HE", "HI", "HR",
    "HU", "ID", "IT", "JA", "KA", "KK", "KN", "KO", "KY_KG", "LO", "LT", "LV", "MK", "ML", "MR",
    "MS", "NB", "NL", "PA", "PL", "PT_BR", "PT_PT", "RO", "RU", "RW_RW", "SK", "SL", "SQ", "SR",
    "SV", "SW", "TA", "TE", "TH", "TR", "UK", "UR", "UZ", "VI", "ZH_CN", "ZH_HK", "ZH_TW", "ZU",
];
const MESSAGE_TYPES: [&str; 4] = ["AD_INCLUDED", "BASIC", "EXTRA_INFORMATION", "MIXED"];
const EMPHASIZE_TYPES: [&str; 3] = [
    "EMPHASIZE_TYPE_IMAGE",
    "EMPHASIZE_TYPE_NONE",
    "EMPHASIZE_TYPE_TEXT",
];
const BUTTON_TYPES: [&str; 12] = [
    "APP_LINK",
    "BOT_FOR_CONSULTATION",
    "BOT_KEYWORD",
    "BOT_TRANSFER",
    "BUSINESS_FORM",
    "CHANNEL_ID_ADDED",
    "DELIVERY_SEARCH",
    "IMAGE_SECURE_TRANSMISSION_PLUGIN_ID",
    "MESSAGE_DELIVERY",
    "ONE_CLICK_PAYMENT_PLUGIN",
    "PERSONAL_INFORMATION_USE_PLUGIN_ID",
    "WEB_LINK",
];
/// String fields of `details` (besides the enums) and their longest length.
const TEXT_FIELDS: [(&str, usize); 7] = [
    ("name", 150),
    ("content", 1000),
    ("extra", 500),
    ("title", 50),
    ("subtitle", 50),
    ("imageName", 250),
    ("imageUrl", 2048),
];
/// Fields an update may clear with `null`.
const NULLABLE: [&str; 6] = [
    "extra",
    "title",
    "subtitle",
    "imageName",
    "imageUrl",
    "buttons",
];

fn sender_exists(
    p: &mut ProvisioningState,
    project_id: &str,
    plus_friend_id: &str,
) -> Result<(), PapiError> {
    match kakaotalk::COLLECTION.find_mut(p, project_id, plus_friend_id) {
        Some(_) => Ok(()),
        None => Err(kakaotalk::COLLECTION.not_found()),
    }
}

/// The template's details as last sent: the pending changes, else the approved ones.
fn current_details(t: &Resource) -> Option<&Map<String, Value>> {
    t.get("changes")
        .and_then(|c| c.get("details"))
        .or_else(|| t.get("details"))
        .and_then(Value::as_object)
}

fn name(t: &Resource) -> &str {
    current_details(t)
        .and_then(|d| d.get("name"))
        .and_then(Value::as_str)
        .unwrap_or("")
}

fn select<'a>(all: &'a [Resource], query: &Query) -> Result<Vec<&'a Resource>, PapiError> {
    let states = query_values(query, "filterStates");
    let statuses = query_values(query, "filterStatuses");
    let prefix = query_values(query, "templateName").concat();
    let status = |t: &Resource| {
        t.get("changes")
            .and_then(|c| c.get("status"))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let mut shown: Vec<&Resource> = all
        .iter()
        .filter(|t| {
            states.is_empty()
                || str_field(t, "state").is_some_and(|s| states.iter().any(|x| x == s))
        })
        .filter(|t| statuses.is_empty() || status(t).is_some_and(|s| statuses.contains(&s)))
        .filter(|t| name(t).starts_with(&prefix))
        .collect();
    shown.sort_by(|a, b| name(a).cmp(name(b)));
    Ok(shown)
}

/// `status`: DRAFT or SUBMIT (`default` when absent); true when submitted.
fn submitted(body: &Resource, default: &str, errors: &mut Vec<String>) -> bool {
    match body.get("status") {
        None => default == "SUBMIT",
        Some(Value::String(s)) if s == "DRAFT" || s == "SUBMIT" => s == "SUBMIT",
        Some(_) => {
            errors.push("status must be one of the following values: DRAFT, SUBMIT".into());
            false
        }
    }
}

/// Checks the `details` fields present; on create (`creating`) the name, the language and,
/// unless a draft, the content are required, and only then may the language be sent.
fn check_details(
    details: &Map<String, Value>,
    creating: bool,
    draft: bool,
) -> Result<(), PapiError> {
    let mut errors = Vec::new();
    for key in details.keys() {
        let known = TEXT_FIELDS.iter().any(|(k, _)| k == key)
            || [
                "messageType",
                "emphasizeType",
                "categoryCode",
                "securityFlag",
                "buttons",
            ]
            .contains(&key.as_str())
            || (creating && key == "language");
        if !known {
            errors.push(format!("details.property {key} should not exist"));
        }
    }
    let required: &[&str] = match (creating, draft) {
        (false, _) => &[],
        (true, true) => &["name", "language"],
        (true, false) => &["name", "language", "content"],
    };
    for &key in required {
        if details.get(key).is_none() {
            errors.push(format!("details.{key} should not be empty"));
        }
    }
    for (key, max) in TEXT_FIELDS {
        match details.get(key) {
            None => {}
            Some(Value::Null) if !creating && NULLABLE.contains(&key) => {}
            Some(Value::String(s)) if !s.is_empty() && s.chars().count() <= max => {}
            Some(_) => errors.push(format!(
                "details.{key} must be a string of 1 to {max} characters"
            )),
        }
    }
    for (key, allowed) in [
        ("messageType", &MESSAGE_TYPES[..]),
        ("emphasizeType", &EMPHASIZE_TYPES[..]),
    ] {
        if let Some(v) = details.get(key) {
            if !v.as_str().is_some_and(|s| allowed.contains(&s)) {
                errors.push(format!(
                    "details.{key} must be one of the following values: {}",
                    allowed.join(", ")
                ));
            }
        }
    }
    if details.get("securityFlag").is_some_and(|v| !v.is_boolean()) {
        errors.push("details.securityFlag must be a boolean value".into());
    }
    match details.get("buttons") {
        None => {}
        Some(Value::Null) if !creating => {}
        Some(Value::Array(buttons)) => check_buttons(buttons, draft, &mut errors),
        Some(_) => errors.push("details.buttons must be an array".into()),
    }
    if !errors.is_empty() {
        return Err(PapiError::invalid_input(errors));
    }
    if let Some(lang) = details.get("language") {
        if !lang.as_str().is_some_and(|l| LANGUAGES.contains(&l)) {
            return Err(PapiError::new(
                StatusCode::BAD_REQUEST,
                "template_invalid_language_code",
                "Invalid language code.",
                "Verify that the language code used is supported by the Provisioning API and KakaoTalk.",
            )
            .with_info(json!({ "supportedCodes": LANGUAGES.join(", ") })));
        }
    }
    if let Some(code) = details.get("categoryCode") {
        let ok = code
            .as_str()
            .is_some_and(|c| c.len() == 6 && c.chars().all(|c| c.is_ascii_digit()));
        if !ok {
            return Err(PapiError::new(
                StatusCode::BAD_REQUEST,
                "template_invalid_category_code",
                "Invalid template category code.",
                "Verify that the template category code used is supported for the provided project.",
            ));
        }
    }
    Ok(())
}

fn check_buttons(buttons: &[Value], draft: bool, errors: &mut Vec<String>) {
    if buttons.len() > 5 {
        errors.push("details.buttons must contain no more than 5 elements".into());
    }
    let mut types = Vec::new();
    for (i, b) in buttons.iter().enumerate() {
        let Some(b) = b.as_object() else {
            errors.push(format!("details.buttons.{i} must be an object"));
            continue;
        };
        if !b
            .get("ordering")
            .and_then(Value::as_f64)
            .is_some_and(|o| (1.0..=5.0).contains(&o))
        {
            errors.push(format!(
                "details.buttons.{i}.ordering must be a number from 1 to 5"
            ));
        }
        match b.get("type").and_then(Value::as_str) {
            Some(t) if BUTTON_TYPES.contains(&t) => {
                if types.contains(&t) {
                    errors.push(format!("details.buttons.{i}.type {t} is used twice"));
                }
                types.push(t);
            }
            _ => errors.push(format!(
                "details.buttons.{i}.type must be one of the following values: {}",
                BUTTON_TYPES.join(", ")
            )),
        }
        match b.get("name") {
            None if draft => {}
            Some(Value::String(n)) if !n.is_empty() && n.chars().count() <= 14 => {}
            _ => errors.push(format!(
                "details.buttons.{i}.name must be a string of 1 to 14 characters"
            )),
        }
        for link in ["linkMo", "linkPc", "schemeIos", "schemeAndroid"] {
            if b.get(link)
                .is_some_and(|v| !v.as_str().is_some_and(|s| (1..=500).contains(&s.len())))
            {
                errors.push(format!(
                    "details.buttons.{i}.{link} must be a URL of 1 to 500 characters"
                ));
            }
        }
    }
}

/// The random 20-character code KakaoTalk gives a template (`S7yFqaKqJ8tsnBZH2CEd`).
fn template_code() -> String {
    rand::rng()
        .sample_iter(rand::distr::Alphanumeric)
        .take(20)
        .map(char::from)
        .collect()
}

fn create(_project_id: &str, body: Resource) -> Result<Resource, PapiError> {
    let mut errors = Vec::new();
    let submit = submitted(&body, "SUBMIT", &mut errors);
    if body
        .get("saveDraftOnFailure")
        .is_some_and(|v| !v.is_boolean())
    {
        errors.push("saveDraftOnFailure must be a boolean value".into());
    }
    let details = match body.get("details") {
        Some(Value::Object(d)) => d.clone(),
        _ => {
            errors.push("details must be an object".into());
            Map::new()
        }
    };
    if !errors.is_empty() {
        return Err(PapiError::invalid_input(errors));
    }
    check_details(&details, true, !submit)?;
    // The documented defaults, then what was sent.
    let mut full = json!({
        "messageType": "BASIC",
        "emphasizeType": "EMPHASIZE_TYPE_NONE",
        "categoryCode": "999999",
        "securityFlag": false,
        "buttons": [],
    });
    if let Some(full) = full.as_object_mut() {
        full.extend(details);
    }
    let now = now_iso();
    let status = if submit { "IN_PROGRESS" } else { "DRAFT" };
    match json!({
        "id": tokens::uuid_v4(),
        "code": template_code(),
        "changes": { "status": status, "details": full },
        "created": now,
        "modified": now,
    }) {
        Value::Object(m) => Ok(m),
        _ => Ok(Resource::new()),
    }
}

/// Only an APPROVED or REJECTED template, or pending changes that are a DRAFT or REJECTED.
fn editable(t: &Resource) -> Result<(), PapiError> {
    let status = t
        .get("changes")
        .and_then(|c| c.get("status"))
        .and_then(Value::as_str);
    let state = str_field(t, "state");
    match (status, state) {
        (Some("DRAFT" | "REJECTED"), _) => Ok(()),
        (Some(_), _) => Err(PapiError::new(
            StatusCode::CONFLICT,
            "template_changes_not_updatable",
            "Template is not updatable.",
            "Updates are only supported by template changes with status: DRAFT, REJECTED.",
        )),
        (None, Some("APPROVED" | "REJECTED")) => Ok(()),
        (None, _) => Err(PapiError::new(
            StatusCode::CONFLICT,
            "template_not_updatable",
            "Template is not updatable.",
            "Updates are only supported by templates with state: APPROVED, REJECTED.",
        )),
    }
}

/// PATCH `{status?, details?}`: the pending changes become the current details with the
/// fields given (`null` removes an optional one), kept as a draft unless submitted.
fn update(body: Resource) -> Result<Edit<Resource>, PapiError> {
    let mut errors = Vec::new();
    let submit = submitted(&body, "DRAFT", &mut errors);
    let details = match body.get("details") {
        None => Map::new(),
        Some(Value::Object(d)) => d.clone(),
        Some(_) => {
            errors.push("details must be an object".into());
            Map::new()
        }
    };
    if !errors.is_empty() {
        return Err(PapiError::invalid_input(errors));
    }
    if !details.is_empty() {
        check_details(&details, false, !submit)?;
    }
    Ok(Box::new(move |t| {
        let mut merged = current_details(t).cloned().unwrap_or_default();
        for (k, v) in details {
            if v.is_null() {
                merged.remove(&k);
            } else {
                merged.insert(k, v);
            }
        }
        let status = if submit { "IN_PROGRESS" } else { "DRAFT" };
        t.insert(
            "changes".into(),
            json!({ "status": status, "details": merged }),
        );
        t.insert("modified".into(), Value::String(now_iso()));
    }))
}
