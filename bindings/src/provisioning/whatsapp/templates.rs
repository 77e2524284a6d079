use sinch_core::provisioning::activity::{ActivityPage, Comment};
use sinch_core::provisioning::whatsapp::template_review::{
    WhatsappCompareTimeframe, WhatsappTemplateComparison,
};
use sinch_core::provisioning::whatsapp::templates::{
    WhatsappTemplate, WhatsappTemplateCreate, WhatsappTemplateFilter, WhatsappTemplatePage,
    WhatsappTemplateUpdate, WhatsappTemplateView,
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

        /// Every language of the template `name`; `view` (field mask, analytics period)
        /// defaults to the whole template without analytics.
        #[uniffi::method(default(view))]
        pub fn get_by_name(
            &self,
            name: String,
            view: Option<WhatsappTemplateView>,
        ) -> Result<Vec<WhatsappTemplate>, SinchError> {
            self.inner
                .get_by_name_with_view(&name, &view.unwrap_or_default())
        }

        /// One language of a template; `view` as for `get_by_name`.
        #[uniffi::method(default(view))]
        pub fn get(
            &self,
            name: String,
            language: String,
            view: Option<WhatsappTemplateView>,
        ) -> Result<WhatsappTemplate, SinchError> {
            self.inner
                .get_with_view(&name, &language, &view.unwrap_or_default())
        }

        /// A comment for Sinch support on one language of a template; returns the comment
        /// created.
        pub fn comment(
            &self,
            name: String,
            language: String,
            comment: String,
        ) -> Result<Comment, SinchError> {
            self.inner.comment(&name, &language, &comment)
        }

        /// Ranks this template and another by how often users blocked them over `timeframe`
        /// days (`"7"`, `"30"`, `"60"`, `"90"`; the server's default is 7) ending at
        /// `end_timestamp_ms` (now if unset). Both must have been sent 1,000 times in it.
        #[uniffi::method(default(timeframe), default(end_timestamp_ms))]
        pub fn compare(
            &self,
            name: String,
            language: String,
            other_name: String,
            other_language: String,
            timeframe: Option<WhatsappCompareTimeframe>,
            end_timestamp_ms: Option<i64>,
        ) -> Result<Vec<WhatsappTemplateComparison>, SinchError> {
            self.inner.compare(
                &name,
                &language,
                &other_name,
                &other_language,
                timeframe.as_ref(),
                end_timestamp_ms,
            )
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
