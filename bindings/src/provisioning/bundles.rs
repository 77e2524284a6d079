//! Bundles.

use sinch_core::provisioning::bundles::{Bundle, BundleFilter, BundlePage, BundlePart, BundleSpec};
use sinch_core::provisioning::sms_apps::AppRegion;
use sinch_core::provisioning::webhooks::{WebhookSpec, WebhookTrigger};
use sinch_core::{Secret, SinchError};

crate::paged_family! {
    Bundles / AsyncBundles(sinch_core::provisioning::bundles::Bundles) {
        /// `GET /bundles`: one page. Page size 1 to 25 (server default 10). `filter` defaults to
        /// no filtering.
        list: BundlePage,
        /// Pages of bundles, fetched one at a time as you ask for them.
        pager: BundlePager / AsyncBundlePager,
        filter: BundleFilter,
    }
}

crate::operations! {
    Bundles / AsyncBundles {
        /// `POST /bundles` (201). Each of subproject / SMS app / Conversation app is created when
        /// its flag is true or its name is given (the name wins). One Provisioning webhook can be
        /// registered with `webhook_target` + `webhook_secret` + `webhook_triggers`. Anything
        /// else goes in `extra_json`, a JSON object merged into the request body last.
        #[uniffi::method(
            default(subproject),
            default(subproject_name),
            default(sms_app),
            default(sms_app_name),
            default(conv_app),
            default(conv_app_name),
            default(test_number),
            default(webhook_target),
            default(webhook_secret),
            default(webhook_triggers),
            default(extra_json)
        )]
        #[allow(clippy::too_many_arguments)]
        pub fn create(
            &self,
            name: String,
            region: AppRegion,
            subproject: Option<bool>,
            subproject_name: Option<String>,
            sms_app: Option<bool>,
            sms_app_name: Option<String>,
            conv_app: Option<bool>,
            conv_app_name: Option<String>,
            test_number: Option<bool>,
            webhook_target: Option<String>,
            webhook_secret: Option<String>,
            webhook_triggers: Option<Vec<WebhookTrigger>>,
            extra_json: Option<String>,
        ) -> Result<Bundle, SinchError> {
            let webhooks = webhook_target
                .map(|target| WebhookSpec {
                    target,
                    secret: Secret::new(webhook_secret.unwrap_or_default()),
                    triggers: webhook_triggers.unwrap_or_default(),
                })
                .into_iter()
                .collect();
            self.inner.create(&BundleSpec {
                name,
                region: Some(region),
                subproject: BundlePart::from_parts(subproject, subproject_name),
                sms_app: BundlePart::from_parts(sms_app, sms_app_name),
                conv_app: BundlePart::from_parts(conv_app, conv_app_name),
                test_number,
                webhooks,
                extra_json,
            })
        }

        /// `GET /bundles/{bundleId}`.
        pub fn get(&self, bundle_id: String) -> Result<Bundle, SinchError> {
            self.inner.get(&bundle_id)
        }
    }
}
