//! The Provisioning API objects: a client per project and one sub-client object per resource
//! family (one module each). Each method converts arguments, calls core, and returns.

mod bundles;
mod kakaotalk;
mod pickled;
mod rcs;
mod sms_apps;
mod webhooks;
mod whatsapp;

pub use bundles::Bundles;
pub use kakaotalk::KakaoTalkSenders;
pub use rcs::RcsSenders;
pub use sms_apps::SmsApps;
pub use webhooks::{WebhookPager, Webhooks};
pub use whatsapp::{
    WhatsappAccounts, WhatsappFlowPager, WhatsappFlows, WhatsappSenderPager, WhatsappSenders,
    WhatsappSolutions, WhatsappTemplatePager, WhatsappTemplates,
};

use crate::auth::SinchAuth;
use sinch_core::provisioning::PageRequest;
use sinch_core::{HttpOptions, ProvisioningConfig, SinchError};
use std::sync::Arc;

/// The paging arguments of a list method (checked in core).
pub(crate) fn paging(
    page_size: Option<i32>,
    page_token: Option<String>,
) -> Result<PageRequest, SinchError> {
    PageRequest::signed(page_size, page_token)
}

/// Declares an exported pager object over a core `Pager<$page>`: `next_page()` returns the next
/// page or nothing after the last. Bindings loop on it; the paging rules live in core.
#[macro_export]
macro_rules! pager_object {
    ($(#[$meta:meta])* $name:ident, $page:ty) => {
        $(#[$meta])*
        #[derive(uniffi::Object)]
        #[uniffi::export(Debug)]
        pub struct $name {
            pub(crate) inner: std::sync::Mutex<$crate::page_stream::StreamedPager<$page>>,
        }

        impl $name {
            pub(crate) fn new(pager: sinch_core::provisioning::Pager<$page>) -> std::sync::Arc<Self> {
                let pager = $crate::page_stream::StreamedPager::new(pager);
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

            /// `next_page` for the Python package: the page as a pickle stream decoded while
            /// Python reads it (see `page_stream.rs`); after the last page, a stream without
            /// parts. (Not an `Option`: the Kotlin bindings, which leave the stream out, would
            /// still generate its optional type.)
            pub fn next_page_stream(
                &self,
            ) -> Result<std::sync::Arc<$crate::page_stream::PageStream>, sinch_core::SinchError> {
                self.inner.lock().unwrap_or_else(|p| p.into_inner()).next_stream()
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
    #[uniffi::constructor(default(base_url = None, http = None))]
    pub fn new(
        project_id: String,
        auth: Arc<SinchAuth>,
        base_url: Option<String>,
        http: Option<HttpOptions>,
    ) -> Result<Arc<Self>, SinchError> {
        let mut config = ProvisioningConfig::new(project_id);
        config.base_url = base_url;
        (config.http, config.retry) = http.unwrap_or_default().resolve()?;
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

    pub fn whatsapp_account(&self) -> Arc<WhatsappAccounts> {
        Arc::new(WhatsappAccounts {
            inner: self.inner.whatsapp_account(),
        })
    }

    pub fn whatsapp_senders(&self) -> Arc<WhatsappSenders> {
        Arc::new(WhatsappSenders {
            inner: self.inner.whatsapp_senders(),
        })
    }

    pub fn whatsapp_templates(&self) -> Arc<WhatsappTemplates> {
        Arc::new(WhatsappTemplates {
            inner: self.inner.whatsapp_templates(),
        })
    }

    pub fn whatsapp_flows(&self) -> Arc<WhatsappFlows> {
        Arc::new(WhatsappFlows {
            inner: self.inner.whatsapp_flows(),
        })
    }

    pub fn whatsapp_solutions(&self) -> Arc<WhatsappSolutions> {
        Arc::new(WhatsappSolutions {
            inner: self.inner.whatsapp_solutions(),
        })
    }

    pub fn bundles(&self) -> Arc<Bundles> {
        Arc::new(Bundles {
            inner: self.inner.bundles(),
        })
    }

    pub fn kakaotalk_senders(&self) -> Arc<KakaoTalkSenders> {
        Arc::new(KakaoTalkSenders {
            inner: self.inner.kakaotalk_senders(),
        })
    }

    pub fn rcs_senders(&self) -> Arc<RcsSenders> {
        Arc::new(RcsSenders {
            inner: self.inner.rcs_senders(),
        })
    }

    pub fn sms_apps(&self) -> Arc<SmsApps> {
        Arc::new(SmsApps {
            inner: self.inner.sms_apps(),
        })
    }
}
