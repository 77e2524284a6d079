//! Token pagination shared by every Provisioning list endpoint.
//!
//! Page tokens are opaque to clients: base64url of `offset:N`. The emulator accepts any
//! well-formed token (an offset past the end gives an empty page, which is what a client
//! sees when items are deleted between pages) and rejects anything else with
//! 400 `invalid_page_token`.

use super::error::PapiError;
use crate::http_util::form_get;
use axum::http::header;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// Per-resource page-size rules.
#[derive(Debug, Clone, Copy)]
pub struct PageSpec {
    /// Largest accepted `pageSize` (the smallest is always 1).
    pub max: usize,
    /// Page size when `pageSize` is absent or 0.
    pub default: usize,
}

fn encode_token(offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("offset:{offset}"))
}

fn decode_token(token: &str) -> Option<usize> {
    let raw = URL_SAFE_NO_PAD.decode(token).ok()?;
    let text = String::from_utf8(raw).ok()?;
    text.strip_prefix("offset:")?.parse().ok()
}

fn invalid_page_size(spec: PageSpec) -> PapiError {
    PapiError::new(
        StatusCode::BAD_REQUEST,
        "invalid_page_size",
        "Invalid page size.",
        &format!("Use a pageSize between 1 and {}.", spec.max),
    )
}

fn invalid_page_token() -> PapiError {
    PapiError::new(
        StatusCode::BAD_REQUEST,
        "invalid_page_token",
        "Invalid page token.",
        "Use a pageToken returned by a previous list call, or none for the first page.",
    )
}

/// Reads `pageSize` and `pageToken` from the query and returns `(offset, size)`.
pub fn page_request(
    query: &[(String, String)],
    spec: PageSpec,
) -> Result<(usize, usize), PapiError> {
    let size = match form_get(query, "pageSize").map(str::trim) {
        None | Some("") => spec.default,
        Some(s) => match s.parse::<usize>() {
            Ok(0) => spec.default,
            Ok(n) if n <= spec.max => n,
            _ => return Err(invalid_page_size(spec)),
        },
    };
    let offset = match form_get(query, "pageToken") {
        None | Some("") => 0,
        Some(t) => decode_token(t).ok_or_else(invalid_page_token)?,
    };
    Ok((offset, size))
}

/// The list envelope `{totalSize, pageSize, <items_key>: [...], nextPageToken?,
/// previousPageToken?}` over `items` (already in their final order), as a JSON response.
/// `pageSize` is the number of items on this page. `nextPageToken` is absent on the last page.
pub fn page<T: Serialize>(
    items: &[T],
    items_key: &str,
    query: &[(String, String)],
    spec: PageSpec,
) -> Result<Response, PapiError> {
    let body = page_json(items, items_key, query, spec)?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// The text of [`page`]'s answer, written straight from the items (a page of 1000 templates
/// used to be copied into a `Value` tree first, then serialized, then freed).
pub fn page_json<T: Serialize>(
    items: &[T],
    items_key: &str,
    query: &[(String, String)],
    spec: PageSpec,
) -> Result<Vec<u8>, PapiError> {
    let (offset, size) = page_request(query, spec)?;
    let start = offset.min(items.len());
    let end = start.saturating_add(size).min(items.len());
    let envelope = Envelope {
        total_size: items.len(),
        items_key,
        items: &items[start..end],
        next: (end < items.len()).then(|| encode_token(end)),
        previous: (offset > 0).then(|| encode_token(offset.saturating_sub(size))),
    };
    serde_json::to_vec(&envelope).map_err(|e| {
        PapiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            &format!("The emulator could not write the page: {e}"),
            "Report this as a bug in sinch-emulator.",
        )
    })
}

struct Envelope<'a, T> {
    total_size: usize,
    items_key: &'a str,
    items: &'a [T],
    next: Option<String>,
    previous: Option<String>,
}

impl<T: Serialize> Serialize for Envelope<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("totalSize", &self.total_size)?;
        map.serialize_entry("pageSize", &self.items.len())?;
        map.serialize_entry(self.items_key, self.items)?;
        if let Some(t) = &self.next {
            map.serialize_entry("nextPageToken", t)?;
        }
        if let Some(t) = &self.previous {
            map.serialize_entry("previousPageToken", t)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn page(
        items: &[u32],
        key: &str,
        query: &[(String, String)],
        spec: PageSpec,
    ) -> Result<Value, PapiError> {
        page_json(items, key, query, spec).map(|b| serde_json::from_slice(&b).unwrap())
    }

    const SPEC: PageSpec = PageSpec {
        max: 15,
        default: 15,
    };

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn walks_pages() {
        let items: Vec<u32> = (0..10).collect();
        let p1 = page(&items, "xs", &q(&[("pageSize", "4")]), SPEC).unwrap();
        assert_eq!(p1["xs"], json!([0, 1, 2, 3]));
        assert!(p1.get("previousPageToken").is_none());
        let t = p1["nextPageToken"].as_str().unwrap().to_string();
        let p2 = page(
            &items,
            "xs",
            &q(&[("pageSize", "4"), ("pageToken", &t)]),
            SPEC,
        )
        .unwrap();
        assert_eq!(p2["xs"], json!([4, 5, 6, 7]));
        assert!(p2.get("previousPageToken").is_some());
        let t = p2["nextPageToken"].as_str().unwrap().to_string();
        let p3 = page(
            &items,
            "xs",
            &q(&[("pageSize", "4"), ("pageToken", &t)]),
            SPEC,
        )
        .unwrap();
        assert_eq!(p3["xs"], json!([8, 9]));
        assert!(p3.get("nextPageToken").is_none());
        assert_eq!(p3["totalSize"], 10);
        assert_eq!(p3["pageSize"], 2);
    }

    #[test]
    fn rejects_bad_input() {
        let items: Vec<u32> = vec![];
        for bad in ["16", "-1", "abc"] {
            let e = page(&items, "xs", &q(&[("pageSize", bad)]), SPEC).unwrap_err();
            assert_eq!(e.code, "invalid_page_size");
        }
        let e = page(&items, "xs", &q(&[("pageToken", "garbage!")]), SPEC).unwrap_err();
        assert_eq!(e.code, "invalid_page_token");
        assert!(page(&items, "xs", &q(&[("pageSize", "0")]), SPEC).is_ok());
    }
}
