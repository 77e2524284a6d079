//! The Sinch Provisioning API (`provisioning.api.sinch.com/v1/projects/{projectId}/...`).
//!
//! Each resource is a module exposing `routes()`; they share the PAPI error body
//! ([`error`]), token pagination ([`pagination`]) and the auth extractor ([`auth`]).
//! To add a resource: write `foo.rs` with `routes()` and its store, add the store to
//! [`ProvisioningState`], and merge the routes in [`routes`].

pub mod auth;
pub mod error;
pub mod pagination;
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
}

/// Every Provisioning route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(webhooks::routes())
        .merge(whatsapp::routes())
}
