//! Keeping secrets out of what is echoed: URLs in errors and logs, and server-provided text.
//!
//! A server (or a proxy in front of it) may quote the request's `Authorization` header, a form
//! field or a token back in its error body, and that body ends up in error messages and WARN
//! logs. So every error body is scrubbed of the secrets its request carried, in the forms a
//! server is likely to echo them (as sent, JSON-escaped, form-encoded), before anything reads it.

const REDACTED: &str = "[redacted]";

/// Shorter values are not scrubbed: they are not credentials, and replacing them would garble
/// unrelated text.
const MIN_SECRET_LEN: usize = 4;

/// `raw` with any `user:password@` part replaced by `[redacted]@`, for quoting a URL a user
/// gave in an error message. Works on text that does not parse as a URL too.
pub fn redact_url(raw: &str) -> String {
    // By hand rather than through `Url`, so that text that does not parse is redacted too.
    let Some(start) = raw.find("://").map(|i| i + 3) else {
        return raw.to_string();
    };
    let authority_end = raw[start..]
        .find(['/', '?', '#'])
        .map_or(raw.len(), |i| start + i);
    match raw[start..authority_end].rfind('@') {
        Some(at) => format!("{}{REDACTED}{}", &raw[..start], &raw[start + at..]),
        None => raw.to_string(),
    }
}

/// Replaces, in `body`, every occurrence of each secret (and of its JSON-escaped and
/// form-encoded forms) with `[redacted]`.
pub fn scrub(body: &mut Vec<u8>, secrets: &[&str]) {
    for secret in secrets.iter().filter(|s| s.len() >= MIN_SECRET_LEN) {
        for form in echoed_forms(secret) {
            replace_all(body, form.as_bytes(), REDACTED.as_bytes());
        }
    }
}

/// `text` scrubbed like [`scrub`].
pub fn scrub_str(text: &str, secrets: &[&str]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    scrub(&mut bytes, secrets);
    String::from_utf8_lossy(&bytes).into_owned()
}

fn echoed_forms(secret: &str) -> Vec<zeroize::Zeroizing<String>> {
    let mut forms = vec![zeroize::Zeroizing::new(secret.to_string())];
    let json = serde_json::to_string(secret).unwrap_or_default();
    let json = json.trim_matches('"');
    for candidate in [
        json.to_string(),
        json.replace('/', "\\/"),
        url::form_urlencoded::byte_serialize(secret.as_bytes()).collect(),
    ] {
        if !forms.iter().any(|f| **f == candidate) {
            forms.push(zeroize::Zeroizing::new(candidate));
        }
    }
    forms
}

fn replace_all(haystack: &mut Vec<u8>, needle: &[u8], with: &[u8]) {
    if needle.is_empty() || haystack.len() < needle.len() {
        return;
    }
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    let mut replaced = false;
    while i < haystack.len() {
        if haystack[i..].starts_with(needle) {
            out.extend_from_slice(with);
            i += needle.len();
            replaced = true;
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    if replaced {
        zeroize::Zeroize::zeroize(haystack);
        *haystack = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn userinfo_is_redacted_in_urls_that_parse_and_that_do_not() {
        assert_eq!(
            redact_url("http://user:SECRET@example.com/oauth2/token"),
            "http://[redacted]@example.com/oauth2/token"
        );
        assert_eq!(
            redact_url("https://example.com/x?a=1"),
            "https://example.com/x?a=1"
        );
        let odd = redact_url("http://user:SECRET@exa mple.com:99999/x");
        assert!(!odd.contains("SECRET"), "{odd}");
        assert!(odd.contains("exa mple.com"), "{odd}");
        assert_eq!(redact_url("not a url"), "not a url");
    }

    #[test]
    fn secrets_are_scrubbed_as_sent_json_escaped_and_form_encoded() {
        let secret = "ab/c+d\"e";
        let mut body = format!(
            "raw {secret} json {} escaped {} form {}",
            serde_json::to_string(secret).unwrap().trim_matches('"'),
            serde_json::to_string(secret)
                .unwrap()
                .trim_matches('"')
                .replace('/', "\\/"),
            url::form_urlencoded::byte_serialize(secret.as_bytes()).collect::<String>()
        )
        .into_bytes();
        scrub(&mut body, &[secret]);
        let text = String::from_utf8(body).unwrap();
        assert_eq!(
            text,
            "raw [redacted] json [redacted] escaped [redacted] form [redacted]"
        );
        assert_eq!(scrub_str("a b", &["a"]), "a b", "short values are kept");
    }
}
