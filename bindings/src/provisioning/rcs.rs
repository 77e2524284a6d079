//! RCS senders.

use sinch_core::provisioning::rcs::{
    RcsBillingCategory, RcsSender, RcsSenderFilter, RcsSenderPage, RcsSenderSpec, RcsUseCase,
};
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

        /// `GET /rcs/senders/{senderId}` (unconfirmed path).
        pub fn get(&self, sender_id: String) -> Result<RcsSender, SinchError> {
            self.inner.get(&sender_id)
        }
    }
}
