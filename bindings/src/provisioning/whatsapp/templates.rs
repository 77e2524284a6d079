use crate::provisioning::paging;
use sinch_core::provisioning::pagination::signed_page_size;
use sinch_core::provisioning::whatsapp::templates::{
    WhatsappTemplate, WhatsappTemplateCreate, WhatsappTemplateFilter, WhatsappTemplatePage,
    WhatsappTemplateUpdate,
};
use sinch_core::provisioning::whatsapp::WhatsappActivity;
use sinch_core::SinchError;
use std::sync::Arc;

/// The WhatsApp templates of a project.
#[derive(uniffi::Object, Debug)]
#[uniffi::export(Debug)]
pub struct WhatsappTemplates {
    pub(crate) inner: sinch_core::provisioning::whatsapp::templates::WhatsappTemplates,
}

#[uniffi::export]
impl WhatsappTemplates {
    /// One page, alphabetical (page size 1 to 1000).
    #[uniffi::method(default(filter = None, page_size = None, page_token = None))]
    pub fn list(
        &self,
        filter: Option<WhatsappTemplateFilter>,
        page_size: Option<i32>,
        page_token: Option<String>,
    ) -> Result<WhatsappTemplatePage, SinchError> {
        self.inner
            .list(&filter.unwrap_or_default(), &paging(page_size, page_token)?)
    }

    /// `list` for the Python package: the page as a pickle stream decoded while Python reads it
    /// (see `page_stream.rs`).
    #[uniffi::method(default(filter = None, page_size = None, page_token = None))]
    pub fn list_stream(
        &self,
        filter: Option<WhatsappTemplateFilter>,
        page_size: Option<i32>,
        page_token: Option<String>,
    ) -> Result<Arc<crate::page_stream::PageStream>, SinchError> {
        self.inner
            .list_response(&filter.unwrap_or_default(), &paging(page_size, page_token)?)
            .map(crate::page_stream::stream_list)
    }

    #[uniffi::method(default(filter = None, page_size = None))]
    pub fn pages(
        &self,
        filter: Option<WhatsappTemplateFilter>,
        page_size: Option<i32>,
    ) -> Result<Arc<WhatsappTemplatePager>, SinchError> {
        Ok(WhatsappTemplatePager::new(self.inner.pages(
            filter.unwrap_or_default(),
            signed_page_size(page_size)?,
        )?))
    }

    pub fn create(&self, template: WhatsappTemplateCreate) -> Result<WhatsappTemplate, SinchError> {
        self.inner.create(&template)
    }

    pub fn get_by_name(&self, name: String) -> Result<Vec<WhatsappTemplate>, SinchError> {
        self.inner.get_by_name(&name)
    }

    pub fn get(&self, name: String, language: String) -> Result<WhatsappTemplate, SinchError> {
        self.inner.get(&name, &language)
    }

    /// The activity log of one language of a template (path unconfirmed).
    pub fn activities(
        &self,
        name: String,
        language: String,
    ) -> Result<Vec<WhatsappActivity>, SinchError> {
        self.inner.activities(&name, &language)
    }

    pub fn update(
        &self,
        name: String,
        language: String,
        update: WhatsappTemplateUpdate,
    ) -> Result<WhatsappTemplate, SinchError> {
        self.inner.update(&name, &language, &update)
    }

    #[uniffi::method(default(delete_submitted = false))]
    pub fn delete_language(
        &self,
        name: String,
        language: String,
        delete_submitted: bool,
    ) -> Result<(), SinchError> {
        self.inner
            .delete_language(&name, &language, delete_submitted)
    }

    pub fn delete(&self, name: String) -> Result<(), SinchError> {
        self.inner.delete(&name)
    }

    pub fn sync(&self) -> Result<(), SinchError> {
        self.inner.sync()
    }
}

crate::pager_object!(
    /// Pages of WhatsApp templates.
    WhatsappTemplatePager,
    WhatsappTemplatePage
);
