use sinch_core::provisioning::activity::{ActivityPage, Comment};
use sinch_core::provisioning::whatsapp::account::WhatsappAccount;
use sinch_core::SinchError;

crate::family! {
    /// The project's WhatsApp account (one per project).
    WhatsappAccounts / AsyncWhatsappAccounts(sinch_core::provisioning::whatsapp::account::WhatsappAccounts)
}

crate::operations! {
    WhatsappAccounts / AsyncWhatsappAccounts {
        pub fn get(&self) -> Result<WhatsappAccount, SinchError> {
            self.inner.get()
        }

        /// `body_json`: the account as a JSON object (sent unchanged).
        pub fn create(&self, body_json: String) -> Result<WhatsappAccount, SinchError> {
            self.inner.create(&body_json)
        }

        /// Only while REJECTED; the account goes back to IN_PROGRESS.
        pub fn update(&self, body_json: String) -> Result<WhatsappAccount, SinchError> {
            self.inner.update(&body_json)
        }

        pub fn delete(&self) -> Result<(), SinchError> {
            self.inner.delete()
        }

        /// One page of the account's activity log, most recent first (page size 1 to 100).
        #[uniffi::method(default(page_size), default(page_token))]
        pub fn activities(
            &self,
            page_size: Option<i32>,
            page_token: Option<String>,
        ) -> Result<ActivityPage, SinchError> {
            self.inner.activities(&crate::provisioning::paging(page_size, page_token)?)
        }

        pub fn enable_template_analytics(&self) -> Result<(), SinchError> {
            self.inner.enable_template_analytics()
        }

        /// A comment for Sinch support; returns the comment created.
        pub fn comment(&self, comment: String) -> Result<Comment, SinchError> {
            self.inner.comment(&comment)
        }
    }
}
