//! Async twins: every exported object that does I/O has an `Async…` twin with the same
//! methods as `async fn` (Python coroutines, Kotlin `suspend fun`). A twin holds its blocking
//! object and runs each call on core's pool ([`sinch_core::offload::run`]), so the rules stay
//! in core, once, and sync and async callers share one token cache and single-flight.
//!
//! An operation is written once, inside [`operations!`], which exports it on both objects.

/// Declares a family's exported object over its core type, and its async twin.
///
/// ```ignore
/// family! {
///     /// The project's WhatsApp account (one per project).
///     WhatsappAccounts / AsyncWhatsappAccounts(sinch_core::provisioning::whatsapp::account::WhatsappAccounts)
/// }
/// ```
#[macro_export]
macro_rules! family {
    ($(#[$meta:meta])* $family:ident / $async:ident($core:ty)) => {
        $(#[$meta])*
        #[derive(uniffi::Object, Debug)]
        #[uniffi::export(Debug)]
        pub struct $family {
            pub(crate) inner: $core,
        }

        $crate::async_twin!($family / $async);
    };
}

/// Declares `$async`, the async twin object of the exported object `$sync`.
#[macro_export]
macro_rules! async_twin {
    ($sync:ident / $async:ident) => {
        /// The async form of the object of the same name without `Async`: the same methods,
        /// awaited, on the same token cache.
        #[derive(uniffi::Object, Debug)]
        #[uniffi::export(Debug)]
        pub struct $async {
            pub(crate) sync: std::sync::Arc<$sync>,
        }

        impl From<std::sync::Arc<$sync>> for $async {
            fn from(sync: std::sync::Arc<$sync>) -> Self {
                $async { sync }
            }
        }
    };
}

/// Exports operations on a blocking object and, as `async fn`s of the same names, on its async
/// twin (declared with [`async_twin!`] or [`family!`]). Write each operation once:
///
/// ```ignore
/// operations! {
///     Webhooks / AsyncWebhooks {
///         pub fn get(&self, webhook_id: String) -> Result<Webhook, SinchError> {
///             self.inner.get(&webhook_id)
///         }
///     }
/// }
/// ```
#[macro_export]
macro_rules! operations {
    (
        $sync:ident / $async:ident {
            $(
                $(#[$meta:meta])*
                pub fn $name:ident(&$this:ident $(, $arg:ident : $ty:ty)* $(,)?) -> $ret:ty $body:block
            )*
        }
    ) => {
        #[uniffi::export]
        impl $sync {
            $(
                $(#[$meta])*
                // `self` comes in as `$this`: a macro may not name the caller's `self` itself.
                pub fn $name(&$this $(, $arg: $ty)*) -> $ret $body
            )*
        }

        #[uniffi::export]
        impl $async {
            $(
                $(#[$meta])*
                pub async fn $name(&self $(, $arg: $ty)*) -> $ret {
                    let sync = self.sync.clone();
                    sinch_core::offload::run(move || sync.$name($($arg),*)).await
                }
            )*
        }
    };
}
