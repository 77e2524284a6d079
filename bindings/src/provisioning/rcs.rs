//! RCS senders.

use crate::provisioning::paging;
use sinch_core::provisioning::pagination::signed_page_size;
use sinch_core::provisioning::rcs::{
    RcsBillingCategory, RcsSender, RcsSenderFilter, RcsSenderPage, RcsSenderSpec, RcsUseCase,
};
use sinch_core::provisioning::sms_apps::AppRegion;
use sinch_core::SinchError;
use std::sync::Arc;

#[derive(uniffi::Object, Debug)]
#[uniffi::export(Debug)]
pub struct RcsSenders {
    pub(crate) inner: sinch_core::provisioning::rcs::RcsSenders,
}

#[uniffi::export]
impl RcsSenders {
    /// `GET /rcs/senders`: one page. `filter` (filters + sorting) defaults to none.
    #[uniffi::method(default(page_size = None, page_token = None, filter = None))]
    pub fn list(
        &self,
        page_size: Option<i32>,
        page_token: Option<String>,
        filter: Option<RcsSenderFilter>,
    ) -> Result<RcsSenderPage, SinchError> {
        self.inner
            .list(&paging(page_size, page_token)?, &filter.unwrap_or_default())
    }

    /// `list` for the Python package: the page as a pickle stream decoded while Python reads it
    /// (see `page_stream.rs`).
    #[uniffi::method(default(page_size = None, page_token = None, filter = None))]
    pub fn list_stream(
        &self,
        page_size: Option<i32>,
        page_token: Option<String>,
        filter: Option<RcsSenderFilter>,
    ) -> Result<Arc<crate::page_stream::PageStream>, SinchError> {
        self.inner
            .list_response(&paging(page_size, page_token)?, &filter.unwrap_or_default())
            .map(crate::page_stream::stream_list)
    }

    /// `GET /rcs/senders`, pages fetched one at a time as you ask for them.
    #[uniffi::method(default(page_size = None, filter = None))]
    pub fn pages(
        &self,
        page_size: Option<i32>,
        filter: Option<RcsSenderFilter>,
    ) -> Result<Arc<RcsSenderPager>, SinchError> {
        Ok(RcsSenderPager::new(self.inner.pages(
            signed_page_size(page_size)?,
            filter.unwrap_or_default(),
        )?))
    }

    /// `POST /rcs/senders` `{region, billingCategory, useCase, details{brand{name, …}}}`.
    /// Brand fields other than the name go in `brand_extra_json` (a JSON object).
    #[uniffi::method(default(brand_name = None, brand_extra_json = None))]
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

crate::pager_object!(
    /// Pages of RCS senders, fetched one at a time as you ask for them.
    RcsSenderPager,
    RcsSenderPage
);
