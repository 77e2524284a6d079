//! The Sinch Provisioning API (`provisioning.api.sinch.com/v1/projects/{projectId}/...`).
//!
//! Each resource is a module exposing `routes()`; they share the PAPI error body
//! ([`error`]), token pagination ([`pagination`]) and the auth extractor ([`auth`]).
//! To add a resource: write `foo.rs` with `routes()` and its store, add the store to
//! [`ProvisioningState`], and merge the routes in [`routes`].

pub mod auth;
pub mod bundles;
pub mod error;
pub mod kakaotalk;
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
#[derive(Debug, Default)]
pub struct ProvisioningState {
    pub webhooks: HashMap<String, Vec<webhooks::Webhook>>,
    pub whatsapp: HashMap<String, whatsapp::WhatsappState>,
    pub sms_apps: store::JsonStore,
    pub bundles: store::JsonStore,
    pub kakaotalk_senders: store::JsonStore,
    pub rcs_senders: store::JsonStore,
}

impl ProvisioningState {
    /// The JSON-stored resource named `resource` (as in the set-field control) and its id field.
    fn json_store(&mut self, resource: &str) -> Option<(&mut store::JsonStore, &'static str)> {
        match resource {
            "sms_apps" => Some((&mut self.sms_apps, "id")),
            "bundles" => Some((&mut self.bundles, "id")),
            "kakaotalk_senders" => Some((&mut self.kakaotalk_senders, "plusFriendId")),
            "rcs_senders" => Some((&mut self.rcs_senders, "id")),
            _ => None,
        }
    }

    /// Sets one field of a stored resource (the set-field control).
    pub fn set_field(&mut self, req: &store::SetField) -> Result<(), String> {
        let (store, id_field) = self
            .json_store(&req.resource)
            .ok_or_else(|| format!("unknown resource '{}'", req.resource))?;
        let rec = store::find_mut(store, &req.project_id, id_field, &req.id).ok_or_else(|| {
            format!(
                "no {} '{}' in project '{}'",
                req.resource, req.id, req.project_id
            )
        })?;
        store::set_path(rec, &req.field, req.value.clone())
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
        .merge(rcs::routes())
}
