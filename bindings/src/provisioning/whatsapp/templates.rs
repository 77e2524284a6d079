use sinch_core::provisioning::activity::ActivityPage;
use sinch_core::provisioning::whatsapp::templates::{
    WhatsappTemplate, WhatsappTemplateCreate, WhatsappTemplateFilter, WhatsappTemplatePage,
    WhatsappTemplateUpdate,
};
use sinch_core::SinchError;

crate::paged_family! {
    /// The WhatsApp templates of a project.
    WhatsappTemplates / AsyncWhatsappTemplates(sinch_core::provisioning::whatsapp::templates::WhatsappTemplates) {
        /// One page, alphabetical (page size 1 to 1000).
        list: WhatsappTemplatePage,
        /// Pages of WhatsApp templates.
        pager: WhatsappTemplatePager / AsyncWhatsappTemplatePager,
        filter: WhatsappTemplateFilter,
    }
}

crate::operations! {
    WhatsappTemplates / AsyncWhatsappTemplates {
        pub fn create(&self, template: WhatsappTemplateCreate) -> Result<WhatsappTemplate, SinchError> {
            self.inner.create(&template)
        }

        pub fn get_by_name(&self, name: String) -> Result<Vec<WhatsappTemplate>, SinchError> {
            self.inner.get_by_name(&name)
        }

        pub fn get(&self, name: String, language: String) -> Result<WhatsappTemplate, SinchError> {
            self.inner.get(&name, &language)
        }

        /// One page of the activity log of one language of a template, most recent first
        /// (page size 1 to 100).
        #[uniffi::method(default(page_size), default(page_token))]
        pub fn activities(
            &self,
            name: String,
            language: String,
            page_size: Option<i32>,
            page_token: Option<String>,
        ) -> Result<ActivityPage, SinchError> {
            let page = crate::provisioning::paging(page_size, page_token)?;
            self.inner.activities(&name, &language, &page)
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
}
