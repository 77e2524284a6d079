//! sinch-core: Sinch authentication with one shared token cache, and the Sinch Provisioning API.
//!
//! ```no_run
//! use sinch_core::{Auth, OAuthConfig, ProvisioningClient, ProvisioningConfig};
//! let auth = Auth::oauth(OAuthConfig::new("my-key-id", "my-key-secret"))?;
//! let client = ProvisioningClient::new(ProvisioningConfig::new("my-project-id"), auth)?;
//! for webhook in client.webhooks().pages(None)?.items() {
//!     println!("{}", webhook?.target);
//! }
//! # Ok::<(), sinch_core::SinchError>(())
//! ```

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("sinch_core");

pub mod api;
pub mod auth;
pub mod callbacks;
pub mod clock;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod http;
mod http_options;
pub mod india;
pub mod offload;
mod open_enum;
#[cfg(feature = "python")]
pub mod pickle;
pub mod provisioning;
pub mod redact;
pub mod retry;
pub mod secret;
pub mod token;
pub mod url_policy;

pub use auth::keycloak::KeycloakConfig;
pub use auth::oauth::OAuthConfig;
pub use auth::Auth;
pub use callbacks::{CallbackError, CallbackEvent, CallbackPayload, CallbackVerifier};
pub use error::{Result, SinchError};
pub use http::HttpSettings;
pub use http_options::HttpOptions;
pub use offload::AsyncRun;
pub use provisioning::{ProvisioningClient, ProvisioningConfig};
pub use retry::RetryPolicy;
pub use secret::Secret;
