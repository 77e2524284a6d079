//! The project's RCS account: activity log and comments.

use sinch_core::provisioning::activity::{ActivityPage, Comment};
use sinch_core::SinchError;

crate::family! {
    /// The project's RCS account.
    RcsAccount / AsyncRcsAccount(sinch_core::provisioning::rcs_account::RcsAccount)
}

crate::operations! {
    RcsAccount / AsyncRcsAccount {
        /// `GET /rcs/activities`: one page of the activity log, most recent first (page size
        /// 1 to 100).
        #[uniffi::method(default(page_size), default(page_token))]
        pub fn activities(
            &self,
            page_size: Option<i32>,
            page_token: Option<String>,
        ) -> Result<ActivityPage, SinchError> {
            self.inner.activities(&crate::provisioning::paging(page_size, page_token)?)
        }

        /// `POST /rcs/comments`: a comment for Sinch support; returns the comment created.
        pub fn comment(&self, comment: String) -> Result<Comment, SinchError> {
            self.inner.comment(&comment)
        }
    }
}
