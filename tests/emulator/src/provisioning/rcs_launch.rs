//! Updating and launching an RCS sender (spec v1.2.117): `PATCH /rcs/senders/{senderId}`
//! (`{details}`, query `usQuestionnaireVersion` v1|v2) and `POST …/{senderId}/launch`.
//!
//! Launch follows the reference pages: only a sender in `IN_TEST`, `LAUNCHING`, `LAUNCHED` or
//! `UNLAUNCHED` can launch (409 `launch_invalid_agent_state`); it needs the questionnaire's
//! `general` and `verification` answers, a country, a brand phone or email and the banner,
//! logo, privacy policy and terms of service URLs (412 `launch_precondition_failed`, each
//! missing item in `additionalInformation.validationErrors`). A launched sender is `LAUNCHING`,
//! or `PREPARING_LAUNCH` when the questionnaire has no video URI, with each country `PENDING`.
//!
//! The emulator's own choices: an update of a sender that is launching (`LAUNCHING`,
//! `PREPARING_LAUNCH`) is 409 `sender_not_updatable`; each update adds an `EDITED` entry to the
//! sender's activity log.

use super::auth::Authenticated;
use super::error::{json_object, PapiError};
use super::rcs::COLLECTION;
use super::rcs_account::sender_log;
use super::rcs_details as details;
use super::store::{now_iso, str_field, Resource};
use super::{activity as log, ProvisioningState};
use crate::http_util::{form_get, parse_form};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::routing::{patch, post};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/projects/{project_id}/rcs/senders/{id}", patch(update))
        .route(
            "/v1/projects/{project_id}/rcs/senders/{id}/launch",
            post(launch),
        )
}

/// The sender `id` of the project, or its 404.
pub(super) fn sender_mut<'a>(
    p: &'a mut ProvisioningState,
    project_id: &str,
    id: &str,
) -> Result<&'a mut Resource, PapiError> {
    let scope = COLLECTION.scope(p, project_id, None)?;
    COLLECTION
        .find_mut(p, &scope, id)
        .ok_or_else(|| COLLECTION.not_found())
}

async fn update(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Result<Json<Resource>, PapiError> {
    let query = parse_form(query.unwrap_or_default().as_bytes());
    let mut errors = Vec::new();
    match form_get(&query, "usQuestionnaireVersion") {
        None | Some("v1" | "v2") => {}
        Some(_) => {
            errors.push("usQuestionnaireVersion must be one of the following values: v1, v2".into())
        }
    }
    let body = json_object(&body)?;
    let changes: Map<String, Value> = match body.get("details") {
        Some(Value::Object(d)) => d.clone(),
        _ => {
            errors.push("details must be an object".into());
            Map::new()
        }
    };
    details::check(&changes, true, &mut errors);
    if !errors.is_empty() {
        return Err(PapiError::invalid_input(errors));
    }
    if changes.is_empty() {
        return Err(PapiError::no_fields_to_update());
    }
    let mut st = app.lock();
    let sender = sender_mut(&mut st.provisioning, &project_id, &id)?;
    if matches!(
        str_field(sender, "state"),
        Some("LAUNCHING" | "PREPARING_LAUNCH")
    ) {
        return Err(PapiError::new(
            StatusCode::CONFLICT,
            "sender_not_updatable",
            "Sender cannot be updated while it is launching.",
            "Wait until the launch is over, then update the sender.",
        ));
    }
    details::merge(sender, &changes);
    sender.insert("modified".into(), json!(now_iso()));
    let answer = sender.clone();
    sender_log(&mut st.provisioning, &project_id, &id)?.push(log::entry("EDITED"));
    Ok(Json(answer))
}

async fn launch(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, id)): Path<(String, String)>,
) -> Result<Json<Resource>, PapiError> {
    let mut st = app.lock();
    let sender = sender_mut(&mut st.provisioning, &project_id, &id)?;
    if !matches!(
        str_field(sender, "state"),
        Some("IN_TEST" | "LAUNCHING" | "LAUNCHED" | "UNLAUNCHED")
    ) {
        return Err(PapiError::new(
            StatusCode::CONFLICT,
            "launch_invalid_agent_state",
            "Launch are only supported by senders with state: IN_TEST, LAUNCHING, LAUNCHED, UNLAUNCHED",
            "Wait until the sender is IN_TEST, then launch it.",
        ));
    }
    let missing = missing_for_launch(sender);
    if !missing.is_empty() {
        return Err(PapiError::new(
            StatusCode::PRECONDITION_FAILED,
            "launch_precondition_failed",
            "The sender is not ready to launch.",
            "Complete the sender's details listed in additionalInformation, then launch again.",
        )
        .with_info(json!({ "validationErrors": missing })));
    }
    let d = &sender["details"];
    let has_video = d["questionnaire"]["general"]["answers"]["videoUris"]
        .as_array()
        .is_some_and(|v| !v.is_empty());
    let countries: Vec<Value> = d["countries"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| json!({"country": c, "status": "PENDING", "operators": []}))
        .collect();
    let now = now_iso();
    let state = if has_video {
        "LAUNCHING"
    } else {
        "PREPARING_LAUNCH"
    };
    sender.insert("state".into(), json!(state));
    sender.insert("countryStatus".into(), Value::Array(countries));
    sender.insert("launched".into(), json!(now));
    sender.insert("modified".into(), json!(now));
    Ok(Json(sender.clone()))
}

/// What the sender lacks for a launch, one message each.
fn missing_for_launch(sender: &Resource) -> Vec<String> {
    let d = &sender.get("details").cloned().unwrap_or(Value::Null);
    let brand = &d["brand"];
    let has = |v: &Value| match v {
        Value::Array(a) => !a.is_empty(),
        Value::String(s) => !s.trim().is_empty(),
        Value::Object(o) => !o.is_empty(),
        _ => false,
    };
    let mut missing = Vec::new();
    for section in ["general", "verification"] {
        if !has(&d["questionnaire"][section]["answers"]) {
            missing.push(format!(
                "details.questionnaire.{section}.answers must be completed"
            ));
        }
    }
    if !has(&d["countries"]) {
        missing.push("details.countries must have at least one value".into());
    }
    if !has(&brand["phones"]) && !has(&brand["emails"]) {
        missing.push("details.brand.phones or details.brand.emails is required".into());
    }
    for key in [
        "bannerUrl",
        "logoUrl",
        "privacyPolicyUrl",
        "termsOfServiceUrl",
    ] {
        if !has(&brand[key]) {
            missing.push(format!("details.brand.{key} must be defined"));
        }
    }
    missing
}
