//! The Provisioning API objects: a client per project and one sub-client object per resource
//! family (one module each). Each method converts arguments, calls core, and returns.

mod bundles;
mod conversation;
mod kakaotalk;
mod kakaotalk_categories;
mod kakaotalk_templates;
mod rcs;
mod rcs_account;
mod sms_apps;
mod webhooks;
mod whatsapp;

pub use bundles::{AsyncBundles, Bundles};
pub use conversation::{AsyncConversationChannels, ConversationChannels};
pub use kakaotalk::{AsyncKakaoTalkSenders, KakaoTalkSenders};
pub use kakaotalk_categories::{AsyncKakaoTalkCategories, KakaoTalkCategories};
pub use kakaotalk_templates::{AsyncKakaoTalkTemplates, KakaoTalkTemplates};
pub use rcs::{AsyncRcsSenders, RcsSenders};
pub use rcs_account::{AsyncRcsAccount, RcsAccount};
pub use sms_apps::{AsyncSmsApps, SmsApps};
pub use webhooks::{AsyncWebhooks, Webhooks};
pub use whatsapp::{
    AsyncWhatsappAccounts, AsyncWhatsappFlows, AsyncWhatsappSenders, AsyncWhatsappSolutions,
    AsyncWhatsappTemplates, WhatsappAccounts, WhatsappFlows, WhatsappSenders, WhatsappSolutions,
    WhatsappTemplates,
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

/// Declares a Provisioning family with a paged list: its exported object over the core family
/// and its async twin ([`family!`](crate::family)), `list` (both forms) and `pages`, the pager
/// object and its async twin, and for the Python build their one-pickle twins. The family's
/// other operations go in an [`operations!`](crate::operations) of their own; the paging rules
/// live in core ([`sinch_core::provisioning::PagedList`]).
///
/// ```ignore
/// paged_family! {
///     /// The webhooks of a project.
///     Webhooks / AsyncWebhooks(sinch_core::provisioning::webhooks::Webhooks) {
///         /// `GET /webhooks`, sorted by target; page size 1 to 15.
///         list: WebhookPage,
///         /// Pages of webhooks, fetched one at a time as you ask for them.
///         pager: WebhookPager / AsyncWebhookPager,
///         filter: BundleFilter,   // optional: families with list filters
///     }
/// }
/// ```
#[macro_export]
macro_rules! paged_family {
    (
        $(#[$meta:meta])*
        $family:ident / $async:ident($core:ty) {
            $(#[$list_meta:meta])*
            list: $page:ident,
            $(#[$pager_meta:meta])*
            pager: $pager:ident / $apager:ident,
            filter: $filter:ident $(,)?
        }
    ) => {
        $crate::paged_family!(@declare
            [$(#[$meta])*] $family / $async($core), [$(#[$list_meta])*] $page,
            [$(#[$pager_meta])*] $pager / $apager,
            list_defaults: [default(page_size), default(page_token), default(filter)],
            pages_defaults: [default(page_size), default(filter)],
            params: [, filter: Option<$filter>],
            args: [, filter],
            filter: [filter.unwrap_or_default()]
        );
    };
    (
        $(#[$meta:meta])*
        $family:ident / $async:ident($core:ty) {
            $(#[$list_meta:meta])*
            list: $page:ident,
            $(#[$pager_meta:meta])*
            pager: $pager:ident / $apager:ident $(,)?
        }
    ) => {
        $crate::paged_family!(@declare
            [$(#[$meta])*] $family / $async($core), [$(#[$list_meta])*] $page,
            [$(#[$pager_meta])*] $pager / $apager,
            list_defaults: [default(page_size), default(page_token)],
            pages_defaults: [default(page_size)],
            params: [],
            args: [],
            filter: [()]
        );
    };
    (@declare
        [$($meta:tt)*] $family:ident / $async:ident($core:ty), [$($list_meta:tt)*] $page:ident,
        [$($pager_meta:tt)*] $pager:ident / $apager:ident,
        list_defaults: [$($list_defaults:tt)*],
        pages_defaults: [$($pages_defaults:tt)*],
        params: [$($params:tt)*],
        args: [$($args:tt)*],
        filter: [$($filter:tt)*]
    ) => {
        $crate::family!($($meta)* $family / $async($core));

        $crate::operations! {
            $family / $async {
                $($list_meta)*
                ///
                /// One page. A page size outside the family's documented range is `InvalidConfig`,
                /// before any request.
                #[uniffi::method($($list_defaults)*)]
                pub fn list(
                    &self,
                    page_size: Option<i32>,
                    page_token: Option<String>
                    $($params)*
                ) -> Result<$page, sinch_core::SinchError> {
                    let paging = $crate::provisioning::paging(page_size, page_token)?;
                    sinch_core::provisioning::PagedList::page(&self.inner, &paging, &$($filter)*)
                }
            }
        }

        #[uniffi::export]
        impl $family {
            /// Every page in turn, each fetched when you ask for it.
            #[uniffi::method($($pages_defaults)*)]
            pub fn pages(
                &self,
                page_size: Option<i32>
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

        #[uniffi::export]
        impl $async {
            /// Every page in turn, each fetched when you await it. Making the pager does no I/O.
            #[uniffi::method($($pages_defaults)*)]
            pub fn pages(
                &self,
                page_size: Option<i32>
                $($params)*
            ) -> Result<std::sync::Arc<$apager>, sinch_core::SinchError> {
                Ok(std::sync::Arc::new($apager::from(self.sync.pages(page_size $($args)*)?)))
            }
        }

        // `list` for the Python package: the page as one pickle of the generated records.
        #[cfg(feature = "python")]
        $crate::operations! {
            $family / $async {
                #[uniffi::method($($list_defaults)*)]
                pub fn list_pickled(
                    &self,
                    page_size: Option<i32>,
                    page_token: Option<String>
                    $($params)*
                ) -> Result<Vec<u8>, sinch_core::SinchError> {
                    let paging = $crate::provisioning::paging(page_size, page_token)?;
                    let page = sinch_core::provisioning::PagedList::page(
                        &self.inner, &paging, &$($filter)*
                    )?;
                    Ok(sinch_core::pickle::PickleWriter::dump(&page))
                }
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

        $crate::async_twin!($pager / $apager);

        $crate::operations! {
            $pager / $apager {
                /// The next page, or nothing after the last.
                pub fn next_page(&self) -> Result<Option<$page>, sinch_core::SinchError> {
                    self.inner.lock().unwrap_or_else(|p| p.into_inner()).next_page()
                }
            }
        }

        // `next_page` for the Python package: the page as one pickle of the generated records.
        #[cfg(feature = "python")]
        $crate::operations! {
            $pager / $apager {
                pub fn next_page_pickled(&self) -> Result<Option<Vec<u8>>, sinch_core::SinchError> {
                    let page = self.inner.lock().unwrap_or_else(|p| p.into_inner()).next_page()?;
                    Ok(page.map(|page| sinch_core::pickle::PickleWriter::dump(&page)))
                }
            }
        }
    };
}

#[derive(uniffi::Object, Debug)]
#[uniffi::export(Debug)]
pub struct ProvisioningClient {
    inner: sinch_core::ProvisioningClient,
}

crate::async_twin!(ProvisioningClient / AsyncProvisioningClient);

/// The sub-client accessors, on the client (blocking families) and on its async twin (async
/// families), each calling core's accessor of the same name. Making a sub-client does no I/O,
/// so both forms are plain methods.
macro_rules! accessors {
    ($(
        $(#[$meta:meta])*
        $name:ident($($arg:ident : $ty:ty),*) -> $family:ident / $async:ident;
    )*) => {
        #[uniffi::export]
        impl ProvisioningClient {
            $(
                $(#[$meta])*
                pub fn $name(&self $(, $arg: $ty)*) -> Arc<$family> {
                    Arc::new($family { inner: self.inner.$name($(&$arg),*) })
                }
            )*
        }

        #[uniffi::export]
        impl AsyncProvisioningClient {
            $(
                $(#[$meta])*
                pub fn $name(&self $(, $arg: $ty)*) -> Arc<$async> {
                    Arc::new($async::from(self.sync.$name($($arg),*)))
                }
            )*
        }
    };
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
}

#[uniffi::export]
impl AsyncProvisioningClient {
    /// The same arguments as `ProvisioningClient`; construction does no I/O.
    #[uniffi::constructor(default(base_url), default(http))]
    pub fn new(
        project_id: String,
        auth: Arc<SinchAuth>,
        base_url: Option<String>,
        http: Option<HttpOptions>,
    ) -> Result<Arc<Self>, SinchError> {
        let sync = ProvisioningClient::new(project_id, auth, base_url, http)?;
        Ok(Arc::new(AsyncProvisioningClient { sync }))
    }

    pub fn project_id(&self) -> String {
        self.sync.project_id()
    }
}

accessors! {
    webhooks() -> Webhooks / AsyncWebhooks;
    whatsapp_account() -> WhatsappAccounts / AsyncWhatsappAccounts;
    whatsapp_senders() -> WhatsappSenders / AsyncWhatsappSenders;
    whatsapp_templates() -> WhatsappTemplates / AsyncWhatsappTemplates;
    whatsapp_flows() -> WhatsappFlows / AsyncWhatsappFlows;
    whatsapp_solutions() -> WhatsappSolutions / AsyncWhatsappSolutions;
    bundles() -> Bundles / AsyncBundles;
    /// The channels (Instagram, Messenger, Telegram, Viber) of the project's Conversation API
    /// apps.
    conversation_channels() -> ConversationChannels / AsyncConversationChannels;
    kakaotalk_senders() -> KakaoTalkSenders / AsyncKakaoTalkSenders;
    /// The templates of the KakaoTalk sender `plus_friend_id`.
    kakaotalk_templates(plus_friend_id: String) -> KakaoTalkTemplates / AsyncKakaoTalkTemplates;
    kakaotalk_categories() -> KakaoTalkCategories / AsyncKakaoTalkCategories;
    rcs_account() -> RcsAccount / AsyncRcsAccount;
    rcs_senders() -> RcsSenders / AsyncRcsSenders;
    sms_apps() -> SmsApps / AsyncSmsApps;
}
