//! `GET /rcs/questionnaire/{useCase}` (spec v1.2.117, RCS Questionnaire): the launch
//! questions per section, built from a part of the spec's US example: `general` and
//! `verification` always, `us` when `countries` holds `US` (any other country adds an empty
//! section of its lower-case code). The emulator's own rule: a use case outside the spec's enum
//! (`MULTIUSE`, `OTP`, `PROMOTIONAL`, `TRANSACTIONAL`) or a `usQuestionnaireVersion` other
//! than `v1`/`v2` is 400 `invalid_input`.

use super::auth::Authenticated;
use super::error::PapiError;
use super::store::query_values;
use crate::http_util::{form_get, parse_form};
use axum::extract::{Path, RawQuery};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

const USE_CASES: &[&str] = &["MULTIUSE", "OTP", "PROMOTIONAL", "TRANSACTIONAL"];

pub fn routes() -> Router<crate::state::AppState> {
    Router::new().route(
        "/v1/projects/{project_id}/rcs/questionnaire/{use_case}",
        get(questionnaire),
    )
}

fn q(question: &str, answers: &[&str]) -> Value {
    json!({"question": question, "suggestedAnswers": answers})
}

async fn questionnaire(
    _: Authenticated,
    Path((_project_id, use_case)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, PapiError> {
    let query = parse_form(query.unwrap_or_default().as_bytes());
    let mut errors = Vec::new();
    if !USE_CASES.contains(&use_case.as_str()) {
        errors.push(format!("useCase must be one of: {}", USE_CASES.join(", ")));
    }
    if form_get(&query, "usQuestionnaireVersion").is_some_and(|v| v != "v1" && v != "v2") {
        errors.push("usQuestionnaireVersion must be one of: v1, v2".to_string());
    }
    if !errors.is_empty() {
        return Err(PapiError::invalid_input(errors));
    }
    let mut out = Map::new();
    out.insert(
        "general".into(),
        json!({"questions": {
            "optInDescription": q(
                "How do users agree to receive messages from your business through the agent?",
                &["By subscribing to a newsletter"],
            ),
            "optOutDescription": q(
                "What message does your business send when a user opts out?",
                &["Thank you for opting out"],
            ),
        }}),
    );
    out.insert(
        "verification".into(),
        json!({"questions": {
            "name": q("What is the name of your verification contact?", &[]),
            "partner": {"companyName": q(
                "For ASP resellers: what is the name of the brand partner company?", &[]
            )},
        }}),
    );
    for country in query_values(&query, "countries") {
        let section = if country == "US" {
            json!({"questions": {
                "ownershipType": q("What is the ownership type of your company?", &["PRIVATE", "PUBLIC"]),
            }})
        } else {
            json!({"questions": {}})
        };
        out.insert(country.to_lowercase(), section);
    }
    Ok(Json(Value::Object(out)))
}
