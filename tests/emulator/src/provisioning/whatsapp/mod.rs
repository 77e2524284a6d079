//! WhatsApp on the Provisioning API (`/v1/projects/{projectId}/whatsapp...`): account,
//! senders, templates, flows and solutions, one module each, with one in-memory store per
//! project. Resources are kept as JSON objects (what the API returns), so the emulator echoes
//! fields it does not interpret. Rules the public notes leave open are marked "[I]" in the
//! module docs; the README lists them.

pub mod account;
pub mod flows;
pub mod senders;
pub mod solutions;
pub mod template_review;
pub mod templates;

use super::error::PapiError;
pub use super::store::{now_iso, query_values, str_field};
use crate::http_util::form_get;
use crate::state::AppState;
use axum::http::StatusCode;
use axum::Router;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::time::Instant;

/// Everything WhatsApp for one project.
#[derive(Debug, Default, Clone)]
pub struct WhatsappState {
    pub account: Option<Map<String, Value>>,
    pub account_activities: Vec<Value>,
    /// In creation order (the list order).
    pub senders: Vec<senders::Sender>,
    /// Keyed by (name, language): iteration is the documented alphabetical list order.
    pub templates: BTreeMap<(String, String), Map<String, Value>>,
    /// Activity log per template language ([I] `…/languages/{languageCode}/activities`).
    pub template_activities: BTreeMap<(String, String), Vec<Value>>,
    pub last_template_sync: Option<Instant>,
    pub flows: Vec<flows::Flow>,
    pub solutions: Vec<Map<String, Value>>,
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(account::routes())
        .merge(senders::routes())
        .merge(templates::routes())
        .merge(flows::routes())
        .merge(solutions::routes())
}

/// The project's store, created on first use.
pub fn project<'a>(st: &'a mut crate::state::State, project_id: &str) -> &'a mut WhatsappState {
    st.provisioning
        .whatsapp
        .entry(project_id.to_string())
        .or_default()
}

/// One activity-log entry (see [`crate::provisioning::activity`]).
pub fn activity(kind: &str) -> Value {
    crate::provisioning::activity::entry(kind)
}

/// Checks `values` against `allowed`; unknown ones give 400 `code` listing the supported ones.
pub fn check_filter(values: &[String], allowed: &[&str], code: &str) -> Result<(), PapiError> {
    if values.iter().all(|v| allowed.contains(&v.as_str())) {
        return Ok(());
    }
    Err(PapiError::new(
        StatusCode::BAD_REQUEST,
        code,
        "Invalid filter value.",
        "Use only supported values.",
    )
    .with_info(serde_json::json!({ "supportedCodes": allowed.join(", ") })))
}

/// The query's boolean `key` (`true`/`false`), default false.
pub fn query_bool(query: &[(String, String)], key: &str) -> bool {
    form_get(query, key).is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

pub const REGIONS: &[&str] = &["BR", "EU", "US"];
pub const META_LOCAL_STORAGE: &[&str] = &[
    "AE",
    "AU",
    "BH",
    "BR",
    "CA",
    "CH",
    "DE",
    "GB",
    "ID",
    "IN",
    "JP",
    "KR",
    "SG",
    "US",
    "ZA",
    "UNSPECIFIED",
];

/// What a test moves to another state with [`set_state`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StateTarget {
    Account,
    Sender,
    Template,
}

/// Sets the `state` of the account, a sender (`id`) or a template (`id` = name, `language`),
/// as Sinch's asynchronous review would, and calls the project's webhooks back (a template
/// `APPROVED` → `WHATSAPP_TEMPLATE_APPROVED`…). The error says what was not found.
pub fn set_state(
    st: &mut crate::state::State,
    project_id: &str,
    target: StateTarget,
    id: Option<&str>,
    language: Option<&str>,
    state: &str,
) -> Result<(), String> {
    let wa = project(st, project_id);
    let kind = match target {
        StateTarget::Account => "WHATSAPP_ACCOUNT",
        StateTarget::Sender => "WHATSAPP_SENDER",
        StateTarget::Template => "WHATSAPP_TEMPLATE",
    };
    let obj = match target {
        StateTarget::Account => wa.account.as_mut().ok_or("no WhatsApp account")?,
        StateTarget::Sender => {
            let id = id.ok_or("a sender needs an id")?;
            &mut wa
                .senders
                .iter_mut()
                .find(|s| s.id() == id)
                .ok_or("no such sender")?
                .dto
        }
        StateTarget::Template => {
            let key = (
                id.ok_or("a template needs an id (its name)")?.to_string(),
                language.unwrap_or("EN_US").to_string(),
            );
            let t = wa.templates.get_mut(&key).ok_or("no such template")?;
            t.remove("changes");
            t
        }
    };
    obj.insert("state".into(), Value::String(state.to_string()));
    let payload = Value::Object(obj.clone());
    if let Some(trigger) = crate::callbacks::state_trigger(kind, state) {
        crate::callbacks::emit(st, project_id, &trigger, &payload, None);
    }
    Ok(())
}

/// Adds a flow (`id` generated when absent; `status` defaults to FLOW_STATUS_PUBLISHED).
pub fn add_flow(
    st: &mut crate::state::State,
    project_id: &str,
    mut flow: Map<String, Value>,
    screens: Vec<Value>,
) -> String {
    let id = match flow.get("id").and_then(Value::as_str) {
        Some(id) => id.to_string(),
        None => crate::tokens::digits(16),
    };
    flow.insert("id".into(), Value::String(id.clone()));
    flow.entry("status")
        .or_insert_with(|| Value::String("FLOW_STATUS_PUBLISHED".into()));
    project(st, project_id).flows.push(flows::Flow {
        dto: Value::Object(flow),
        screens,
    });
    id
}
