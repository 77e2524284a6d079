//! The Sinch Provisioning API (`provisioning.api.sinch.com/v1/projects/{projectId}/...`).
//!
//! Each resource is a module exposing `routes()`; they share the PAPI error body
//! ([`error`]), token pagination ([`pagination`]) and the auth extractor ([`auth`]).
//! To add a resource: add its store to [`ProvisioningState`], write `foo.rs` declaring a
//! [`collection::Collection`] (path, list key, id, page sizes, 404 code and the validation
//! hooks) whose `routes()`, plus any actions of its own, `foo::routes()` returns, and merge
//! that in [`routes`]. The WhatsApp account (one per project) and templates (keyed by name
//! and language) are not collections and keep their own handlers.

pub mod activity;
pub mod auth;
pub mod bundles;
pub mod collection;
pub mod conversation;
pub mod error;
pub mod kakaotalk;
pub mod kakaotalk_categories;
pub mod kakaotalk_templates;
pub mod pagination;
pub mod rcs;
pub mod rcs_account;
pub mod rcs_details;
pub mod rcs_launch;
pub mod rcs_questionnaire;
pub mod rcs_test_numbers;
pub mod sms_apps;
pub mod store;
pub mod webhooks;
pub mod whatsapp;

use crate::state::AppState;
use axum::Router;
use std::collections::HashMap;

/// Provisioning resources, keyed by projectId. Cleared by reset.
#[derive(Debug, Default, Clone)]
pub struct ProvisioningState {
    pub webhooks: HashMap<String, Vec<webhooks::Webhook>>,
    pub whatsapp: HashMap<String, whatsapp::WhatsappState>,
    pub sms_apps: store::JsonStore,
    pub bundles: store::JsonStore,
    pub kakaotalk_senders: store::JsonStore,
    /// Each KakaoTalk sender's activity log, keyed by `{projectId}/{plusFriendId}`.
    pub kakaotalk_sender_activities: HashMap<String, Vec<serde_json::Value>>,
    /// The channels linked to each Conversation API app (channel → info as answered), keyed
    /// by `{projectId}/{appId}` (see [`conversation`]).
    pub conversation_channels: HashMap<String, HashMap<String, serde_json::Value>>,
    /// Keyed by `{projectId}/{plusFriendId}`.
    pub kakaotalk_templates: store::JsonStore,
    /// Each KakaoTalk template's activity log, keyed by `{projectId}/{plusFriendId}/{code}`.
    pub kakaotalk_template_activities: HashMap<String, Vec<serde_json::Value>>,
    pub rcs_senders: store::JsonStore,
    /// The RCS account's activity log per project (see [`rcs_account`]).
    pub rcs_account_activities: HashMap<String, Vec<serde_json::Value>>,
    /// Each RCS sender's activity log, keyed by `{projectId}/{senderId}`.
    pub rcs_sender_activities: HashMap<String, Vec<serde_json::Value>>,
}

impl ProvisioningState {
    /// Sets one field of a stored resource (the set-field control).
    pub fn set_field(&mut self, req: &store::SetField) -> Result<(), String> {
        let collection = json_collection(&req.resource)
            .ok_or_else(|| format!("unknown resource '{}'", req.resource))?;
        let rec = collection
            .find_mut(self, &req.project_id, &req.id)
            .ok_or_else(|| {
                format!(
                    "no {} '{}' in project '{}'",
                    req.resource, req.id, req.project_id
                )
            })?;
        store::set_path(rec, &req.field, req.value.clone())
    }

    /// The callback a set-field stands for, if any: a new `state` of a resource whose state
    /// changes Sinch reports (`bundles` → `DONE` is `BUNDLE_DONE`…). Returns (trigger, the
    /// resource as it now is).
    pub fn state_callback(&mut self, req: &store::SetField) -> Option<(String, serde_json::Value)> {
        let kind = match req.resource.as_str() {
            "bundles" => "BUNDLE",
            "kakaotalk_senders" => "KAKAOTALK_SENDER",
            "kakaotalk_templates" => "KAKAOTALK_TEMPLATE",
            "rcs_senders" => "RCS_SENDER",
            _ => return None,
        };
        let state = req.value.as_str().filter(|_| req.field == "state")?;
        let trigger = crate::callbacks::state_trigger(kind, state)?;
        let rec = json_collection(&req.resource)?.find_mut(self, &req.project_id, &req.id)?;
        Some((trigger, serde_json::Value::Object(rec.clone())))
    }
}

/// Sets a field (the set-field control) and calls the webhooks back when it is a state change.
pub fn set_field(st: &mut crate::state::State, req: &store::SetField) -> Result<(), String> {
    st.provisioning.set_field(req)?;
    if let Some((trigger, payload)) = st.provisioning.state_callback(req) {
        // KakaoTalk templates are scoped `{projectId}/{plusFriendId}`: the project is the head.
        let project = req
            .project_id
            .split('/')
            .next()
            .unwrap_or_default()
            .to_string();
        crate::callbacks::emit(st, &project, &trigger, &payload, None);
    }
    Ok(())
}

/// The JSON-stored collection named `resource` in the set-field control.
fn json_collection(resource: &str) -> Option<&'static collection::Collection<store::Resource>> {
    match resource {
        "sms_apps" => Some(&sms_apps::COLLECTION),
        "bundles" => Some(&bundles::COLLECTION),
        "kakaotalk_senders" => Some(&kakaotalk::COLLECTION),
        "kakaotalk_templates" => Some(&kakaotalk_templates::COLLECTION),
        "rcs_senders" => Some(&rcs::COLLECTION),
        _ => None,
    }
}

/// Every Provisioning route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(webhooks::routes())
        .merge(whatsapp::routes())
        .merge(store::routes())
        .merge(sms_apps::routes())
        .merge(bundles::routes())
        .merge(kakaotalk::routes())
        .merge(kakaotalk_templates::routes())
        .merge(rcs::routes())
        .merge(rcs_account::routes())
        .merge(rcs_launch::routes())
        .merge(rcs_test_numbers::routes())
        .merge(rcs_questionnaire::routes())
        .merge(kakaotalk_categories::routes())
        .merge(conversation::routes())
}
