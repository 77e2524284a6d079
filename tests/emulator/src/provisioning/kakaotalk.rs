//! KakaoTalk senders: `/v1/projects/{projectId}/kakaotalk/senders[/{plusFriendId}[/register|
//! /verify|/changes|/activities|/comments]]`.
//!
//! Confirmed by the spec (v1.2.117, KakaoTalk Senders): the paths, the create body, the
//! states, verify `{code: number}` answering the sender (409 `not_allowed_verify` unless the
//! sender is `VERIFYING`), DELETE `/changes` (204; 404 `sender_changes_not_found`, 409
//! `sender_changes_not_deletable`), the activity log and comments (shapes of
//! [`activity`](super::activity)).
//! The emulator's own choices (not documented by Sinch): a new sender is `INACTIVE`;
//! `register` moves an `INACTIVE` (or still `VERIFYING`) sender to `VERIFYING`, else 409
//! `not_allowed_register`; `verify` accepts any code (a JSON number, else 400
//! `invalid_input`) and makes the sender `ACTIVE`; a create with `status: DRAFT` and every
//! PATCH make pending `changes` (`DRAFT`, or `IN_PROGRESS` when submitted) over the stored
//! details, which a test applies with the set-field control as Sinch's review would; changes
//! in review can neither change (409 `sender_changes_not_updatable`) nor be discarded; create answers 201 and 409
//! `sender_exists` for a taken plusFriendId; DELETE answers 204 and keeps the sender readable
//! (Sinch keeps it active 60 more days); the list key is `senders`, in creation order,
//! `pageSize` 1..100 (default 50). A sender's activity log starts with `CREATED`, gains
//! `ACTIVE` on verify and `COMMENT_ADDED` per comment. Unknown sender: 404 `sender_not_found`.

use super::activity as log;
use super::auth::Authenticated;
use super::collection::{Collection, Delete, Edit, NotFound, Unique};
use super::error::PapiError;
use super::pagination::PageSpec;
use super::store::{body_object, now_iso, str_field, Resource};
use super::ProvisioningState;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

pub static COLLECTION: Collection<Resource> = Collection::new(
    "/kakaotalk/senders",
    "senders",
    NotFound {
        code: "sender_not_found",
        what: "Sender",
    },
    |p, project_id| {
        p.kakaotalk_senders
            .entry(project_id.to_string())
            .or_default()
    },
    |sender| str_field(sender, "plusFriendId"),
)
.paged(PageSpec {
    max: 100,
    default: 50,
})
.create(create)
.unique(Unique {
    field: "plusFriendId",
    key: |sender| str_field(sender, "plusFriendId").unwrap_or(""),
    taken: |_| {
        PapiError::new(
            StatusCode::CONFLICT,
            "sender_exists",
            "Sender already exists.",
            "Use another plusFriendId or update the existing sender.",
        )
    },
})
.update(update)
.editable(editable)
.delete(Delete::Keep);

const DETAIL_FIELDS: [&str; 6] = [
    "adminPhoneNo",
    "name",
    "topLevelCategoryCode",
    "midLevelCategoryCode",
    "subLevelCategoryCode",
    "logoImage",
];

/// The fields every sender's details have (`logoImage` is optional).
const REQUIRED_FIELDS: [&str; 5] = [
    "adminPhoneNo",
    "name",
    "topLevelCategoryCode",
    "midLevelCategoryCode",
    "subLevelCategoryCode",
];

pub fn routes() -> Router<AppState> {
    let base = "/v1/projects/{project_id}/kakaotalk/senders";
    COLLECTION
        .routes()
        .route(&format!("{base}/{{id}}/register"), post(register))
        .route(&format!("{base}/{{id}}/verify"), post(verify))
        .route(&format!("{base}/{{id}}/changes"), delete(discard_changes))
        .route(&format!("{base}/{{id}}/activities"), get(activities))
        .route(&format!("{base}/{{id}}/comments"), post(comment))
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.chars().all(|c| c.is_ascii_digit())
}

/// Validates the `details` fields present; with `require_all` missing ones are errors.
fn check_details(details: &Map<String, Value>, require_all: bool, errors: &mut Vec<String>) {
    for key in DETAIL_FIELDS {
        let v = details.get(key);
        let s = v.and_then(Value::as_str);
        if v.is_none() && !(require_all && REQUIRED_FIELDS.contains(&key)) {
            continue;
        }
        let ok = match (key, s) {
            // null clears the logo on an update.
            ("logoImage", None) => v.is_some_and(Value::is_null) && !require_all,
            ("logoImage", Some(s)) => s.starts_with("https://") || s.starts_with("http://"),
            ("topLevelCategoryCode", Some(s)) => digits(s, 3),
            ("midLevelCategoryCode" | "subLevelCategoryCode", Some(s)) => digits(s, 4),
            (_, Some(s)) => !s.trim().is_empty(),
            (_, None) => false,
        };
        if !ok {
            errors.push(match key {
                "topLevelCategoryCode" => {
                    "details.topLevelCategoryCode must be exactly 3 digits".into()
                }
                "midLevelCategoryCode" | "subLevelCategoryCode" => {
                    format!("details.{key} must be exactly 4 digits")
                }
                "logoImage" => "details.logoImage must be a URL address".into(),
                _ => format!("details.{key} should not be empty"),
            });
        }
    }
}

/// `status` of a create or update: `DRAFT` or `SUBMIT` (`default` when absent).
fn submit_mode(body: &Resource, default: &'static str, errors: &mut Vec<String>) -> &'static str {
    match body.get("status").and_then(Value::as_str) {
        None if !body.contains_key("status") => default,
        Some("DRAFT") => "DRAFT",
        Some("SUBMIT") => "SUBMIT",
        _ => {
            errors.push("status must be one of the following values: DRAFT, SUBMIT".into());
            default
        }
    }
}

fn create(_project_id: &str, body: Resource) -> Result<Resource, PapiError> {
    let mut errors = Vec::new();
    let id = match body.get("plusFriendId").and_then(Value::as_str) {
        Some(s) if !s.trim().is_empty() => s.to_string(),
        _ => {
            errors.push("plusFriendId should not be empty".to_string());
            String::new()
        }
    };
    let mode = submit_mode(&body, "SUBMIT", &mut errors);
    let details = match body.get("details") {
        Some(Value::Object(d)) => {
            check_details(d, true, &mut errors);
            d.clone()
        }
        _ => {
            errors.push("details must be an object".to_string());
            Map::new()
        }
    };
    if !errors.is_empty() {
        return Err(PapiError::invalid_input(errors));
    }
    let now = now_iso();
    let details: Map<String, Value> = details
        .into_iter()
        .filter(|(k, _)| DETAIL_FIELDS.contains(&k.as_str()))
        .collect();
    let mut rec: Resource = match json!({
        "id": crate::tokens::ulid_like(),
        "plusFriendId": id,
        "state": "INACTIVE",
        "created": now,
        "modified": now,
    }) {
        Value::Object(m) => m,
        _ => Resource::new(),
    };
    // A draft is only pending changes until it is submitted.
    if mode == "DRAFT" {
        rec.insert(
            "changes".into(),
            json!({"status": "DRAFT", "details": details}),
        );
    } else {
        rec.insert("details".into(), Value::Object(details));
    }
    Ok(rec)
}

/// PATCH `{status, details{…}}`: the fields given, over the stored details and any pending
/// ones, become the pending `changes` (`DRAFT`, or `IN_PROGRESS` when submitted); `details`
/// stays as it is until the review applies them.
fn update(body: Resource) -> Result<Edit<Resource>, PapiError> {
    let mut errors = Vec::new();
    let mode = submit_mode(&body, "DRAFT", &mut errors);
    let details = match body.get("details") {
        None => Map::new(),
        Some(Value::Object(d)) => d.clone(),
        Some(_) => {
            errors.push("details must be an object".into());
            Map::new()
        }
    };
    check_details(&details, false, &mut errors);
    if !errors.is_empty() {
        return Err(PapiError::invalid_input(errors));
    }
    if !DETAIL_FIELDS.iter().any(|k| details.contains_key(*k)) && mode == "DRAFT" {
        return Err(PapiError::no_fields_to_update());
    }
    Ok(Box::new(move |rec| {
        let mut pending = rec
            .get("changes")
            .and_then(|c| c.get("details"))
            .or_else(|| rec.get("details"))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (k, v) in details {
            if !DETAIL_FIELDS.contains(&k.as_str()) {
                continue;
            }
            if v.is_null() {
                pending.remove(&k);
            } else {
                pending.insert(k, v);
            }
        }
        let status = if mode == "SUBMIT" {
            "IN_PROGRESS"
        } else {
            "DRAFT"
        };
        rec.insert(
            "changes".into(),
            json!({"status": status, "details": pending}),
        );
        rec.insert("modified".into(), Value::String(now_iso()));
    }))
}

/// Pending changes in review cannot change (409 `sender_changes_not_updatable`).
fn editable(rec: &Resource) -> Result<(), PapiError> {
    let in_review = rec
        .get("changes")
        .and_then(|c| c.get("status"))
        .and_then(Value::as_str)
        == Some("IN_PROGRESS");
    if in_review {
        return Err(PapiError::new(
            StatusCode::CONFLICT,
            "sender_changes_not_updatable",
            "Sender changes cannot be updated while they are in review.",
            "Wait for the review, or discard the changes first.",
        ));
    }
    Ok(())
}

async fn register(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, id)): Path<(String, String)>,
) -> Result<Json<Value>, PapiError> {
    COLLECTION.with_item(&app, &project_id, &id, |rec| {
        if !matches!(str_field(rec, "state"), Some("INACTIVE" | "VERIFYING")) {
            return Err(PapiError::new(
                StatusCode::CONFLICT,
                "not_allowed_register",
                "Sender cannot be registered in its current state.",
                "Only an INACTIVE sender (or one still VERIFYING, to resend the code) can register.",
            ));
        }
        rec.insert("state".into(), json!("VERIFYING"));
        rec.insert("modified".into(), Value::String(now_iso()));
        Ok(Json(Value::Object(rec.clone())))
    })
}

/// `{code}` (a JSON number) on a `VERIFYING` sender: state `ACTIVE`; answers the sender.
async fn verify(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, PapiError> {
    let body = body_object(&body)?;
    let code_ok = body.get("code").is_some_and(Value::is_number);
    // An unknown sender is 404 even with a bad code: the lookup comes first.
    let sender = COLLECTION.with_item(&app, &project_id, &id, |rec| {
        if !code_ok {
            return Err(PapiError::invalid_input(vec![
                "code must be a number conforming to the specified constraints".into(),
            ]));
        }
        if str_field(rec, "state") != Some("VERIFYING") {
            return Err(PapiError::new(
                StatusCode::CONFLICT,
                "not_allowed_verify",
                "Sender not allowed to be verified.",
                "Sender has to be in VERIFYING state: register it first.",
            ));
        }
        rec.insert("state".into(), json!("ACTIVE"));
        rec.insert("modified".into(), Value::String(now_iso()));
        Ok(Value::Object(rec.clone()))
    })?;
    let mut st = app.lock();
    sender_log(&mut st.provisioning, &project_id, &id)?.push(log::entry("ACTIVE"));
    crate::callbacks::emit(
        &mut st,
        &project_id,
        "KAKAOTALK_SENDER_ACTIVE",
        &sender,
        None,
    );
    Ok(Json(sender))
}

/// DELETE `/changes`: drops the pending `changes` unless they are in review.
async fn discard_changes(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, id)): Path<(String, String)>,
) -> Result<StatusCode, PapiError> {
    COLLECTION.with_item(&app, &project_id, &id, |rec| {
        let status = match rec.get("changes") {
            None | Some(Value::Null) => {
                return Err(PapiError::new(
                    StatusCode::NOT_FOUND,
                    "sender_changes_not_found",
                    "Sender changes not found.",
                    "The sender has no pending changes to delete.",
                ))
            }
            Some(changes) => changes.get("status").and_then(Value::as_str),
        };
        if status == Some("IN_PROGRESS") {
            return Err(PapiError::new(
                StatusCode::CONFLICT,
                "sender_changes_not_deletable",
                "Sender changes not deletable.",
                "Changes in review (IN_PROGRESS) cannot be deleted; wait for the review.",
            ));
        }
        rec.remove("changes");
        rec.insert("modified".into(), Value::String(now_iso()));
        Ok(StatusCode::NO_CONTENT)
    })
}

/// The sender's log, begun (with `CREATED`) when first needed; 404 for an unknown sender.
fn sender_log<'a>(
    p: &'a mut ProvisioningState,
    project_id: &str,
    id: &str,
) -> Result<&'a mut Vec<Value>, PapiError> {
    let known = p
        .kakaotalk_senders
        .get(project_id)
        .is_some_and(|all| all.iter().any(|s| str_field(s, "plusFriendId") == Some(id)));
    log::log_of(
        &mut p.kakaotalk_sender_activities,
        format!("{project_id}/{id}"),
        known,
        || COLLECTION.not_found(),
    )
}

async fn activities(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, PapiError> {
    let mut st = app.lock();
    let entries = sender_log(&mut st.provisioning, &project_id, &id)?;
    log::answer(entries, query.as_deref())
}

async fn comment(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, PapiError> {
    let text = log::comment_text(&body)?;
    let mut st = app.lock();
    sender_log(&mut st.provisioning, &project_id, &id)?.push(log::comment_entry(&text));
    let sender = COLLECTION
        .find_mut(&mut st.provisioning, &project_id, &id)
        .map(|rec| Value::Object(rec.clone()))
        .unwrap_or_default();
    let trigger = "KAKAOTALK_SENDER_COMMENT_ADDED";
    crate::callbacks::emit(&mut st, &project_id, trigger, &sender, Some(&text));
    Ok(log::created(&text))
}
