//! Activity logs and comments, one shape for every resource that has them (the WhatsApp
//! account, senders and templates; the RCS account):
//!
//! - `GET …/activities` answers a page, most recent first:
//!   `{totalSize, pageSize, nextPageToken?, previousPageToken?, notifications: [...]}`, each
//!   entry `{type, created, author?, comment?}`; paged with `pageToken`/`pageSize` (1 to 100).
//! - `POST …/comments` with `{comment}` (1 to 65535 characters) answers 201 with the comment
//!   created, `{type: "CREATED", comment, created}`.
//!
//! The envelope, entry and comment shapes are the spec's (v1.2.117, RCS Accounts, which the
//! reference pages show for the WhatsApp ones as well).

use super::pagination::{check_page_size, PageRequest};
use super::{paging_query, ProvisioningClient};
use crate::error::Result;
use crate::open_enum;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use url::Url;

/// The largest page of an activity log.
pub const MAX_PAGE_SIZE: u32 = 100;

open_enum! {
    /// What an activity entry records. Resources add their own (state changes and the like);
    /// those are kept as sent.
    ActivityType {
        Created = "CREATED",
        CommentAdded = "COMMENT_ADDED",
    }
}

open_enum! {
    /// The type of a comment just created (`CREATED` in this version of the API).
    CommentType {
        Created = "CREATED",
    }
}

/// One entry of an activity log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "python", derive(crate::pickle::ToPickle))]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    #[serde(rename = "type")]
    pub kind: ActivityType,
    /// ISO-8601.
    #[serde(default)]
    pub created: Option<String>,
    /// Who acted ("Provisioning API user", a Sinch agent, ...).
    #[serde(default)]
    pub author: Option<String>,
    /// The text of a comment entry.
    #[serde(default)]
    pub comment: Option<String>,
}

crate::page_record! {
    /// One page of an activity log, most recent entry first.
    ActivityPage { notifications: Activity }
}

/// A comment as created (`POST …/comments` answers it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    #[serde(rename = "type")]
    pub kind: CommentType,
    pub comment: String,
    /// ISO-8601.
    #[serde(default)]
    pub created: Option<String>,
}

#[derive(Serialize)]
struct CommentInput<'a> {
    comment: &'a str,
}

/// One page of an activity log; `url` makes the log's URL with the given query.
pub(crate) fn page(
    client: &ProvisioningClient,
    page: &PageRequest,
    action: &'static str,
    url: impl FnOnce(&[(&str, String)]) -> Result<Url>,
) -> Result<ActivityPage> {
    check_page_size(page.page_size, MAX_PAGE_SIZE, "activities")?;
    let url = url(&paging_query(page))?;
    client.fetch_page(url, action)?.decode()
}

/// Posts `comment` to `url` (a `…/comments` URL) and returns the comment created.
pub(crate) fn post(
    client: &ProvisioningClient,
    url: Url,
    comment: &str,
    action: &str,
) -> Result<Comment> {
    let body = serde_json::to_value(CommentInput { comment })
        .map_err(|e| crate::error::SinchError::protocol(format!("{action}: {e}")))?;
    client.call(Method::POST, url, Some(&body), action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_of_the_spec_reads_with_unknown_types_kept() {
        let page: ActivityPage = serde_json::from_str(
            r#"{"totalSize": 3, "pageSize": 2, "nextPageToken": "t2", "notifications": [
                {"type": "CREATED", "created": "2023-02-10T11:41:14.202Z",
                 "author": "Provisioning API user"},
                {"type": "SENDER_SUSPENDED", "created": "2023-02-11T09:00:00Z"}]}"#,
        )
        .unwrap();
        assert_eq!(page.total_size, 3);
        assert_eq!(page.next_page_token.as_deref(), Some("t2"));
        assert_eq!(page.notifications[0].kind, ActivityType::Created);
        assert_eq!(
            page.notifications[0].author.as_deref(),
            Some("Provisioning API user")
        );
        assert_eq!(
            page.notifications[1].kind,
            ActivityType::Unknown("SENDER_SUSPENDED".into())
        );
    }

    #[test]
    fn a_created_comment_reads() {
        let c: Comment = serde_json::from_str(
            r#"{"type": "CREATED", "comment": "Example", "created": "2023-01-19T13:11:08.204Z"}"#,
        )
        .unwrap();
        assert_eq!(c.kind, CommentType::Created);
        assert_eq!(c.comment, "Example");
    }
}
