//! The project's RCS account (`/rcs/activities`, `/rcs/comments`): its activity log and
//! comments for Sinch support, in the shapes of [`activity`](super::activity). Both answer
//! 404 `account_not_found` while the project has no RCS account.

use super::activity::{self, ActivityPage, Comment};
use super::{PageRequest, ProvisioningClient};
use crate::error::Result;

/// The RCS account of one project.
#[derive(Debug, Clone)]
pub struct RcsAccount {
    client: ProvisioningClient,
}

impl RcsAccount {
    pub(crate) fn new(client: ProvisioningClient) -> Self {
        RcsAccount { client }
    }

    /// One page of the account's activity log, most recent first (page size 1 to 100).
    ///
    /// Spec: `GET /rcs/activities`, operationId `RcsAccountsController_listActivities_v1`.
    pub fn activities(&self, page: &PageRequest) -> Result<ActivityPage> {
        activity::page(&self.client, page, "listing RCS account activities", |q| {
            self.client.url(path!["rcs", "activities"], q)
        })
    }

    /// Leaves a comment for Sinch support on the account; returns the comment created.
    ///
    /// Spec: `POST /rcs/comments`, operationId `RcsAccountsController_createComment_v1`.
    pub fn comment(&self, comment: &str) -> Result<Comment> {
        let url = self.client.url(path!["rcs", "comments"], &[])?;
        activity::post(&self.client, url, comment, "commenting on the RCS account")
    }
}
