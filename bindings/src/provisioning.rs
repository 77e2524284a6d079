//! The Provisioning API objects: a client per project and one sub-client per resource family.

use crate::auth::SinchAuth;
use sinch_core::provisioning::pagination::{PageRequest, Pager};
use sinch_core::provisioning::webhooks::{
    Webhook, WebhookPage, WebhookSpec, WebhookTrigger, WebhookUpdate,
};
use sinch_core::{ProvisioningConfig, Secret, SinchError};
use std::sync::{Arc, Mutex};

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

#[derive(uniffi::Object, Debug)]
#[uniffi::export(Debug)]
pub struct Webhooks {
    inner: sinch_core::provisioning::webhooks::Webhooks,
}

#[uniffi::export]
impl Webhooks {
    /// One page of webhooks, sorted by target.
    #[uniffi::method(default(page_size = None, page_token = None))]
    pub fn list(
        &self,
        page_size: Option<u32>,
        page_token: Option<String>,
    ) -> Result<WebhookPage, SinchError> {
        self.inner.list(&PageRequest {
            page_size,
            page_token,
        })
    }

    /// Pages fetched one at a time as you ask for them.
    #[uniffi::method(default(page_size = None))]
    pub fn pages(&self, page_size: Option<u32>) -> Result<Arc<WebhookPager>, SinchError> {
        Ok(Arc::new(WebhookPager {
            inner: Mutex::new(self.inner.pages(page_size)?),
        }))
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

#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct WebhookPager {
    inner: Mutex<Pager<WebhookPage>>,
}

impl std::fmt::Debug for WebhookPager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WebhookPager")
    }
}

#[uniffi::export]
impl WebhookPager {
    /// The next page, or nothing after the last one.
    pub fn next_page(&self) -> Result<Option<WebhookPage>, SinchError> {
        self.inner
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .next_page()
    }
}
