//! SMS apps.

use sinch_core::provisioning::sms_apps::{AppRegion, SmsApp, SmsAppPage, SmsAppSpec, SmsAppUpdate};
use sinch_core::SinchError;

crate::paged_family! {
    SmsApps / AsyncSmsApps(sinch_core::provisioning::sms_apps::SmsApps) {
        /// `GET /sms/smsApps`: one page. Page size 1 to 100 (server default 50).
        list: SmsAppPage,
        /// Pages of SMS apps, fetched one at a time as you ask for them.
        pager: SmsAppPager / AsyncSmsAppPager,
    }
}

crate::operations! {
    SmsApps / AsyncSmsApps {
        /// `POST /sms/smsApps` (201). `conv_api_app` (create a Conversation API app too) and
        /// `conv_api_app_id` (link an existing one) are mutually exclusive; the server says 400.
        #[uniffi::method(default(conv_api_app), default(conv_api_app_id))]
        pub fn create(
            &self,
            name: String,
            region: AppRegion,
            conv_api_app: Option<bool>,
            conv_api_app_id: Option<String>,
        ) -> Result<SmsApp, SinchError> {
            self.inner.create(&SmsAppSpec {
                name,
                region,
                conv_api_app,
                conv_api_app_id,
            })
        }

        /// `GET /sms/smsApps/{smsAppId}`.
        pub fn get(&self, sms_app_id: String) -> Result<SmsApp, SinchError> {
            self.inner.get(&sms_app_id)
        }

        /// `PATCH /sms/smsApps/{smsAppId}` `{name}`.
        pub fn rename(&self, sms_app_id: String, name: String) -> Result<SmsApp, SinchError> {
            self.inner.rename(&sms_app_id, &name)
        }

        /// `PATCH /sms/smsApps/{smsAppId}` with the fields given (none: 400 `no_fields_to_update`).
        #[uniffi::method(default(name))]
        pub fn update(&self, sms_app_id: String, name: Option<String>) -> Result<SmsApp, SinchError> {
            self.inner.update(&sms_app_id, &SmsAppUpdate { name })
        }

        /// `DELETE /sms/smsApps/{smsAppId}` (204).
        pub fn delete(&self, sms_app_id: String) -> Result<(), SinchError> {
            self.inner.delete(&sms_app_id)
        }
    }
}
