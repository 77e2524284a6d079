//! Provisioning webhooks.

use sinch_core::provisioning::webhooks::{
    Webhook, WebhookPage, WebhookSpec, WebhookTrigger, WebhookUpdate,
};
use sinch_core::{Secret, SinchError};

crate::paged_family! {
    Webhooks / AsyncWebhooks(sinch_core::provisioning::webhooks::Webhooks) {
        /// One page of webhooks, sorted by target.
        list: WebhookPage,
        /// Pages of webhooks, fetched one at a time as you ask for them.
        pager: WebhookPager / AsyncWebhookPager,
    }
}

crate::operations! {
    Webhooks / AsyncWebhooks {
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
        #[uniffi::method(default(target), default(secret), default(triggers))]
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
}

/// Every webhook trigger this version knows, as on the wire. The server may send others; they
/// are kept as they come.
#[uniffi::export]
pub fn known_webhook_triggers() -> Vec<String> {
    WebhookTrigger::KNOWN
        .iter()
        .map(|s| s.to_string())
        .collect()
}
