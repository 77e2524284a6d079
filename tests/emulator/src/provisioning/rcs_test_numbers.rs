//! An RCS sender's test numbers (spec v1.2.117): add (`POST …/testNumbers`, answers
//! `{testNumbers: [state...]}`), state (`GET …/testNumbers/{n}`), capabilities (`GET
//! …/{n}/capabilities`), re-invite (`GET …/{n}/retry`) and delete (`DELETE …/{n}`, 204). A
//! number the sender does not have is 404 `user_is_not_tester_for_agent`; capabilities of a
//! number not `VERIFIED` are 404 `user_has_not_accepted_invite`.
//!
//! The emulator's own choices: a number added (or added again, or re-invited) is `UNVERIFIED`
//! until a test marks it otherwise with the set-field control (`testNumberStates`); the add
//! answers the states of all the sender's numbers; a verified device supports the features
//! stored in the state's `features` (set-field), by default dial, open URL and both rich cards.

use super::auth::Authenticated;
use super::error::{json_object, PapiError};
use super::rcs_details::{self as details, MAX_TEST_NUMBERS};
use super::rcs_launch::sender_mut;
use super::store::{now_iso, Resource};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

const DEFAULT_FEATURES: &[&str] = &[
    "ACTION_DIAL",
    "ACTION_OPEN_URL",
    "RICHCARD_STANDALONE",
    "RICHCARD_CAROUSEL",
];

pub fn routes() -> Router<AppState> {
    let base = "/v1/projects/{project_id}/rcs/senders/{id}/testNumbers";
    Router::new()
        .route(base, post(add))
        .route(&format!("{base}/{{number}}"), get(state).delete(remove))
        .route(
            &format!("{base}/{{number}}/capabilities"),
            get(capabilities),
        )
        .route(&format!("{base}/{{number}}/retry"), get(retry))
}

fn not_a_tester() -> PapiError {
    PapiError::new(
        StatusCode::NOT_FOUND,
        "user_is_not_tester_for_agent",
        "Test number not found.",
        "Add the number with POST testNumbers first.",
    )
}

/// The sender's list of test numbers.
fn numbers(sender: &mut Resource) -> &mut Vec<Value> {
    let details = sender
        .entry("details")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .expect("details is an object");
    let list = details.entry("testNumbers").or_insert_with(|| json!([]));
    if !list.is_array() {
        *list = json!([]);
    }
    list.as_array_mut().expect("an array")
}

/// The state entry of `number`, or 404.
fn state_of<'a>(sender: &'a mut Resource, number: &str) -> Result<&'a mut Value, PapiError> {
    sender
        .get_mut("testNumberStates")
        .and_then(Value::as_array_mut)
        .and_then(|states| {
            states
                .iter_mut()
                .find(|s| s.get("number").and_then(Value::as_str) == Some(number))
        })
        .ok_or_else(not_a_tester)
}

async fn add(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, PapiError> {
    let body = json_object(&body)?;
    let mut errors = Vec::new();
    let added: Vec<Value> = match body.get("testNumbers") {
        Some(Value::Array(a)) => a.clone(),
        _ => {
            errors.push("testNumbers must be an array".into());
            Vec::new()
        }
    };
    details::check_test_numbers(&added, "testNumbers", &mut errors);
    if !errors.is_empty() {
        return Err(PapiError::invalid_input(errors));
    }
    let mut st = app.lock();
    let sender = sender_mut(&mut st.provisioning, &project_id, &id)?;
    let list = numbers(sender);
    let new: Vec<Value> = added
        .iter()
        .filter(|n| !list.contains(n))
        .cloned()
        .collect();
    if list.len() + new.len() > MAX_TEST_NUMBERS {
        return Err(PapiError::invalid_input(vec![format!(
            "a sender has at most {MAX_TEST_NUMBERS} test numbers"
        )]));
    }
    list.extend(new);
    details::sync_test_number_states(sender);
    // Adding a number again invites it again, verified or not.
    for n in added.iter().filter_map(Value::as_str) {
        *state_of(sender, n)? = details::unverified(n);
    }
    Ok(Json(json!({ "testNumbers": sender["testNumberStates"] })))
}

async fn state(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, id, number)): Path<(String, String, String)>,
) -> Result<Json<Value>, PapiError> {
    let mut st = app.lock();
    let sender = sender_mut(&mut st.provisioning, &project_id, &id)?;
    Ok(Json(state_of(sender, &number)?.clone()))
}

async fn capabilities(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, id, number)): Path<(String, String, String)>,
) -> Result<Json<Value>, PapiError> {
    let mut st = app.lock();
    let sender = sender_mut(&mut st.provisioning, &project_id, &id)?;
    let state = state_of(sender, &number)?;
    if state.get("state").and_then(Value::as_str) != Some("VERIFIED") {
        return Err(PapiError::new(
            StatusCode::NOT_FOUND,
            "user_has_not_accepted_invite",
            "The user has not accepted the invite to become a tester.",
            "Ask the owner of the number to accept the invite, or send it again.",
        ));
    }
    let features = state
        .get("features")
        .cloned()
        .unwrap_or_else(|| json!(DEFAULT_FEATURES));
    Ok(Json(json!({ "features": features })))
}

async fn retry(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, id, number)): Path<(String, String, String)>,
) -> Result<Json<Value>, PapiError> {
    let mut st = app.lock();
    let sender = sender_mut(&mut st.provisioning, &project_id, &id)?;
    let state = state_of(sender, &number)?;
    state["state"] = json!("UNVERIFIED");
    state["submitted"] = json!(now_iso());
    Ok(Json(state.clone()))
}

async fn remove(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, id, number)): Path<(String, String, String)>,
) -> Result<Response, PapiError> {
    let mut st = app.lock();
    let sender = sender_mut(&mut st.provisioning, &project_id, &id)?;
    state_of(sender, &number)?;
    numbers(sender).retain(|n| n.as_str() != Some(number.as_str()));
    details::sync_test_number_states(sender);
    Ok(StatusCode::NO_CONTENT.into_response())
}
