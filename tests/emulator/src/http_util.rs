//! Small helpers shared by handlers: JSON responses, header parsing, form parsing,
//! and HTTP Basic decoding.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Response, StatusCode};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// A JSON response with extra headers.
pub fn json_response(
    status: StatusCode,
    body: &serde_json::Value,
    headers: &[(&'static str, &str)],
) -> Response<Body> {
    let mut resp = Response::new(Body::from(body.to_string()));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    for (name, value) in headers {
        if let Ok(v) = HeaderValue::from_str(value) {
            resp.headers_mut().insert(*name, v);
        }
    }
    resp
}

/// The credentials of an `Authorization` header, if it has a known scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// `Basic`, decoded and split at the first colon.
    Basic {
        id: String,
        secret: String,
    },
    Bearer(String),
    /// Present but unusable (bad base64, no colon, other scheme…).
    Malformed,
}

/// Parses the `Authorization` header. `None` when it is absent.
pub fn credentials(headers: &HeaderMap) -> Option<Credentials> {
    let raw = headers.get(header::AUTHORIZATION)?;
    let Ok(raw) = raw.to_str() else {
        return Some(Credentials::Malformed);
    };
    let raw = raw.trim();
    let (scheme, rest) = raw.split_once(' ').unwrap_or((raw, ""));
    let rest = rest.trim();
    if scheme.eq_ignore_ascii_case("basic") {
        Some(decode_basic(rest).unwrap_or(Credentials::Malformed))
    } else if scheme.eq_ignore_ascii_case("bearer") && !rest.is_empty() {
        Some(Credentials::Bearer(rest.to_string()))
    } else {
        Some(Credentials::Malformed)
    }
}

/// Decodes `base64(id:secret)`, splitting at the FIRST colon so secrets may contain colons
/// (and `+ / = ~`, which never needed escaping in the raw form).
fn decode_basic(b64: &str) -> Option<Credentials> {
    let bytes = STANDARD.decode(b64).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some(Credentials::Basic {
        id: id.to_string(),
        secret: secret.to_string(),
    })
}

/// `application/x-www-form-urlencoded` decoding of one component (RFC 6749 §2.3.1 asks
/// clients to encode id and secret this way before Basic; many do not, so callers try the
/// raw value first). `None` for invalid escapes or non-UTF-8.
pub fn form_urldecode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Parses a form body into pairs; an unparsable body yields no pairs (the handler then
/// reports the missing parameter, as a real server would).
pub fn parse_form(body: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).unwrap_or_default()
}

/// First value of `name` in a parsed form.
pub fn form_get<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basic(s: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Basic {}", STANDARD.encode(s))).unwrap(),
        );
        h
    }

    #[test]
    fn basic_splits_at_first_colon() {
        assert_eq!(
            credentials(&basic("id:se:c+/=~")),
            Some(Credentials::Basic {
                id: "id".into(),
                secret: "se:c+/=~".into()
            })
        );
        assert_eq!(credentials(&basic("nocolon")), Some(Credentials::Malformed));
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic !!!"));
        assert_eq!(credentials(&h), Some(Credentials::Malformed));
        assert_eq!(credentials(&HeaderMap::new()), None);
    }

    #[test]
    fn urldecode() {
        assert_eq!(form_urldecode("a%2Bb+c").as_deref(), Some("a+b c"));
        assert_eq!(form_urldecode("%zz"), None);
        assert_eq!(form_urldecode("%4"), None);
    }
}
