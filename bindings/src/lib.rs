//! The UniFFI surface of sinch-core: exported objects wrapping core types, and conversions.
//! No logic lives here; every rule is implemented once, in `sinch-core`.
//!
//! Records, the error enum and open enums are derived in core (feature `uniffi`), so they are
//! generated in the `sinch_core` namespace; this crate's namespace holds the objects.

uniffi::setup_scaffolding!("sinch_core_ffi");

mod auth;
mod callbacks;
mod india;
mod logging;
mod provisioning;
mod store;
mod twins;

pub use auth::{IndiaEnvironment, SinchAuth};
pub use callbacks::{CallbackVerifier, ReplayCache};
pub use india::{AsyncIndiaWhatsappClient, IndiaWhatsappClient};
pub use logging::{set_log_sink, LogLevel, LogSink};
pub use provisioning::{AsyncProvisioningClient, ProvisioningClient};
pub use store::TokenStore;
