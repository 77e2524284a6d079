//! Token pagination: one page at a time, or an iterator that follows `nextPageToken` lazily.

use crate::error::{Result, SinchError};

/// Paging parameters for a list call.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageRequest {
    pub page_size: Option<u32>,
    pub page_token: Option<String>,
}

/// A page of a list endpoint.
pub trait Page {
    type Item;
    fn next_page_token(&self) -> Option<&str>;
    fn into_items(self) -> Vec<Self::Item>;
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
/// total size and the page tokens, and its [`Page`] impl.
#[macro_export]
macro_rules! page_record {
    ($(#[$meta:meta])* $name:ident { $items:ident : $item:ty }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            #[serde(default)]
            pub $items: Vec<$item>,
            #[serde(default)]
            pub total_size: u64,
            #[serde(default)]
            pub next_page_token: Option<String>,
            #[serde(default)]
            pub previous_page_token: Option<String>,
        }

        impl $crate::provisioning::pagination::Page for $name {
            type Item = $item;
            fn next_page_token(&self) -> Option<&str> {
                self.next_page_token.as_deref()
            }
            fn into_items(self) -> Vec<$item> {
                self.$items
            }
        }
    };
}

/// Walks pages in order, fetching each only when asked. Stops after the page without a
/// `nextPageToken`, or after an error (which it yields once).
pub struct Pager<P: Page> {
    fetch: Box<dyn FnMut(PageRequest) -> Result<P> + Send>,
    page_size: Option<u32>,
    next_token: Option<String>,
    done: bool,
}

impl<P: Page> Pager<P> {
    pub fn new(
        page_size: Option<u32>,
        fetch: impl FnMut(PageRequest) -> Result<P> + Send + 'static,
    ) -> Self {
        Pager {
            fetch: Box::new(fetch),
            page_size,
            next_token: None,
            done: false,
        }
    }

    /// The next page, or `None` after the last.
    pub fn next_page(&mut self) -> Result<Option<P>> {
        if self.done {
            return Ok(None);
        }
        let req = PageRequest {
            page_size: self.page_size,
            page_token: self.next_token.take(),
        };
        match (self.fetch)(req) {
            Ok(page) => {
                match page.next_page_token().filter(|t| !t.is_empty()) {
                    Some(t) => self.next_token = Some(t.to_string()),
                    None => self.done = true,
                }
                Ok(Some(page))
            }
            Err(e) => {
                self.done = true;
                Err(e)
            }
        }
    }

    /// Every item of every page, fetched lazily.
    pub fn items(self) -> Items<P> {
        Items {
            pager: self,
            buffer: Vec::new().into_iter(),
        }
    }
}

impl<P: Page> Iterator for Pager<P> {
    type Item = Result<P>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_page().transpose()
    }
}

pub struct Items<P: Page> {
    pager: Pager<P>,
    buffer: std::vec::IntoIter<P::Item>,
}

impl<P: Page> Iterator for Items<P> {
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
