//! The Provisioning API objects: a client per project and one sub-client object per resource
//! family (one module each). Each method converts arguments, calls core, and returns.

mod bundles;
mod kakaotalk;
mod kakaotalk_templates;
mod rcs;
mod sms_apps;
mod webhooks;
mod whatsapp;

pub use bundles::Bundles;
pub use kakaotalk::KakaoTalkSenders;
pub use kakaotalk_templates::KakaoTalkTemplates;
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

/// Declares a Provisioning family with a paged list: its exported object over the core family,
/// `list` and `pages`, the pager object, and for the Python build their one-pickle twins. The
/// family's other operations go in an `#[uniffi::export] impl` of their own; the paging rules
/// live in core ([`sinch_core::provisioning::PagedList`]).
///
/// ```ignore
/// paged_family! {
///     /// The webhooks of a project.
///     Webhooks(sinch_core::provisioning::webhooks::Webhooks) {
///         /// `GET /webhooks`, sorted by target; page size 1 to 15.
///         list: WebhookPage,
///         /// Pages of webhooks, fetched one at a time as you ask for them.
///         pager: WebhookPager,
///         filter: BundleFilter,   // optional: families with list filters
///     }
/// }
/// ```
#[macro_export]
macro_rules! paged_family {
    (
        $(#[$meta:meta])*
        $family:ident($core:ty) {
            $(#[$list_meta:meta])*
            list: $page:ident,
            $(#[$pager_meta:meta])*
            pager: $pager:ident,
            filter: $filter:ident $(,)?
        }
    ) => {
        $crate::paged_family!(@declare
            [$(#[$meta])*] $family($core), [$(#[$list_meta])*] $page, [$(#[$pager_meta])*] $pager,
            list_defaults: [default(page_size), default(page_token), default(filter)],
            pages_defaults: [default(page_size), default(filter)],
            params: [filter: Option<$filter>],
            filter: [filter.unwrap_or_default()]
        );
    };
    (
        $(#[$meta:meta])*
        $family:ident($core:ty) {
            $(#[$list_meta:meta])*
            list: $page:ident,
            $(#[$pager_meta:meta])*
            pager: $pager:ident $(,)?
        }
    ) => {
        $crate::paged_family!(@declare
            [$(#[$meta])*] $family($core), [$(#[$list_meta])*] $page, [$(#[$pager_meta])*] $pager,
            list_defaults: [default(page_size), default(page_token)],
            pages_defaults: [default(page_size)],
            params: [],
            filter: [()]
        );
    };
    (@declare
        [$($meta:tt)*] $family:ident($core:ty), [$($list_meta:tt)*] $page:ident,
        [$($pager_meta:tt)*] $pager:ident,
        list_defaults: [$($list_defaults:tt)*],
        pages_defaults: [$($pages_defaults:tt)*],
        params: [$($params:tt)*],
        filter: [$($filter:tt)*]
    ) => {
        $($meta)*
        #[derive(uniffi::Object, Debug)]
        #[uniffi::export(Debug)]
        pub struct $family {
            pub(crate) inner: $core,
        }

        #[uniffi::export]
        impl $family {
            $($list_meta)*
            ///
            /// One page. A page size outside the family's documented range is `InvalidConfig`,
            /// before any request.
            #[uniffi::method($($list_defaults)*)]
            pub fn list(
                &self,
                page_size: Option<i32>,
                page_token: Option<String>,
                $($params)*
            ) -> Result<$page, sinch_core::SinchError> {
                let paging = $crate::provisioning::paging(page_size, page_token)?;
                sinch_core::provisioning::PagedList::page(&self.inner, &paging, &$($filter)*)
            }

            /// Every page in turn, each fetched when you ask for it.
            #[uniffi::method($($pages_defaults)*)]
            pub fn pages(
                &self,
                page_size: Option<i32>,
                $($params)*
            ) -> Result<std::sync::Arc<$pager>, sinch_core::SinchError> {
                let page_size = sinch_core::provisioning::pagination::signed_page_size(page_size)?;
                let pager =
                    sinch_core::provisioning::PagedList::pager(&self.inner, page_size, $($filter)*)?;
                Ok(std::sync::Arc::new($pager {
                    inner: std::sync::Mutex::new(pager),
                }))
            }
        }

        /// `list` for the Python package: the page as one pickle of the generated records.
        #[cfg(feature = "python")]
        #[uniffi::export]
        impl $family {
            #[uniffi::method($($list_defaults)*)]
            pub fn list_pickled(
                &self,
                page_size: Option<i32>,
                page_token: Option<String>,
                $($params)*
            ) -> Result<Vec<u8>, sinch_core::SinchError> {
                let paging = $crate::provisioning::paging(page_size, page_token)?;
                let page =
                    sinch_core::provisioning::PagedList::page(&self.inner, &paging, &$($filter)*)?;
                Ok(sinch_core::pickle::PickleWriter::dump(&page))
            }
        }

        $($pager_meta)*
        #[derive(uniffi::Object)]
        #[uniffi::export(Debug)]
        pub struct $pager {
            inner: std::sync::Mutex<sinch_core::provisioning::Pager<$page>>,
        }

        impl std::fmt::Debug for $pager {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(stringify!($pager))
            }
        }

        #[uniffi::export]
        impl $pager {
            /// The next page, or nothing after the last one.
            pub fn next_page(&self) -> Result<Option<$page>, sinch_core::SinchError> {
                self.inner.lock().unwrap_or_else(|p| p.into_inner()).next_page()
            }
        }

        /// `next_page` for the Python package: the page as one pickle of the generated records.
        #[cfg(feature = "python")]
        #[uniffi::export]
        impl $pager {
            pub fn next_page_pickled(&self) -> Result<Option<Vec<u8>>, sinch_core::SinchError> {
                let page = self.inner.lock().unwrap_or_else(|p| p.into_inner()).next_page()?;
                Ok(page.map(|page| sinch_core::pickle::PickleWriter::dump(&page)))
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
    #[uniffi::constructor(default(base_url), default(http))]
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

    /// The templates of the KakaoTalk sender `plus_friend_id`.
    pub fn kakaotalk_templates(&self, plus_friend_id: String) -> Arc<KakaoTalkTemplates> {
        Arc::new(KakaoTalkTemplates {
            inner: self.inner.kakaotalk_templates(&plus_friend_id),
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
