//! RCS senders.

use sinch_core::provisioning::activity::{ActivityPage, Comment};
use sinch_core::provisioning::rcs::{
    RcsBillingCategory, RcsSender, RcsSenderFilter, RcsSenderPage, RcsSenderSpec, RcsUseCase,
};
use sinch_core::provisioning::rcs_questionnaire::{RcsQuestionnaire, RcsQuestionnaireQuery};
use sinch_core::provisioning::sms_apps::AppRegion;
use sinch_core::SinchError;

crate::paged_family! {
    RcsSenders / AsyncRcsSenders(sinch_core::provisioning::rcs::RcsSenders) {
        /// `GET /rcs/senders`: one page. `filter` (filters + sorting) defaults to none.
        list: RcsSenderPage,
        /// Pages of RCS senders, fetched one at a time as you ask for them.
        pager: RcsSenderPager / AsyncRcsSenderPager,
        filter: RcsSenderFilter,
    }
}

crate::operations! {
    RcsSenders / AsyncRcsSenders {
        /// `POST /rcs/senders` `{region, billingCategory, useCase, details{brand{name, …}}}`.
        /// Brand fields other than the name go in `brand_extra_json` (a JSON object).
        #[uniffi::method(default(brand_name), default(brand_extra_json))]
        pub fn create(
            &self,
            region: AppRegion,
            billing_category: RcsBillingCategory,
            use_case: RcsUseCase,
            brand_name: Option<String>,
            brand_extra_json: Option<String>,
        ) -> Result<RcsSender, SinchError> {
            self.inner.create(&RcsSenderSpec {
                region,
                billing_category,
                use_case,
                brand_name,
                brand_extra_json,
            })
        }

        /// `GET /rcs/senders/{senderId}`.
        pub fn get(&self, sender_id: String) -> Result<RcsSender, SinchError> {
            self.inner.get(&sender_id)
        }

        /// `GET /rcs/questionnaire/{useCase}`: the launch questions per section. `query`
        /// (countries, US questionnaire versions) defaults to the server's defaults.
        #[uniffi::method(default(query))]
        pub fn questionnaire(
            &self,
            use_case: RcsUseCase,
            query: Option<RcsQuestionnaireQuery>,
        ) -> Result<RcsQuestionnaire, SinchError> {
            self.inner.questionnaire(&use_case, &query.unwrap_or_default())
        }

        /// `GET /rcs/senders/{senderId}/activities`: one page of the sender's activity log,
        /// most recent first (page size 1 to 100).
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

        /// `POST /rcs/senders/{senderId}/comments`: a comment for Sinch support; returns the
        /// comment created.
        pub fn comment(&self, sender_id: String, comment: String) -> Result<Comment, SinchError> {
            self.inner.comment(&sender_id, &comment)
        }
    }
}
