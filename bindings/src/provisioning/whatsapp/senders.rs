use sinch_core::provisioning::whatsapp::senders::{
    WhatsappRegistration, WhatsappSender, WhatsappSenderCreate, WhatsappSenderFilter,
    WhatsappSenderPage, WhatsappSenderUpdate, WhatsappVerificationMethod,
};
use sinch_core::provisioning::whatsapp::WhatsappActivity;
use sinch_core::SinchError;

crate::paged_family! {
    /// The WhatsApp senders of a project.
    WhatsappSenders / AsyncWhatsappSenders(sinch_core::provisioning::whatsapp::senders::WhatsappSenders) {
        /// One page (page size 1 to 100).
        list: WhatsappSenderPage,
        /// Pages of WhatsApp senders.
        pager: WhatsappSenderPager / AsyncWhatsappSenderPager,
        filter: WhatsappSenderFilter,
    }
}

crate::operations! {
    WhatsappSenders / AsyncWhatsappSenders {
        pub fn create(&self, request: WhatsappSenderCreate) -> Result<WhatsappSender, SinchError> {
            self.inner.create(&request)
        }

        pub fn get(&self, sender_id: String) -> Result<WhatsappSender, SinchError> {
            self.inner.get(&sender_id)
        }

        pub fn update(
            &self,
            sender_id: String,
            update: WhatsappSenderUpdate,
        ) -> Result<WhatsappSender, SinchError> {
            self.inner.update(&sender_id, &update)
        }

        pub fn delete(&self, sender_id: String) -> Result<(), SinchError> {
            self.inner.delete(&sender_id)
        }

        pub fn register(
            &self,
            sender_id: String,
            method: WhatsappVerificationMethod,
        ) -> Result<WhatsappRegistration, SinchError> {
            self.inner.register(&sender_id, method)
        }

        pub fn verify(&self, sender_id: String, code: String) -> Result<(), SinchError> {
            self.inner.verify(&sender_id, &code)
        }

        pub fn discard_changes(&self, sender_id: String) -> Result<(), SinchError> {
            self.inner.discard_changes(&sender_id)
        }

        pub fn comment(&self, sender_id: String, comment: String) -> Result<(), SinchError> {
            self.inner.comment(&sender_id, &comment)
        }

        /// The sender's activity log (path unconfirmed).
        pub fn activities(&self, sender_id: String) -> Result<Vec<WhatsappActivity>, SinchError> {
            self.inner.activities(&sender_id)
        }
    }
}
