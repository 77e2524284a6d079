//! The Sinch Provisioning API (`provisioning.api.sinch.com/v1/projects/{projectId}/...`).
//!
//! Each resource is a module exposing `routes()`; they share the PAPI error body
//! ([`error`]), token pagination ([`pagination`]) and the auth extractor ([`auth`]).
//! To add a resource: add its store to [`ProvisioningState`], write `foo.rs` declaring a
//! [`collection::Collection`] (path, list key, id, page sizes, 404 code and the validation
//! hooks) whose `routes()`, plus any actions of its own, `foo::routes()` returns, and merge
//! that in [`routes`]. The WhatsApp account (one per project) and templates (keyed by name
//! and language) are not collections and keep their own handlers.

pub mod auth;
pub mod bundles;
pub mod collection;
pub mod error;
pub mod kakaotalk;
pub mod kakaotalk_templates;
pub mod pagination;
pub mod rcs;
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
    /// Keyed by `{projectId}/{plusFriendId}`.
    pub kakaotalk_templates: store::JsonStore,
    pub rcs_senders: store::JsonStore,
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
}
