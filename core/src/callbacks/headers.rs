//! The four signature headers, picked out of whatever shape the receiver's framework hands
//! over: pairs, a multimap (`Map<String, List<String>>`, as the JDK's `HttpServer` has), or an
//! `http::HeaderMap` (axum, hyper, reqwest). Names are compared case-insensitively; every value
//! of a name is kept, so a repeated header is seen and refused rather than silently chosen.

use std::collections::HashMap;

pub const SIGNATURE: &str = "x-sinch-webhook-signature";
pub const ALGORITHM: &str = "x-sinch-webhook-signature-algorithm";
pub const NONCE: &str = "x-sinch-webhook-signature-nonce";
pub const TIMESTAMP: &str = "x-sinch-webhook-signature-timestamp";

/// The only algorithm Sinch documents.
pub const HMAC_SHA256: &str = "HmacSHA256";

/// The signature headers of one request (other headers are dropped on the way in).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallbackHeaders {
    pub(crate) signature: Vec<String>,
    pub(crate) algorithm: Vec<String>,
    pub(crate) nonce: Vec<String>,
    pub(crate) timestamp: Vec<String>,
}

impl CallbackHeaders {
    /// From `(name, value)` pairs, in any case; a name may repeat.
    pub fn from_pairs<I, K, V>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut h = CallbackHeaders::default();
        for (name, value) in pairs {
            h.add(name.as_ref(), value.as_ref());
        }
        h
    }

    /// From a multimap such as the JDK's `Headers` or a Python dict of lists. Two keys that
    /// differ only in case are one header.
    pub fn from_multimap(map: &HashMap<String, Vec<String>>) -> Self {
        Self::from_pairs(
            map.iter()
                .flat_map(|(k, values)| values.iter().map(move |v| (k, v))),
        )
    }

    /// Adds one value. Values are trimmed (a proxy may pad them); other headers are ignored.
    pub fn add(&mut self, name: &str, value: &str) {
        let slot = match name.trim() {
            n if n.eq_ignore_ascii_case(SIGNATURE) => &mut self.signature,
            n if n.eq_ignore_ascii_case(ALGORITHM) => &mut self.algorithm,
            n if n.eq_ignore_ascii_case(NONCE) => &mut self.nonce,
            n if n.eq_ignore_ascii_case(TIMESTAMP) => &mut self.timestamp,
            _ => return,
        };
        slot.push(value.trim().to_string());
    }
}

/// axum, hyper and reqwest requests carry this map. A value that is not visible ASCII is kept
/// as a lossy string: it can never match a signature, and is reported as such.
impl From<&reqwest::header::HeaderMap> for CallbackHeaders {
    fn from(map: &reqwest::header::HeaderMap) -> Self {
        let mut h = CallbackHeaders::default();
        for name in [SIGNATURE, ALGORITHM, NONCE, TIMESTAMP] {
            for value in map.get_all(name) {
                h.add(name, &String::from_utf8_lossy(value.as_bytes()));
            }
        }
        h
    }
}

impl From<&HashMap<String, Vec<String>>> for CallbackHeaders {
    fn from(map: &HashMap<String, Vec<String>>) -> Self {
        Self::from_multimap(map)
    }
}

impl From<&HashMap<String, String>> for CallbackHeaders {
    fn from(map: &HashMap<String, String>) -> Self {
        Self::from_pairs(map)
    }
}

impl<K: AsRef<str>, V: AsRef<str>> From<&[(K, V)]> for CallbackHeaders {
    fn from(pairs: &[(K, V)]) -> Self {
        Self::from_pairs(pairs.iter().map(|(k, v)| (k, v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_case_insensitive_and_others_dropped() {
        let h = CallbackHeaders::from_pairs([
            ("X-Sinch-Webhook-Signature", "sig"),
            ("x-sinch-webhook-signature-NONCE", " n1 "),
            ("Content-Type", "application/json"),
        ]);
        assert_eq!(h.signature, ["sig"]);
        assert_eq!(h.nonce, ["n1"]);
        assert!(h.algorithm.is_empty() && h.timestamp.is_empty());
    }

    #[test]
    fn keys_differing_in_case_are_one_header() {
        let map = HashMap::from([
            (NONCE.to_uppercase(), vec!["a".to_string()]),
            (NONCE.to_string(), vec!["b".to_string()]),
        ]);
        let mut got = CallbackHeaders::from(&map).nonce;
        got.sort();
        assert_eq!(got, ["a", "b"]);
    }

    #[test]
    fn from_a_header_map() {
        let mut map = reqwest::header::HeaderMap::new();
        map.insert(TIMESTAMP, "1700000000".parse().unwrap());
        map.append(TIMESTAMP, "1700000001".parse().unwrap());
        assert_eq!(
            CallbackHeaders::from(&map).timestamp,
            ["1700000000", "1700000001"]
        );
    }
}
