//! The UniFFI surface of sinch-core: exported objects wrapping core types, and conversions.
//! No logic lives here; every rule is implemented once, in `sinch-core`.
//!
//! Records, the error enum and open enums are derived in core (feature `uniffi`), so they are
//! generated in the `sinch_core` namespace; this crate's namespace holds the objects.

uniffi::setup_scaffolding!("sinch_core_ffi");

/// mimalloc for everything Rust allocates in this library (the foreign runtime keeps its own
/// allocator). Decoding a page allocates a string per field and frees it right after the page
/// reaches the foreign side: with the system allocator that cost ~35% more CPU per page of 1000
/// templates (measured from Python: 1.57 vs 1.10 ms), much of it page faults on fresh memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod auth;
mod india;
mod logging;
mod page_stream;
mod pickle;
mod provisioning;
mod store;
mod workers;

pub use auth::{IndiaEnvironment, SinchAuth};
pub use india::IndiaWhatsappClient;
pub use logging::{set_log_sink, LogLevel, LogSink};
pub use provisioning::{
    ProvisioningClient, WebhookPager, Webhooks, WhatsappAccounts, WhatsappFlowPager, WhatsappFlows,
    WhatsappSenderPager, WhatsappSenders, WhatsappSolutions, WhatsappTemplatePager,
    WhatsappTemplates,
};
pub use store::TokenStore;
