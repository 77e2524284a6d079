//! WhatsApp templates: `/whatsapp/templates[/sync|/{name}[/languages/{code}]]`.
//!
//! Stored in a `BTreeMap<(name, language)>`, so a list is already alphabetical and a page of
//! 1000 costs one pass (the benchmark lists 1000+ templates). `pageSize` 1..1000 (default
//! 50); filters `fieldMask[]` (only those fields, plus `name`), `filterStates[]`,
//! `filterStatuses[]`, `templateAnalyticsDateRange` (adds an `analytics` entry), and
//! `templateName` (prefix).
//! Create validates name (`[a-z0-9_]`, ≤512), uppercase language, category
//! AUTHENTICATION|MARKETING|UTILITY, at most one component of each type, and a BODY when
//! submitting; a duplicate (name, language) → 409 `template_exists` [I]. Without
//! `status: SUBMIT` it is a draft (`changes.status: DRAFT`, no `state`); with it, `PENDING`.
//! PATCH is refused while PENDING (400 `template_not_editable` [I]); other states go back to
//! draft. DELETE of one language without `deleteSubmitted=true` deletes drafts only (400
//! `template_submitted` [I]). Sync within 1 s of the previous one → 429 `too_many_requests`
//! with `Retry-After: 1`.

use super::{activity, check_filter, now_iso, project, query_bool, query_values, str_field};
use crate::http_util::{form_get, parse_form};
use crate::provisioning::activity as log;
use crate::provisioning::auth::Authenticated;
use crate::provisioning::error::{json_object, PapiError};
use crate::provisioning::pagination::{page, PageSpec};
use crate::state::AppState;
use crate::tokens;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Map, Value};
use std::time::{Duration, Instant};

const PAGE: PageSpec = PageSpec {
    max: 1000,
    default: 50,
};
pub const STATES: &[&str] = &["APPROVED", "DISABLED", "PAUSED", "PENDING", "REJECTED"];
const STATUSES: &[&str] = &["DRAFT", "IN_PROGRESS", "REJECTED"];
const CATEGORIES: &[&str] = &["AUTHENTICATION", "MARKETING", "UTILITY"];
const RANGES: &[&str] = &["DAY", "WEEK", "MONTH", "QUARTER"];
const SYNC_COOLDOWN: Duration = Duration::from_secs(1);

pub fn routes() -> Router<AppState> {
    let base = "/v1/projects/{project_id}/whatsapp/templates";
    Router::new()
        .route(base, get(list).post(create))
        .route(&format!("{base}/sync"), post(sync))
        .route(
            &format!("{base}/{{name}}"),
            get(by_name).delete(delete_name),
        )
        .route(
            &format!("{base}/{{name}}/languages/{{language}}"),
            get(get_one).patch(update).delete(delete_language),
        )
        .route(
            &format!("{base}/{{name}}/languages/{{language}}/activities"),
            get(activities),
        )
        .merge(super::template_review::routes())
}

pub(super) fn not_found() -> PapiError {
    PapiError::not_found("template_not_found", "Template")
}

/// Checks `details.components` (and a BODY when `submit`); returns the errors.
fn check_components(details: Option<&Value>, submit: bool) -> Vec<String> {
    let mut errors = Vec::new();
    let components = match details.map(|d| d.get("components")) {
        None | Some(None) => &[][..],
        Some(Some(Value::Array(c))) => c.as_slice(),
        Some(Some(_)) => return vec!["details.components must be an array".into()],
    };
    let mut seen = Vec::new();
    for c in components {
        match c.get("type").and_then(Value::as_str) {
            Some(t) if seen.contains(&t) => {
                errors.push(format!("details.components may contain only one {t}"))
            }
            Some(t) => seen.push(t),
            None => errors.push("each component needs a type".into()),
        }
    }
    if submit && !seen.contains(&"BODY") {
        errors.push("details.components must contain a BODY".into());
    }
    errors
}

fn submit_flag(body: &Map<String, Value>, errors: &mut Vec<String>) -> bool {
    match body.get("status") {
        None => false,
        Some(Value::String(s)) if s == "DRAFT" => false,
        Some(Value::String(s)) if s == "SUBMIT" => true,
        Some(_) => {
            errors.push("status must be one of the following values: DRAFT, SUBMIT".into());
            false
        }
    }
}

/// A new template record from a validated create body (also used by the seed control).
pub fn new_template(
    name: &str,
    language: &str,
    category: &str,
    details: Value,
    submit: bool,
) -> Map<String, Value> {
    let mut t = Map::new();
    t.insert("name".into(), json!(name));
    t.insert("language".into(), json!(language));
    t.insert("category".into(), json!(category));
    t.insert("whatsappId".into(), json!(tokens::digits(15)));
    t.insert("isMetaGenerated".into(), json!(false));
    if submit {
        t.insert("state".into(), json!("PENDING"));
    } else {
        t.insert(
            "changes".into(),
            json!({"status": "DRAFT", "details": details}),
        );
    }
    t.insert("details".into(), details);
    t.insert("created".into(), json!(now_iso()));
    t
}

fn valid_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 512
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn valid_language(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_uppercase() || c == '_')
}

/// The list view of a template: masked fields, optional analytics.
fn view(t: &Map<String, Value>, mask: &[String], range: Option<&str>) -> Value {
    let mut out = if mask.is_empty() {
        t.clone()
    } else {
        t.iter()
            .filter(|(k, _)| *k == "name" || mask.iter().any(|m| m == *k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    if let Some(r) = range {
        if mask.is_empty() || mask.iter().any(|m| m == "analytics") {
            out.insert(
                "analytics".into(),
                json!([{"sent": 0, "delivered": 0, "read": 0, "start": r, "end": now_iso(), "buttons": []}]),
            );
        }
    }
    Value::Object(out)
}

async fn list(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PapiError> {
    let query = parse_form(query.unwrap_or_default().as_bytes());
    let states = query_values(&query, "filterStates");
    let statuses = query_values(&query, "filterStatuses");
    let mask = query_values(&query, "fieldMask");
    check_filter(&states, STATES, "invalid_filter_states")?;
    check_filter(&statuses, STATUSES, "invalid_filter_statuses")?;
    let (_, range) = view_query(&query)?;
    let prefix = form_get(&query, "templateName").unwrap_or("").to_string();
    let mut st = app.lock();
    let wa = project(&mut st, &project_id);
    let get = |t: &Map<String, Value>, a: &str, b: Option<&str>| -> String {
        let v = t.get(a);
        let v = match b {
            Some(b) => v.and_then(|x| x.get(b)),
            None => v,
        };
        v.and_then(Value::as_str).unwrap_or("").to_string()
    };
    let matching: Vec<&Map<String, Value>> = wa
        .templates
        .range((prefix.clone(), String::new())..)
        .take_while(|((name, _), _)| name.starts_with(&prefix))
        .map(|(_, t)| t)
        .filter(|t| states.is_empty() || states.contains(&get(t, "state", None)))
        .filter(|t| statuses.is_empty() || statuses.contains(&get(t, "changes", Some("status"))))
        .collect();
    if mask.is_empty() && range.is_none() {
        return page(&matching, "templates", &query, PAGE); // stored as served
    }
    let (offset, size) = crate::provisioning::pagination::page_request(&query, PAGE)?;
    // Render only the requested page; the envelope comes from the shared pager.
    let start = offset.min(matching.len());
    let end = start.saturating_add(size).min(matching.len());
    let mut rendered: Vec<Value> = vec![Value::Null; matching.len()];
    for (i, t) in matching[start..end].iter().enumerate() {
        rendered[start + i] = view(t, &mask, range);
    }
    page(&rendered, "templates", &query, PAGE)
}

async fn create(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    body: Bytes,
) -> Result<Response, PapiError> {
    let body = json_object(&body)?;
    let mut errors = Vec::new();
    let name = str_field(&body, "name").unwrap_or("").to_string();
    if !valid_name(&name) {
        errors.push("name must be 1-512 lowercase letters, digits or underscores".into());
    }
    let language = str_field(&body, "language").unwrap_or("").to_string();
    if !valid_language(&language) {
        errors.push("language must be a supported language code such as EN_US".into());
    }
    let category = str_field(&body, "category").unwrap_or("").to_string();
    if !CATEGORIES.contains(&category.as_str()) {
        errors.push(
            "category must be one of the following values: AUTHENTICATION, MARKETING, UTILITY"
                .into(),
        );
    }
    let submit = submit_flag(&body, &mut errors);
    errors.extend(check_components(body.get("details"), submit));
    if !errors.is_empty() {
        return Err(PapiError::invalid_input(errors));
    }
    let details = body
        .get("details")
        .cloned()
        .unwrap_or_else(|| json!({"components": []}));
    let mut st = app.lock();
    let wa = project(&mut st, &project_id);
    let key = (name.clone(), language.clone());
    if wa.templates.contains_key(&key) {
        return Err(PapiError::new(
            StatusCode::CONFLICT,
            "template_exists",
            "A template with this name and language already exists.",
            "Update the existing template or use another name.",
        ));
    }
    let t = new_template(&name, &language, &category, details, submit);
    wa.template_activities
        .insert(key.clone(), vec![activity("TEMPLATE_CREATED")]);
    wa.templates.insert(key, t.clone());
    let t = Value::Object(t);
    if submit {
        // Submitted for review: Sinch reports the new PENDING state.
        crate::callbacks::emit(
            &mut st,
            &project_id,
            "WHATSAPP_TEMPLATE_STATUS_UPDATED",
            &t,
            None,
        );
    }
    Ok((StatusCode::CREATED, Json(t)).into_response())
}

/// `fieldMask` and `templateAnalyticsDateRange` of a read, checked.
fn view_query(query: &[(String, String)]) -> Result<(Vec<String>, Option<&str>), PapiError> {
    let range = form_get(query, "templateAnalyticsDateRange").filter(|r| !r.is_empty());
    if let Some(r) = range {
        if !RANGES.contains(&r) {
            return Err(PapiError::invalid_input(vec![
                "templateAnalyticsDateRange must be one of the following values: DAY, WEEK, MONTH, QUARTER".into(),
            ]));
        }
    }
    Ok((query_values(query, "fieldMask"), range))
}

/// `GET …/templates/{name}`: the template's languages, a page of them (the spec's
/// `WhatsappTemplateListDto`), in the list's view.
async fn by_name(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, name)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, PapiError> {
    let query = parse_form(query.unwrap_or_default().as_bytes());
    let (mask, range) = view_query(&query)?;
    let mut st = app.lock();
    let wa = project(&mut st, &project_id);
    let all: Vec<Value> = wa
        .templates
        .range((name.clone(), String::new())..)
        .take_while(|((n, _), _)| *n == name)
        .map(|(_, t)| view(t, &mask, range))
        .collect();
    if all.is_empty() {
        return Err(not_found());
    }
    page(&all, "templates", &query, PAGE)
}

async fn get_one(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, name, language)): Path<(String, String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, PapiError> {
    let query = parse_form(query.unwrap_or_default().as_bytes());
    let (mask, range) = view_query(&query)?;
    let mut st = app.lock();
    let wa = project(&mut st, &project_id);
    wa.templates
        .get(&(name, language))
        .map(|t| Json(view(t, &mask, range)))
        .ok_or_else(not_found)
}

async fn update(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, name, language)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Json<Value>, PapiError> {
    let body = json_object(&body)?;
    let mut errors = Vec::new();
    let submit = submit_flag(&body, &mut errors);
    if let Some(c) = body.get("category") {
        if !c.as_str().is_some_and(|c| CATEGORIES.contains(&c)) {
            errors.push(
                "category must be one of the following values: AUTHENTICATION, MARKETING, UTILITY"
                    .into(),
            );
        }
    }
    if !body.contains_key("category") && !body.contains_key("details") && !submit {
        return Err(PapiError::no_fields_to_update());
    }
    let mut st = app.lock();
    let wa = project(&mut st, &project_id);
    let t = wa
        .templates
        .get_mut(&(name, language))
        .ok_or_else(not_found)?;
    let details = body
        .get("details")
        .cloned()
        .or_else(|| t.get("changes").and_then(|c| c.get("details")).cloned())
        .or_else(|| t.get("details").cloned());
    errors.extend(check_components(details.as_ref(), submit));
    if !errors.is_empty() {
        return Err(PapiError::invalid_input(errors));
    }
    if t.get("state").and_then(Value::as_str) == Some("PENDING") {
        return Err(PapiError::new(
            StatusCode::BAD_REQUEST,
            "template_not_editable",
            "A template cannot be edited while it is in review.",
            "Wait until the template is approved or rejected.",
        ));
    }
    if let Some(c) = body.get("category") {
        t.insert("category".into(), c.clone());
    }
    let details = details.unwrap_or_else(|| json!({"components": []}));
    if submit {
        t.insert("details".into(), details);
        t.insert("state".into(), json!("PENDING"));
        t.remove("changes");
    } else {
        t.remove("state");
        t.insert(
            "changes".into(),
            json!({"status": "DRAFT", "details": details}),
        );
    }
    let t = Value::Object(t.clone());
    if submit {
        crate::callbacks::emit(
            &mut st,
            &project_id,
            "WHATSAPP_TEMPLATE_STATUS_UPDATED",
            &t,
            None,
        );
    }
    Ok(Json(t))
}

async fn delete_language(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, name, language)): Path<(String, String, String)>,
    RawQuery(query): RawQuery,
) -> Result<StatusCode, PapiError> {
    let query = parse_form(query.unwrap_or_default().as_bytes());
    let delete_submitted = query_bool(&query, "deleteSubmitted");
    let mut st = app.lock();
    let wa = project(&mut st, &project_id);
    let key = (name, language);
    let t = wa.templates.get(&key).ok_or_else(not_found)?;
    if t.contains_key("state") && !delete_submitted {
        return Err(PapiError::new(
            StatusCode::BAD_REQUEST,
            "template_submitted",
            "The template was submitted; only drafts are deleted by default.",
            "Pass deleteSubmitted=true to delete a submitted template.",
        ));
    }
    wa.templates.remove(&key);
    Ok(StatusCode::NO_CONTENT)
}

async fn delete_name(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, name)): Path<(String, String)>,
) -> Result<StatusCode, PapiError> {
    let mut st = app.lock();
    let wa = project(&mut st, &project_id);
    let before = wa.templates.len();
    wa.templates.retain(|(n, _), _| *n != name);
    if wa.templates.len() == before {
        return Err(not_found());
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn sync(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
) -> Response {
    let mut st = app.lock();
    let wa = project(&mut st, &project_id);
    let now = Instant::now();
    if wa
        .last_template_sync
        .is_some_and(|t| now.duration_since(t) < SYNC_COOLDOWN)
    {
        let mut resp = PapiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_requests",
            "Too many requests.",
            "Wait before syncing templates again.",
        )
        .into_response();
        resp.headers_mut()
            .insert("retry-after", axum::http::HeaderValue::from_static("1"));
        return resp;
    }
    wa.last_template_sync = Some(now);
    Json(json!({})).into_response()
}

/// Adds `count` submitted templates `{prefix}{00000..}` in `EN_US` with `state` (control API).
pub fn seed(wa: &mut super::WhatsappState, prefix: &str, count: usize, state: &str) {
    for i in 0..count {
        let name = format!("{prefix}{i:05}");
        let details = json!({"components": [{"type": "BODY", "text": format!("Hello {{{{1}}}}, this is {name}"), "examples": ["Ann"]}]});
        let mut t = new_template(&name, "EN_US", "UTILITY", details, true);
        t.insert("state".into(), json!(state));
        wa.templates.insert((name, "EN_US".into()), t);
    }
}

/// `GET …/templates/{name}/languages/{language}/activities`: the activity log.
async fn activities(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, name, language)): Path<(String, String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, PapiError> {
    let mut st = app.lock();
    let wa = project(&mut st, &project_id);
    let key = (name, language);
    if !wa.templates.contains_key(&key) {
        return Err(not_found());
    }
    let log = wa.template_activities.get(&key).map(Vec::as_slice);
    log::answer(log.unwrap_or_default(), query.as_deref())
}
