use sinch_core::provisioning::whatsapp::account::WhatsappAccount;
use sinch_core::provisioning::whatsapp::WhatsappActivity;
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

        pub fn activities(&self) -> Result<Vec<WhatsappActivity>, SinchError> {
            self.inner.activities()
        }

        pub fn enable_template_analytics(&self) -> Result<(), SinchError> {
            self.inner.enable_template_analytics()
        }

        /// A comment for Sinch support (path unconfirmed).
        pub fn comment(&self, comment: String) -> Result<(), SinchError> {
            self.inner.comment(&comment)
        }
    }
}
