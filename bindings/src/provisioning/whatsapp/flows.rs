use crate::provisioning::paging;
use sinch_core::provisioning::pagination::signed_page_size;
use sinch_core::provisioning::whatsapp::flows::{WhatsappFlowPage, WhatsappFlowScreen};
use sinch_core::SinchError;
use std::sync::Arc;

/// The WhatsApp flows of a project (read only).
#[derive(uniffi::Object, Debug)]
#[uniffi::export(Debug)]
pub struct WhatsappFlows {
    pub(crate) inner: sinch_core::provisioning::whatsapp::flows::WhatsappFlows,
}

#[uniffi::export]
impl WhatsappFlows {
    #[uniffi::method(default(page_size = None, page_token = None))]
    pub fn list(
        &self,
        page_size: Option<i32>,
        page_token: Option<String>,
    ) -> Result<WhatsappFlowPage, SinchError> {
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

    #[uniffi::method(default(page_size = None))]
    pub fn pages(&self, page_size: Option<i32>) -> Result<Arc<WhatsappFlowPager>, SinchError> {
        Ok(WhatsappFlowPager::new(
            self.inner.pages(signed_page_size(page_size)?)?,
        ))
    }

    pub fn screens(&self, flow_id: String) -> Result<Vec<WhatsappFlowScreen>, SinchError> {
        self.inner.screens(&flow_id)
    }
}

crate::pager_object!(
    /// Pages of WhatsApp flows.
    WhatsappFlowPager,
    WhatsappFlowPage
);
