use sinch_core::provisioning::activity::{ActivityPage, Comment};
use sinch_core::provisioning::whatsapp::senders::{
    WhatsappRegistration, WhatsappSender, WhatsappSenderCreate, WhatsappSenderFilter,
    WhatsappSenderPage, WhatsappSenderUpdate, WhatsappVerificationMethod,
};
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

        /// A comment for Sinch support; returns the comment created.
        pub fn comment(&self, sender_id: String, comment: String) -> Result<Comment, SinchError> {
            self.inner.comment(&sender_id, &comment)
        }

        /// One page of the sender's activity log, most recent first (page size 1 to 100).
        #[uniffi::method(default(page_size), default(page_token))]
        pub fn activities(
            &self,
            sender_id: String,
            page_size: Option<i32>,
            page_token: Option<String>,
        ) -> Result<ActivityPage, SinchError> {
            let page = crate::provisioning::paging(page_size, page_token)?;
            self.inner.activities(&sender_id, &page)
        }

        /// The WhatsApp Business usernames WhatsApp suggests for the sender.
        pub fn suggested_usernames(&self, sender_id: String) -> Result<Vec<String>, SinchError> {
            self.inner.suggested_usernames(&sender_id)
        }
    }
}
