//! The Provisioning API objects: a client per project and one sub-client object per resource
//! family (one module each). Each method converts arguments, calls core, and returns.

mod webhooks;

pub use webhooks::{WebhookPager, Webhooks};

use crate::auth::SinchAuth;
use sinch_core::{ProvisioningConfig, SinchError};
use std::sync::Arc;

/// Declares an exported pager object over a core `Pager<$page>`: `next_page()` returns the next
/// page or nothing after the last. Bindings loop on it; the paging rules live in core.
#[macro_export]
macro_rules! pager_object {
    ($(#[$meta:meta])* $name:ident, $page:ty) => {
        $(#[$meta])*
        #[derive(uniffi::Object)]
        #[uniffi::export(Debug)]
        pub struct $name {
            pub(crate) inner: std::sync::Mutex<sinch_core::provisioning::Pager<$page>>,
        }

        impl $name {
            pub(crate) fn new(pager: sinch_core::provisioning::Pager<$page>) -> std::sync::Arc<Self> {
                std::sync::Arc::new($name { inner: std::sync::Mutex::new(pager) })
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(stringify!($name))
            }
        }

        #[uniffi::export]
        impl $name {
            /// The next page, or nothing after the last one.
            pub fn next_page(&self) -> Result<Option<$page>, sinch_core::SinchError> {
                self.inner.lock().unwrap_or_else(|p| p.into_inner()).next_page()
            }
        }
    };
}

#[derive(uniffi::Object, Debug)]
#[uniffi::export(Debug)]
pub struct ProvisioningClient {
    inner: sinch_core::ProvisioningClient,
}

#[uniffi::export]
impl ProvisioningClient {
    #[uniffi::constructor(default(base_url = None))]
    pub fn new(
        project_id: String,
        auth: Arc<SinchAuth>,
        base_url: Option<String>,
    ) -> Result<Arc<Self>, SinchError> {
        let mut config = ProvisioningConfig::new(project_id);
        config.base_url = base_url;
        Ok(Arc::new(ProvisioningClient {
            inner: sinch_core::ProvisioningClient::new(config, auth.inner.clone())?,
        }))
    }

    pub fn project_id(&self) -> String {
        self.inner.project_id().to_string()
    }

    pub fn webhooks(&self) -> Arc<Webhooks> {
        Arc::new(Webhooks {
            inner: self.inner.webhooks(),
        })
    }
}
