//! URL policy: only `https://`, except loopback hosts (the local emulator and tests).

use crate::error::{Result, SinchError};
use crate::redact::redact_url;
use std::net::IpAddr;
use url::{Host, Url};

/// Parses `raw` and checks the policy. `what` names the setting in the error ("token URL").
pub fn checked_url(raw: &str, what: &str) -> Result<Url> {
    // Quoted in errors only with any `user:password@` part redacted.
    let shown = redact_url(raw);
    let raw = raw.trim();
    let url = Url::parse(raw).map_err(|e| {
        SinchError::invalid_config(format!(
            "the {what} '{shown}' is not a valid URL ({e}); give an absolute https:// URL"
        ))
    })?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(SinchError::invalid_config(format!(
                "the {what} '{shown}' uses http:// on a non-loopback host; credentials and tokens \
                 must only travel over https:// (plain http is allowed for 127.0.0.1, ::1 and \
                 localhost only)"
            )))
        }
        other => {
            return Err(SinchError::invalid_config(format!(
                "the {what} '{shown}' has the scheme '{other}:'; use https://"
            )))
        }
    }
    if url.host().is_none() {
        return Err(SinchError::invalid_config(format!(
            "the {what} '{shown}' has no host"
        )));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(SinchError::invalid_config(format!(
            "the {what} must not embed credentials (user:password@host); pass them separately"
        )));
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_and_loopback_http_pass() {
        for ok in [
            "https://auth.sinch.com/oauth2/token",
            "http://127.0.0.1:8080/oauth2/token",
            "http://localhost/x",
            "http://[::1]:9/x",
            "http://127.3.4.5/x",
        ] {
            assert!(checked_url(ok, "token URL").is_ok(), "{ok}");
        }
    }

    #[test]
    fn a_password_in_a_url_is_never_quoted() {
        for raw in [
            "http://user:SECRET@auth.sinch.com/oauth2/token",
            "https://user:SECRET@auth.sinch.com/oauth2/token",
            "ftp://user:SECRET@host/x",
            "http://user:SECRET@bad host/x",
        ] {
            let err = checked_url(raw, "token URL").unwrap_err();
            assert!(matches!(err, SinchError::InvalidConfig { .. }), "{err:?}");
            assert!(!err.reason().contains("SECRET"), "{}", err.reason());
            assert!(!format!("{err:?}").contains("SECRET"));
        }
    }

    #[test]
    fn plain_http_elsewhere_is_invalid_config_with_a_clear_reason() {
        let err = checked_url("http://auth.sinch.com/oauth2/token", "token URL").unwrap_err();
        assert!(matches!(err, SinchError::InvalidConfig { .. }));
        assert!(err.reason().contains("https://"), "{}", err.reason());
        assert!(err.reason().contains("token URL"));
        for bad in [
            "ftp://x/y",
            "not a url",
            "http://10.0.0.1/x",
            "https://u:p@h/x",
        ] {
            assert!(matches!(
                checked_url(bad, "base URL"),
                Err(SinchError::InvalidConfig { .. })
            ));
        }
    }
}
