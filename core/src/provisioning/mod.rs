//! The Sinch Provisioning API client. One module per resource family; this module holds what
//! they share: the project-scoped URL builder, JSON decoding and error mapping.

/// The path segments of a request: `path!["webhooks", {webhook_id}]`. A literal is fixed; a
/// `{name}` is the caller's identifier `name`, checked before any request and named in errors.
macro_rules! path {
    ($($seg:tt),* $(,)?) => { &[$(path!(@seg $seg)),*] };
    (@seg {$id:ident}) => { $crate::provisioning::Segment::Id { name: stringify!($id), value: $id } };
    (@seg $fixed:literal) => { $crate::provisioning::Segment::Fixed($fixed) };
}

pub mod activity;
pub mod bundles;
pub mod conversation;
pub(crate) mod error;
pub mod kakaotalk;
pub mod kakaotalk_categories;
pub mod kakaotalk_templates;
pub mod pagination;
pub mod rcs;
pub mod rcs_account;
pub mod rcs_questionnaire;
pub mod rcs_sender;
pub mod sms_apps;
pub mod webhooks;
pub mod whatsapp;

pub use pagination::{Page, PageInfo, PageRequest, PageResponse, PagedList, Pager};

use crate::api::{ApiRequest, ApiTransport, UnauthorizedRule};
use crate::auth::Auth;
use crate::error::{Result, SinchError};
use crate::http::{HttpSettings, RawResponse};
use crate::retry::RetryPolicy;
use crate::url_policy::checked_url;
use reqwest::Method;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use url::Url;

pub const DEFAULT_BASE_URL: &str = "https://provisioning.api.sinch.com";

#[derive(Debug, Clone)]
pub struct ProvisioningConfig {
    pub project_id: String,
    /// Defaults to [`DEFAULT_BASE_URL`].
    pub base_url: Option<String>,
    pub http: HttpSettings,
    pub retry: RetryPolicy,
}

impl ProvisioningConfig {
    pub fn new(project_id: impl Into<String>) -> Self {
        ProvisioningConfig {
            project_id: project_id.into(),
            base_url: None,
            http: HttpSettings::default(),
            retry: RetryPolicy::default(),
        }
    }
    pub fn with_base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }
}

/// Client for one project. Cheap to clone; all clones share one connection pool and token.
#[derive(Clone)]
pub struct ProvisioningClient {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    transport: ApiTransport,
    base: Url,
    project_id: String,
}

impl std::fmt::Debug for ProvisioningClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ProvisioningClient(project '{}' at {}, {})",
            self.inner.project_id,
            self.inner.base,
            self.auth().describe()
        )
    }
}

impl ProvisioningClient {
    pub fn new(config: ProvisioningConfig, auth: Auth) -> Result<Self> {
        let project_id = config.project_id.trim().to_string();
        if project_id.is_empty() {
            return Err(SinchError::invalid_config(
                "the project ID is empty; it is the project UUID shown in the Sinch dashboard",
            ));
        }
        if !project_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(SinchError::invalid_config(format!(
                "the project ID '{project_id}' has characters a Sinch project ID never has \
                 (expected a UUID such as 1c7a4b2e-...)"
            )));
        }
        let base = checked_url(
            config.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL),
            "Provisioning API base URL",
        )?;
        let transport = ApiTransport::new(
            auth,
            config.http,
            config.retry,
            UnauthorizedRule::ExpiredMarker,
        )?;
        Ok(ProvisioningClient {
            inner: Arc::new(Inner {
                transport,
                base,
                project_id,
            }),
        })
    }

    pub fn project_id(&self) -> &str {
        &self.inner.project_id
    }

    pub fn auth(&self) -> &Auth {
        self.inner.transport.auth()
    }

    pub fn webhooks(&self) -> webhooks::Webhooks {
        webhooks::Webhooks::new(self.clone())
    }

    pub fn whatsapp_account(&self) -> whatsapp::account::WhatsappAccounts {
        whatsapp::account::WhatsappAccounts::new(self.clone())
    }

    pub fn whatsapp_senders(&self) -> whatsapp::senders::WhatsappSenders {
        whatsapp::senders::WhatsappSenders::new(self.clone())
    }

    pub fn whatsapp_templates(&self) -> whatsapp::templates::WhatsappTemplates {
        whatsapp::templates::WhatsappTemplates::new(self.clone())
    }

    pub fn whatsapp_flows(&self) -> whatsapp::flows::WhatsappFlows {
        whatsapp::flows::WhatsappFlows::new(self.clone())
    }

    pub fn whatsapp_solutions(&self) -> whatsapp::solutions::WhatsappSolutions {
        whatsapp::solutions::WhatsappSolutions::new(self.clone())
    }

    pub fn bundles(&self) -> bundles::Bundles {
        bundles::Bundles::new(self.clone())
    }

    /// The channels (Instagram, Messenger, Telegram, Viber) of the project's Conversation API
    /// apps.
    pub fn conversation_channels(&self) -> conversation::ConversationChannels {
        conversation::ConversationChannels::new(self.clone())
    }

    pub fn kakaotalk_senders(&self) -> kakaotalk::KakaoTalkSenders {
        kakaotalk::KakaoTalkSenders::new(self.clone())
    }

    /// The templates of the KakaoTalk sender `plus_friend_id` (checked when a call is made).
    pub fn kakaotalk_templates(
        &self,
        plus_friend_id: &str,
    ) -> kakaotalk_templates::KakaoTalkTemplates {
        kakaotalk_templates::KakaoTalkTemplates::new(self.clone(), plus_friend_id)
    }

    pub fn kakaotalk_categories(&self) -> kakaotalk_categories::KakaoTalkCategories {
        kakaotalk_categories::KakaoTalkCategories::new(self.clone())
    }

    pub fn rcs_account(&self) -> rcs_account::RcsAccount {
        rcs_account::RcsAccount::new(self.clone())
    }

    pub fn rcs_senders(&self) -> rcs::RcsSenders {
        rcs::RcsSenders::new(self.clone())
    }

    pub fn sms_apps(&self) -> sms_apps::SmsApps {
        sms_apps::SmsApps::new(self.clone())
    }

    /// `{base}/v1/projects/{projectId}/` + the given path segments (each percent-encoded),
    /// after every identifier among them is checked.
    pub(crate) fn url(&self, segments: &[Segment<'_>], query: &[(&str, String)]) -> Result<Url> {
        for s in segments {
            s.check()?;
        }
        let mut url = self.inner.base.clone();
        {
            let mut path = url.path_segments_mut().map_err(|_| {
                SinchError::invalid_config("the Provisioning API base URL cannot have a path")
            })?;
            path.pop_if_empty()
                .extend(["v1", "projects", &self.inner.project_id]);
            for s in segments {
                path.push(s.text());
            }
        }
        if !query.is_empty() {
            let mut q = url.query_pairs_mut();
            for (k, v) in query {
                q.append_pair(k, v);
            }
        }
        Ok(url)
    }

    /// Sends a request and returns the successful response, or the typed error.
    pub(crate) fn send(
        &self,
        method: Method,
        url: Url,
        body: Option<&serde_json::Value>,
        action: &str,
    ) -> Result<RawResponse> {
        let r = self.inner.transport.execute(&ApiRequest {
            method,
            url,
            body,
            action,
        })?;
        if r.is_success() {
            Ok(r)
        } else {
            Err(error::map_error(&r, action, &self.auth().describe()))
        }
    }

    /// GETs one page of a list endpoint, to be decoded by the caller.
    pub(crate) fn fetch_page<P: Page>(
        &self,
        url: Url,
        action: &'static str,
    ) -> Result<pagination::PageResponse<P>> {
        let r = self.send(Method::GET, url, None, action)?;
        Ok(pagination::PageResponse::new(r, action))
    }

    /// Sends and decodes the JSON answer into `T`.
    pub(crate) fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        url: Url,
        body: Option<&serde_json::Value>,
        action: &str,
    ) -> Result<T> {
        let r = self.send(method, url, body, action)?;
        decode(&r, action)
    }
}

/// One segment of a request path (see the `path!` macro).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Segment<'a> {
    Fixed(&'static str),
    /// An identifier from the caller: `name` is the parameter it came from.
    Id {
        name: &'static str,
        value: &'a str,
    },
}

impl Segment<'_> {
    fn text(&self) -> &str {
        match self {
            Segment::Fixed(s) => s,
            Segment::Id { value, .. } => value,
        }
    }

    /// An identifier must stay one segment of the path it was meant for. URL parsers drop `.`
    /// and `..` (so `delete("..")` would reach the parent collection) and strip tabs and line
    /// breaks (so `".\n."` becomes `..`); an empty one would address the collection itself.
    fn check(&self) -> Result<()> {
        let Segment::Id { name, value } = *self else {
            return Ok(());
        };
        let problem = if value.is_empty() {
            "is empty"
        } else if value.chars().any(char::is_control) {
            "contains control characters (tab, line break, ...)"
        } else if value == "." || value == ".." {
            "cannot be '.' or '..', which would change the resource the request reaches"
        } else {
            return Ok(());
        };
        Err(SinchError::invalid_config(format!(
            "the argument {name} ({value:?}) {problem}; pass the identifier exactly as the API \
             returned it"
        )))
    }
}

pub(crate) fn decode<T: DeserializeOwned>(r: &RawResponse, action: &str) -> Result<T> {
    decode_with(r, action, |text| serde_json::from_str(text))
}

/// Decodes the answer's text with `read`, with the errors of [`decode`].
pub(crate) fn decode_with<T>(
    r: &RawResponse,
    action: &str,
    read: impl FnOnce(&str) -> serde_json::Result<T>,
) -> Result<T> {
    // Checked as UTF-8 once, so that serde_json does not check each string again.
    let text = std::str::from_utf8(&r.body).map_err(|e| {
        SinchError::protocol(format!(
            "{action}: the answer (HTTP {}) is not UTF-8 text ({e}); body starts: {}",
            r.status,
            r.excerpt()
        ))
    })?;
    read(text).map_err(|e| {
        SinchError::protocol(format!(
            "{action}: the answer (HTTP {}) could not be read: {e}; body starts: {}",
            r.status,
            r.excerpt()
        ))
    })
}

pub(crate) fn paging_query(req: &PageRequest) -> Vec<(&'static str, String)> {
    let mut q = Vec::new();
    if let Some(s) = req.page_size {
        q.push(("pageSize", s.to_string()));
    }
    if let Some(t) = req.page_token.as_ref().filter(|t| !t.is_empty()) {
        q.push(("pageToken", t.clone()));
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(body: &[u8]) -> RawResponse {
        RawResponse {
            status: 200,
            headers: reqwest::header::HeaderMap::new(),
            body: body.to_vec(),
        }
    }

    #[test]
    fn identifiers_that_would_change_the_path_are_refused_naming_the_argument() {
        for bad in ["", ".", "..", ".\n.", "a\tb", "x\r", "\u{7f}"] {
            let webhook_id = bad;
            let err = path!["webhooks", { webhook_id }][1].check().unwrap_err();
            assert!(matches!(err, SinchError::InvalidConfig { .. }), "{err:?}");
            assert!(err.reason().contains("webhook_id"), "{}", err.reason());
        }
        for good in ["01H", "a.b", "...", "a/b", "%2e%2e", "名前"] {
            let webhook_id = good;
            assert!(
                path!["webhooks", { webhook_id }][1].check().is_ok(),
                "{good:?}"
            );
        }
    }

    #[test]
    fn an_answer_that_is_not_utf8_is_a_protocol_error() {
        let err = decode::<serde_json::Value>(&response(b"{\"name\": \"\xff\"}"), "listing apps")
            .unwrap_err();
        assert!(matches!(err, SinchError::ProtocolError { .. }), "{err:?}");
        assert!(err
            .reason()
            .starts_with("listing apps: the answer (HTTP 200) is not UTF-8"));
    }

    #[test]
    fn an_answer_of_the_wrong_shape_names_the_action_and_the_body() {
        let err = decode::<Vec<u32>>(&response(b"{\"error\": 1}"), "listing apps").unwrap_err();
        assert!(matches!(err, SinchError::ProtocolError { .. }), "{err:?}");
        assert!(
            err.reason().contains("could not be read"),
            "{}",
            err.reason()
        );
        assert!(
            err.reason().contains("body starts: {\"error\": 1}"),
            "{}",
            err.reason()
        );
    }
}
