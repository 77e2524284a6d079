//! RCS senders.

use sinch_core::provisioning::activity::{ActivityPage, Comment};
use sinch_core::provisioning::rcs::{
    RcsBillingCategory, RcsBrand, RcsSender, RcsSenderFilter, RcsSenderPage, RcsSenderSpec,
    RcsSenderUpdate, RcsTestNumberFeature, RcsTestNumberState, RcsUsQuestionnaireVersion,
    RcsUseCase,
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
        /// `POST /rcs/senders`
        /// `{region, billingCategory, useCase, details{brand, testNumbers, countries, questionnaire}}`.
        /// `questionnaire_json` holds the questionnaire's answers as a JSON object; empty lists
        /// are not sent.
        #[uniffi::method(default(test_numbers), default(countries), default(questionnaire_json))]
        // The API's create body, one argument per part, so each can default.
        #[allow(clippy::too_many_arguments)]
        pub fn create(
            &self,
            region: AppRegion,
            billing_category: RcsBillingCategory,
            use_case: RcsUseCase,
            brand: RcsBrand,
            test_numbers: Vec<String>,
            countries: Vec<String>,
            questionnaire_json: Option<String>,
        ) -> Result<RcsSender, SinchError> {
            self.inner.create(&RcsSenderSpec {
                region,
                billing_category,
                use_case,
                brand,
                test_numbers,
                countries,
                questionnaire_json,
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

        /// `PATCH /rcs/senders/{senderId}`: changes what `update` sets (see
        /// `RcsSenderUpdate`); `us_questionnaire_version` (`v1`, `v2`) says which US
        /// questionnaire its answers follow.
        #[uniffi::method(default(us_questionnaire_version))]
        pub fn update(
            &self,
            sender_id: String,
            update: RcsSenderUpdate,
            us_questionnaire_version: Option<RcsUsQuestionnaireVersion>,
        ) -> Result<RcsSender, SinchError> {
            self.inner
                .update(&sender_id, &update, us_questionnaire_version.as_ref())
        }

        /// `POST /rcs/senders/{senderId}/launch`: begins the launch; 412
        /// `launch_precondition_failed` names what the sender still lacks.
        pub fn launch(&self, sender_id: String) -> Result<RcsSender, SinchError> {
            self.inner.launch(&sender_id)
        }

        /// `POST /rcs/senders/{senderId}/testNumbers`: invites E.164 numbers to test the
        /// sender; returns the states of all its test numbers.
        pub fn add_test_numbers(
            &self,
            sender_id: String,
            numbers: Vec<String>,
        ) -> Result<Vec<RcsTestNumberState>, SinchError> {
            self.inner.add_test_numbers(&sender_id, &numbers)
        }

        /// `GET /rcs/senders/{senderId}/testNumbers/{testNumber}`: the number's state.
        pub fn test_number(
            &self,
            sender_id: String,
            test_number: String,
        ) -> Result<RcsTestNumberState, SinchError> {
            self.inner.test_number(&sender_id, &test_number)
        }

        /// `GET …/testNumbers/{testNumber}/capabilities`: what a verified test device supports.
        pub fn test_number_capabilities(
            &self,
            sender_id: String,
            test_number: String,
        ) -> Result<Vec<RcsTestNumberFeature>, SinchError> {
            self.inner.test_number_capabilities(&sender_id, &test_number)
        }

        /// `GET …/testNumbers/{testNumber}/retry`: sends the invite again (deprecated by Sinch
        /// after v1.2.117; adding the number again does the same).
        pub fn retry_test_number(
            &self,
            sender_id: String,
            test_number: String,
        ) -> Result<RcsTestNumberState, SinchError> {
            self.inner.retry_test_number(&sender_id, &test_number)
        }

        /// `DELETE /rcs/senders/{senderId}/testNumbers/{testNumber}`.
        pub fn delete_test_number(
            &self,
            sender_id: String,
            test_number: String,
        ) -> Result<(), SinchError> {
            self.inner.delete_test_number(&sender_id, &test_number)
        }
    }
}
