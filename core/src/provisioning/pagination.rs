//! Token pagination: one page at a time, or an iterator that follows `nextPageToken` lazily.

use crate::error::{Result, SinchError};
use crate::http::RawResponse;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;
use std::ops::ControlFlow;

/// Paging parameters for a list call.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageRequest {
    pub page_size: Option<u32>,
    pub page_token: Option<String>,
}

impl PageRequest {
    /// Paging arguments from a caller whose integers are signed (Java, Kotlin, Python): a
    /// negative size is out of range, like zero.
    pub fn signed(page_size: Option<i32>, page_token: Option<String>) -> Result<Self> {
        Ok(PageRequest {
            page_size: signed_page_size(page_size)?,
            page_token,
        })
    }
}

/// A page size from a signed integer (see [`PageRequest::signed`]).
pub fn signed_page_size(size: Option<i32>) -> Result<Option<u32>> {
    size.map(|s| {
        u32::try_from(s).map_err(|_| {
            SinchError::invalid_config(format!(
                "page size {s} is out of range: a page holds at least 1 item"
            ))
        })
    })
    .transpose()
}

/// A page of a list endpoint.
pub trait Page: Sized {
    type Item;
    /// The record's name (the class name in the bindings).
    const TYPE_NAME: &'static str;
    /// The name of the field that holds the items (`templates`, `sms_apps`, ...).
    const ITEMS_FIELD: &'static str;
    fn next_page_token(&self) -> Option<&str>;
    fn into_items(self) -> Vec<Self::Item>;
    /// Reads a page from JSON text, handing each item to `each` as soon as it is read instead
    /// of collecting them: what the page says besides its items, or `None` if `each` stopped.
    fn decode_each(
        text: &str,
        each: &mut dyn FnMut(Self::Item) -> ControlFlow<()>,
    ) -> serde_json::Result<Option<PageInfo>>;
}

/// What a page says besides its items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageInfo {
    pub total_size: i64,
    pub next_page_token: Option<String>,
    pub previous_page_token: Option<String>,
}

/// A successful answer of a list endpoint, not decoded yet: [`PageResponse::decode`] reads it
/// whole, [`PageResponse::decode_each`] item by item (the Python package decodes on one thread
/// while Python builds the objects of the items already read).
pub struct PageResponse<P> {
    response: RawResponse,
    action: &'static str,
    page: PhantomData<fn() -> P>,
}

impl<P> fmt::Debug for PageResponse<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PageResponse")
            .field("action", &self.action)
            .field("status", &self.response.status)
            .field("bytes", &self.response.body.len())
            .finish()
    }
}

impl<P: Page> PageResponse<P> {
    pub(crate) fn new(response: RawResponse, action: &'static str) -> Self {
        PageResponse {
            response,
            action,
            page: PhantomData,
        }
    }

    /// The size of the answer, in bytes.
    pub fn len(&self) -> usize {
        self.response.body.len()
    }

    pub fn is_empty(&self) -> bool {
        self.response.body.is_empty()
    }

    /// The whole page.
    pub fn decode(self) -> Result<P>
    where
        P: serde::de::DeserializeOwned,
    {
        super::decode(&self.response, self.action)
    }

    /// Hands each item to `each` as it is read (in order) and returns the rest of the page, or
    /// `None` if `each` stopped early. A malformed answer is the same `Protocol` error as from
    /// [`PageResponse::decode`], after the items read before the fault.
    pub fn decode_each(
        self,
        mut each: impl FnMut(P::Item) -> ControlFlow<()>,
    ) -> Result<Option<PageInfo>> {
        super::decode_with(&self.response, self.action, |text| {
            P::decode_each(text, &mut each)
        })
    }
}

/// The one reader of every page record, used by its `Deserialize` impl and by
/// [`Page::decode_each`]: each item goes to `each` as soon as it is read. Unknown fields are
/// skipped; a repeated field, or items that are not a list, are errors.
#[doc(hidden)]
pub fn deserialize_page<'de, D, T>(
    d: D,
    items_field: &'static str,
    each: &mut dyn FnMut(T) -> ControlFlow<()>,
) -> std::result::Result<Option<PageInfo>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let stopped = Cell::new(false);
    let read = d.deserialize_map(PageVisitor {
        items_key: camel_case(items_field),
        each,
        stopped: &stopped,
        item: PhantomData,
    });
    match read {
        Err(_) if stopped.get() => Ok(None),
        other => other.map(Some),
    }
}

/// The JSON name of a Rust field (`sms_apps` → `smsApps`), as `rename_all = "camelCase"`.
fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Raised inside serde when `each` asks to stop (serde_json then reads no further); the flag
/// `stopped` turns it back into `Ok(None)`.
const STOPPED: &str = "page reading stopped by the caller";

struct PageVisitor<'a, T> {
    items_key: String,
    each: &'a mut dyn FnMut(T) -> ControlFlow<()>,
    stopped: &'a Cell<bool>,
    item: PhantomData<fn() -> T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for PageVisitor<'_, T> {
    type Value = PageInfo;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a page object")
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut info = PageInfo::default();
        let mut seen = [false; 4];
        let mut once = |i: usize, name: &str| {
            if std::mem::replace(&mut seen[i], true) {
                Err(de::Error::custom(format_args!("duplicate field `{name}`")))
            } else {
                Ok(())
            }
        };
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                k if k == self.items_key => {
                    once(0, k)?;
                    map.next_value_seed(ItemsSeed {
                        each: &mut *self.each,
                        stopped: self.stopped,
                        item: PhantomData,
                    })?;
                }
                "totalSize" => {
                    once(1, "totalSize")?;
                    info.total_size = map.next_value()?;
                }
                "nextPageToken" => {
                    once(2, "nextPageToken")?;
                    info.next_page_token = map.next_value()?;
                }
                "previousPageToken" => {
                    once(3, "previousPageToken")?;
                    info.previous_page_token = map.next_value()?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(info)
    }
}

/// The items list: each item to `each`; the `STOPPED` error if it stops (serde_json then
/// reads no further).
struct ItemsSeed<'a, T> {
    each: &'a mut dyn FnMut(T) -> ControlFlow<()>,
    stopped: &'a Cell<bool>,
    item: PhantomData<fn() -> T>,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for ItemsSeed<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for ItemsSeed<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of items")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        while let Some(item) = seq.next_element::<T>()? {
            if (self.each)(item).is_break() {
                self.stopped.set(true);
                return Err(de::Error::custom(STOPPED));
            }
        }
        Ok(())
    }
}

/// Checks a page size against an endpoint's documented range before anything is sent.
pub fn check_page_size(size: Option<u32>, max: u32, resource: &str) -> Result<()> {
    match size {
        Some(s) if s == 0 || s > max => Err(SinchError::invalid_config(format!(
            "page size {s} is out of range for {resource}: use 1 to {max}"
        ))),
        _ => Ok(()),
    }
}

/// Declares a page record of a list endpoint: its items under the resource's JSON key, the
/// total size and the page tokens, and its [`Page`] impl. Both its `Deserialize` impl and
/// [`Page::decode_each`] read it with [`deserialize_page`].
#[macro_export]
macro_rules! page_record {
    ($(#[$meta:meta])* $name:ident { $items:ident : $item:ty }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
        #[cfg_attr(feature = "python", derive($crate::pickle::ToPickle))]
        pub struct $name {
            pub $items: Vec<$item>,
            pub total_size: i64,
            pub next_page_token: Option<String>,
            pub previous_page_token: Option<String>,
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let mut items = Vec::new();
                let info = $crate::provisioning::pagination::deserialize_page(
                    d,
                    stringify!($items),
                    &mut |item| {
                        items.push(item);
                        std::ops::ControlFlow::Continue(())
                    },
                )?
                .unwrap_or_default();
                Ok($name {
                    $items: items,
                    total_size: info.total_size,
                    next_page_token: info.next_page_token,
                    previous_page_token: info.previous_page_token,
                })
            }
        }

        impl $crate::provisioning::pagination::Page for $name {
            type Item = $item;
            const TYPE_NAME: &'static str = stringify!($name);
            const ITEMS_FIELD: &'static str = stringify!($items);
            fn next_page_token(&self) -> Option<&str> {
                self.next_page_token.as_deref()
            }
            fn into_items(self) -> Vec<$item> {
                self.$items
            }
            fn decode_each(
                text: &str,
                each: &mut dyn FnMut($item) -> std::ops::ControlFlow<()>,
            ) -> serde_json::Result<Option<$crate::provisioning::pagination::PageInfo>> {
                let mut de = serde_json::Deserializer::from_str(text);
                let info = $crate::provisioning::pagination::deserialize_page(
                    &mut de,
                    stringify!($items),
                    each,
                )?;
                if info.is_some() {
                    de.end()?; // nothing after the page
                }
                Ok(info)
            }
        }
    };
}

/// Walks pages in order, fetching each only when asked. Stops after the page without a
/// `nextPageToken`, or after an error (which it yields once). A `nextPageToken` that was
/// already followed would loop forever: it ends the walk with a `Protocol` error.
///
/// [`Pager::next_page`] fetches and decodes a page. A caller that decodes pages itself (item by
/// item) takes [`Pager::next_response`] and then reports where the next page starts with
/// [`Pager::follow`]; a page not followed (its decoding failed or was abandoned) ends the walk.
pub struct Pager<P: Page> {
    fetch: Box<dyn FnMut(PageRequest) -> Result<PageResponse<P>> + Send>,
    page_size: Option<u32>,
    next_token: Option<String>,
    /// Every token followed so far.
    followed: std::collections::HashSet<String>,
    /// The last page's action ("listing webhooks"), for errors.
    action: &'static str,
    state: PagerState,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum PagerState {
    Ready,
    /// A page was handed out; its `nextPageToken` is not known yet.
    Unfollowed,
    /// The last page pointed back at a page already read: the next call reports it.
    Repeated {
        token: String,
    },
    Done,
}

impl<P: Page> Pager<P> {
    pub fn new(
        page_size: Option<u32>,
        fetch: impl FnMut(PageRequest) -> Result<PageResponse<P>> + Send + 'static,
    ) -> Self {
        Pager {
            fetch: Box::new(fetch),
            page_size,
            next_token: None,
            followed: std::collections::HashSet::new(),
            action: "listing",
            state: PagerState::Ready,
        }
    }

    /// The answer for the next page, or `None` after the last; report its `nextPageToken`
    /// with [`Pager::follow`] before asking for the next one.
    pub fn next_response(&mut self) -> Result<Option<PageResponse<P>>> {
        match std::mem::replace(&mut self.state, PagerState::Done) {
            PagerState::Ready => {}
            PagerState::Repeated { token } => {
                return Err(SinchError::protocol(format!(
                    "{}: the server's nextPageToken {token:?} points back at a page already \
                     read (after {} pages); stopping instead of looping forever",
                    self.action,
                    self.followed.len() + 1
                )))
            }
            PagerState::Unfollowed | PagerState::Done => return Ok(None),
        }
        let req = PageRequest {
            page_size: self.page_size,
            page_token: self.next_token.take(),
        };
        let response = (self.fetch)(req)?; // an error leaves the walk done
        self.action = response.action;
        self.state = PagerState::Unfollowed;
        Ok(Some(response))
    }

    /// Where the page last handed out by [`Pager::next_response`] says the next one starts;
    /// none (or empty) ends the walk.
    pub fn follow(&mut self, next_page_token: Option<&str>) {
        if self.state != PagerState::Unfollowed {
            return;
        }
        self.state = match next_page_token.filter(|t| !t.is_empty()) {
            Some(t) if !self.followed.insert(t.to_string()) => PagerState::Repeated {
                token: t.chars().take(80).collect(),
            },
            Some(t) => {
                self.next_token = Some(t.to_string());
                PagerState::Ready
            }
            None => PagerState::Done,
        }
    }

    /// The next page, or `None` after the last.
    pub fn next_page(&mut self) -> Result<Option<P>>
    where
        P: serde::de::DeserializeOwned,
    {
        let Some(response) = self.next_response()? else {
            return Ok(None);
        };
        let page = response.decode()?; // an error leaves the page unfollowed: the walk ends
        self.follow(page.next_page_token());
        Ok(Some(page))
    }

    /// Every item of every page, fetched lazily.
    pub fn items(self) -> Items<P> {
        Items {
            pager: self,
            buffer: Vec::new().into_iter(),
        }
    }
}

impl<P> Pager<P>
where
    P: Page + serde::de::DeserializeOwned + Send + 'static,
{
    /// The pages as an async [`Stream`](futures_core::Stream), for async callers: each page is
    /// fetched on the pool of [`crate::offload`] when the stream is polled for it.
    pub fn into_stream(self) -> PageStream<P> {
        PageStream {
            state: StreamState::Idle(Box::new(self)),
        }
    }
}

/// The pages of a [`Pager`] as an async stream (see [`Pager::into_stream`]).
pub struct PageStream<P: Page> {
    state: StreamState<P>,
}

type NextPage<P> = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<(Box<Pager<P>>, Option<Result<P>>)>> + Send>,
>;

enum StreamState<P: Page> {
    Idle(Box<Pager<P>>),
    Fetching(NextPage<P>),
    Done,
}

impl<P> futures_core::Stream for PageStream<P>
where
    P: Page + serde::de::DeserializeOwned + Send + 'static,
{
    type Item = Result<P>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<P>>> {
        use std::task::Poll;
        loop {
            match std::mem::replace(&mut self.state, StreamState::Done) {
                StreamState::Done => return Poll::Ready(None),
                StreamState::Idle(mut pager) => {
                    self.state = StreamState::Fetching(Box::pin(crate::offload::run(move || {
                        let page = pager.next_page().transpose();
                        Ok((pager, page))
                    })));
                }
                StreamState::Fetching(mut next) => match next.as_mut().poll(cx) {
                    Poll::Pending => {
                        self.state = StreamState::Fetching(next);
                        return Poll::Pending;
                    }
                    Poll::Ready(Ok((pager, Some(page)))) => {
                        self.state = StreamState::Idle(pager);
                        return Poll::Ready(Some(page));
                    }
                    Poll::Ready(Ok((_, None))) => return Poll::Ready(None),
                    Poll::Ready(Err(e)) => return Poll::Ready(Some(Err(e))),
                },
            }
        }
    }
}

impl<P: Page + serde::de::DeserializeOwned> Iterator for Pager<P> {
    type Item = Result<P>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_page().transpose()
    }
}

pub struct Items<P: Page> {
    pager: Pager<P>,
    buffer: std::vec::IntoIter<P::Item>,
}

impl<P: Page + serde::de::DeserializeOwned> Iterator for Items<P> {
    type Item = Result<P::Item>;
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.buffer.next() {
                return Some(Ok(item));
            }
            match self.pager.next_page() {
                Ok(Some(page)) => self.buffer = page.into_items().into_iter(),
                Ok(None) => return None,
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// A Provisioning family's paged list, in one shape for every family: a family says where its
/// list is ([`PagedList::list_url`]) and gets [`PagedList::page`] and [`PagedList::pager`]; the
/// bindings declare each family's list methods with one macro over this trait.
pub trait PagedList: Clone + Send + 'static {
    type Page: Page + serde::de::DeserializeOwned + Send;
    /// The list filters; `()` for a family without any.
    type Filter: Default + Clone + Send + 'static;
    /// The documented largest page size.
    const MAX_PAGE_SIZE: u32;
    /// What is listed, for errors ("webhooks").
    const NOUN: &'static str;
    /// What a list call does, for errors ("listing webhooks").
    const ACTION: &'static str;

    fn client(&self) -> &super::ProvisioningClient;

    /// The URL of one page: the family's path, the paging and the filter's query.
    fn list_url(&self, page: &PageRequest, filter: &Self::Filter) -> Result<url::Url>;

    /// One page's answer, not decoded yet.
    fn page_response(
        &self,
        page: &PageRequest,
        filter: &Self::Filter,
    ) -> Result<PageResponse<Self::Page>> {
        check_page_size(page.page_size, Self::MAX_PAGE_SIZE, Self::NOUN)?;
        let url = self.list_url(page, filter)?;
        self.client().fetch_page(url, Self::ACTION)
    }

    /// One page.
    fn page(&self, page: &PageRequest, filter: &Self::Filter) -> Result<Self::Page> {
        self.page_response(page, filter)?.decode()
    }

    /// Every page in turn with the same filter, each fetched when asked for. A bad page size
    /// is an error here, before any request.
    fn pager(&self, page_size: Option<u32>, filter: Self::Filter) -> Result<Pager<Self::Page>> {
        check_page_size(page_size, Self::MAX_PAGE_SIZE, Self::NOUN)?;
        let this = self.clone();
        Ok(Pager::new(page_size, move |req| {
            this.page_response(&req, &filter)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provisioning::sms_apps::SmsAppPage;

    fn response(body: &str) -> PageResponse<SmsAppPage> {
        PageResponse::new(
            RawResponse {
                status: 200,
                headers: reqwest::header::HeaderMap::new(),
                body: body.as_bytes().to_vec(),
            },
            "listing SMS apps",
        )
    }

    const PAGE: &str = r#"{"smsApps":[{"id":"a1","status":"ACTIVE"},{"id":"a2","status":"NEW_STATUS"}],
        "totalSize":5,"pageSize":2,"nextPageToken":"t2","unknownField":{"x":[1,2]}}"#;

    fn read_each(body: &str, stop_after: usize) -> (Vec<String>, Result<Option<PageInfo>>) {
        let mut ids = Vec::new();
        let info = response(body).decode_each(|app| {
            ids.push(app.id.clone());
            if ids.len() == stop_after {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        (ids, info)
    }

    #[test]
    fn item_by_item_reads_what_the_whole_page_reads() {
        let page = response(PAGE).decode().unwrap();
        let (ids, info) = read_each(PAGE, usize::MAX);
        let whole: Vec<String> = page.sms_apps.iter().map(|a| a.id.clone()).collect();
        assert_eq!(ids, whole);
        assert_eq!(ids, ["a1", "a2"]);
        let info = info.unwrap().unwrap();
        assert_eq!(info.total_size, 5);
        assert_eq!(info.next_page_token.as_deref(), Some("t2"));
        assert_eq!(info.previous_page_token, None);
        assert_eq!(page.total_size, 5);
        assert_eq!(page.next_page_token.as_deref(), Some("t2"));
    }

    #[test]
    fn stopping_early_reads_no_further() {
        let (ids, info) = read_each(PAGE, 1);
        assert_eq!(ids, ["a1"]);
        assert_eq!(info.unwrap(), None);
    }

    #[test]
    fn a_bad_item_is_a_protocol_error_after_the_good_ones() {
        let body = r#"{"smsApps":[{"id":"a1","status":"ACTIVE"},{"id":7,"status":"ACTIVE"}],"totalSize":2}"#;
        let (ids, info) = read_each(body, usize::MAX);
        assert_eq!(ids, ["a1"]);
        let err = info.unwrap_err();
        assert!(matches!(err, SinchError::ProtocolError { .. }), "{err:?}");
        assert!(err
            .reason()
            .starts_with("listing SMS apps: the answer (HTTP 200) could not be read"));
        let whole = response(body).decode().unwrap_err();
        assert!(
            matches!(whole, SinchError::ProtocolError { .. }),
            "{whole:?}"
        );
    }

    #[test]
    fn a_page_without_fields_is_empty_and_bad_shapes_are_errors() {
        let empty = response("{}").decode().unwrap();
        assert_eq!(empty, SmsAppPage::default());
        for bad in [
            r#"{"smsApps":null}"#,
            r#"{"smsApps":{}}"#,
            r#"{"smsApps":[],"smsApps":[]}"#,
            r#"{"totalSize":1,"totalSize":2}"#,
            r#"[]"#,
            r#"{"smsApps":[]} trailing"#,
        ] {
            let err = response(bad).decode().unwrap_err();
            assert!(
                matches!(err, SinchError::ProtocolError { .. }),
                "{bad}: {err:?}"
            );
            let (_, each) = read_each(bad, usize::MAX);
            assert!(
                matches!(each, Err(SinchError::ProtocolError { .. })),
                "{bad}: {each:?}"
            );
        }
    }

    /// A pager over canned answers: page `n` (from the token) has one app and links to `n + 1`
    /// below `last`.
    fn canned_pager(last: u32) -> Pager<SmsAppPage> {
        Pager::new(Some(1), move |req| {
            let n: u32 = req.page_token.map_or(0, |t| t.parse().unwrap());
            let next = if n < last {
                format!(r#","nextPageToken":"{}""#, n + 1)
            } else {
                String::new()
            };
            Ok(response(&format!(
                r#"{{"smsApps":[{{"id":"app{n}","status":"ACTIVE"}}],"totalSize":{}{next}}}"#,
                last + 1
            )))
        })
    }

    #[test]
    fn a_pager_follows_the_tokens_of_pages_decoded_by_the_caller() {
        let mut pager = canned_pager(2);
        let mut ids = Vec::new();
        while let Some(response) = pager.next_response().unwrap() {
            let info = response
                .decode_each(|app| {
                    ids.push(app.id);
                    ControlFlow::Continue(())
                })
                .unwrap()
                .unwrap();
            pager.follow(info.next_page_token.as_deref());
        }
        assert_eq!(ids, ["app0", "app1", "app2"]);
        assert!(pager.next_response().unwrap().is_none());
        let whole: Vec<String> = canned_pager(2).items().map(|a| a.unwrap().id).collect();
        assert_eq!(whole, ids);
    }

    #[test]
    fn a_page_not_followed_ends_the_walk() {
        let mut pager = canned_pager(5);
        assert!(pager.next_response().unwrap().is_some());
        assert!(pager.next_response().unwrap().is_none());
        assert!(pager.next_page().unwrap().is_none());
    }

    #[test]
    fn a_repeated_page_token_ends_the_walk_with_a_protocol_error() {
        // Pages 0 → 1 → 2 → 1: the cycle is caught when it closes, after three requests.
        let requests = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
        let counted = requests.clone();
        let pager: Pager<SmsAppPage> = Pager::new(None, move |req| {
            counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let n: u32 = req.page_token.map_or(0, |t| t.parse().unwrap());
            let next = if n == 2 { 1 } else { n + 1 };
            Ok(response(&format!(
                r#"{{"smsApps":[{{"id":"app{n}","status":"ACTIVE"}}],"nextPageToken":"{next}"}}"#
            )))
        });
        let items: Vec<Result<_>> = pager.items().collect();
        assert_eq!(items.len(), 4, "three pages of one item, then the error");
        let err = items[3].as_ref().unwrap_err();
        assert!(matches!(err, SinchError::ProtocolError { .. }), "{err:?}");
        assert!(
            err.reason().contains("listing SMS apps"),
            "{}",
            err.reason()
        );
        assert!(err.reason().contains("\"1\""), "{}", err.reason());
        assert_eq!(requests.load(std::sync::atomic::Ordering::Relaxed), 3);
    }

    #[test]
    fn field_names_are_the_camel_case_of_the_rust_ones() {
        assert_eq!(camel_case("sms_apps"), "smsApps");
        assert_eq!(camel_case("templates"), "templates");
        assert_eq!(camel_case("a_b_c"), "aBC");
    }
}
