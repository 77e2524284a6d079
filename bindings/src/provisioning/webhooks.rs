//! Provisioning webhooks.

use crate::provisioning::paging;
use sinch_core::provisioning::pagination::signed_page_size;
use sinch_core::provisioning::webhooks::{
    Webhook, WebhookPage, WebhookSpec, WebhookTrigger, WebhookUpdate,
};
use sinch_core::{Secret, SinchError};
use std::sync::Arc;

#[derive(uniffi::Object, Debug)]
#[uniffi::export(Debug)]
pub struct Webhooks {
    pub(crate) inner: sinch_core::provisioning::webhooks::Webhooks,
}

#[uniffi::export]
impl Webhooks {
    /// One page of webhooks, sorted by target.
    #[uniffi::method(default(page_size = None, page_token = None))]
    pub fn list(
        &self,
        page_size: Option<i32>,
        page_token: Option<String>,
    ) -> Result<WebhookPage, SinchError> {
        self.inner.list(&paging(page_size, page_token)?)
    }

    /// `list` for the Python package: the page as a pickle stream decoded while Python reads it
    /// (see `page_stream.rs`).
    #[uniffi::method(default(page_size = None, page_token = None))]
    pub fn list_stream(
        &self,
        page_size: Option<i32>,
        page_token: Option<String>,
    ) -> Result<Arc<crate::page_stream::PageStream>, SinchError> {
        self.inner
            .list_response(&paging(page_size, page_token)?)
            .map(crate::page_stream::stream_list)
    }

    /// Pages fetched one at a time as you ask for them.
    #[uniffi::method(default(page_size = None))]
    pub fn pages(&self, page_size: Option<i32>) -> Result<Arc<WebhookPager>, SinchError> {
        Ok(WebhookPager::new(
            self.inner.pages(signed_page_size(page_size)?)?,
        ))
    }

    pub fn create(
        &self,
        target: String,
        secret: String,
        triggers: Vec<WebhookTrigger>,
    ) -> Result<Webhook, SinchError> {
        self.inner.create(&WebhookSpec {
            target,
            secret: Secret::new(secret),
            triggers,
        })
    }

    pub fn get(&self, webhook_id: String) -> Result<Webhook, SinchError> {
        self.inner.get(&webhook_id)
    }

    /// Replaces the whole webhook (PUT).
    pub fn replace(
        &self,
        webhook_id: String,
        target: String,
        secret: String,
        triggers: Vec<WebhookTrigger>,
    ) -> Result<Webhook, SinchError> {
        self.inner.replace(
            &webhook_id,
            &WebhookSpec {
                target,
                secret: Secret::new(secret),
                triggers,
            },
        )
    }

    /// Changes only the fields given (PATCH).
    #[uniffi::method(default(target = None, secret = None, triggers = None))]
    pub fn update(
        &self,
        webhook_id: String,
        target: Option<String>,
        secret: Option<String>,
        triggers: Option<Vec<WebhookTrigger>>,
    ) -> Result<Webhook, SinchError> {
        self.inner.update(
            &webhook_id,
            &WebhookUpdate {
                target,
                secret: secret.map(Secret::new),
                triggers,
            },
        )
    }

    pub fn delete(&self, webhook_id: String) -> Result<(), SinchError> {
        self.inner.delete(&webhook_id)
    }
}

crate::pager_object!(
    /// Pages of webhooks, fetched one at a time as you ask for them.
    WebhookPager,
    WebhookPage
);

/// Every webhook trigger this version knows, as on the wire. The server may send others; they
/// are kept as they come.
#[uniffi::export]
pub fn known_webhook_triggers() -> Vec<String> {
    WebhookTrigger::KNOWN
        .iter()
        .map(|s| s.to_string())
        .collect()
}
