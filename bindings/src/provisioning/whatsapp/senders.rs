use crate::provisioning::paging;
use sinch_core::provisioning::pagination::signed_page_size;
use sinch_core::provisioning::whatsapp::senders::{
    WhatsappRegistration, WhatsappSender, WhatsappSenderCreate, WhatsappSenderFilter,
    WhatsappSenderPage, WhatsappSenderUpdate, WhatsappVerificationMethod,
};
use sinch_core::provisioning::whatsapp::WhatsappActivity;
use sinch_core::SinchError;
use std::sync::Arc;

/// The WhatsApp senders of a project.
#[derive(uniffi::Object, Debug)]
#[uniffi::export(Debug)]
pub struct WhatsappSenders {
    pub(crate) inner: sinch_core::provisioning::whatsapp::senders::WhatsappSenders,
}

#[uniffi::export]
impl WhatsappSenders {
    /// One page (page size 1 to 100).
    #[uniffi::method(default(filter = None, page_size = None, page_token = None))]
    pub fn list(
        &self,
        filter: Option<WhatsappSenderFilter>,
        page_size: Option<i32>,
        page_token: Option<String>,
    ) -> Result<WhatsappSenderPage, SinchError> {
        self.inner
            .list(&filter.unwrap_or_default(), &paging(page_size, page_token)?)
    }

    /// `list` for the Python package: the page as a pickle stream decoded while Python reads it
    /// (see `page_stream.rs`).
    #[uniffi::method(default(filter = None, page_size = None, page_token = None))]
    pub fn list_stream(
        &self,
        filter: Option<WhatsappSenderFilter>,
        page_size: Option<i32>,
        page_token: Option<String>,
    ) -> Result<Arc<crate::page_stream::PageStream>, SinchError> {
        self.inner
            .list_response(&filter.unwrap_or_default(), &paging(page_size, page_token)?)
            .map(crate::page_stream::stream_list)
    }

    /// Pages fetched one at a time as you ask for them.
    #[uniffi::method(default(filter = None, page_size = None))]
    pub fn pages(
        &self,
        filter: Option<WhatsappSenderFilter>,
        page_size: Option<i32>,
    ) -> Result<Arc<WhatsappSenderPager>, SinchError> {
        Ok(WhatsappSenderPager::new(self.inner.pages(
            filter.unwrap_or_default(),
            signed_page_size(page_size)?,
        )?))
    }

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

crate::pager_object!(
    /// Pages of WhatsApp senders.
    WhatsappSenderPager,
    WhatsappSenderPage
);
