//! `HttpOptions`: the one record of HTTP settings a caller may change, taken by every
//! constructor in every language, and checked here into the [`HttpSettings`] and
//! [`RetryPolicy`] the transport uses.
//!
//! Defaults, in one place: connect timeout 10 s; request timeout 30 s (one whole exchange, body
//! included); 4 attempts within a 30 s retry budget; the proxy from the environment
//! (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`, as curl reads them) unless one is given
//! or `use_env_proxy` is false; the platform's trusted roots; user agent
//! `sinch-core/<version> <language>/<version>`.

use crate::error::{Result, SinchError};
use crate::http::HttpSettings;
use crate::redact::redact_url;
use crate::retry::RetryPolicy;
use std::time::Duration;

/// HTTP settings for a client or an auth object; `None` keeps the default (module docs).
/// Python `HttpOptions(request_timeout=timedelta(seconds=5), proxy="http://proxy:3128")`,
/// Kotlin/Java `HttpOptions(requestTimeout = Duration.ofSeconds(5))`.
#[derive(Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HttpOptions {
    /// Establishing the connection (TCP and TLS). Default 10 s.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub connect_timeout: Option<Duration>,
    /// One whole exchange, body included; retries come on top. Default 30 s.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub request_timeout: Option<Duration>,
    /// Attempts per call, the first included: 1 turns retries off. Default 4, at most 10.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub max_attempts: Option<i32>,
    /// No retry starts after this much time since the first attempt. Default 30 s.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub retry_budget: Option<Duration>,
    /// A proxy for every request: `http://host:port` (may carry `user:password@`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub proxy: Option<String>,
    /// Hosts that bypass the proxy, comma-separated (`localhost,.internal,10.0.0.0/8`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub no_proxy: Option<String>,
    /// Whether the proxy environment variables apply when no `proxy` is given. Default true.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub use_env_proxy: Option<bool>,
    /// More trusted CA certificates, PEM (a corporate proxy's CA, a test server's).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra_ca_pem: Option<String>,
    /// Trust only `extra_ca_pem`, not the platform's roots. Default false.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub trust_only_extra_ca: Option<bool>,
    /// Appended to the user agent (`myapp/1.2`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub user_agent_suffix: Option<String>,
}

impl std::fmt::Debug for HttpOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpOptions")
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("max_attempts", &self.max_attempts)
            .field("retry_budget", &self.retry_budget)
            .field("proxy", &self.proxy.as_deref().map(redact_url))
            .field("no_proxy", &self.no_proxy)
            .field("use_env_proxy", &self.use_env_proxy)
            .field("extra_ca_pem", &self.extra_ca_pem.as_ref().map(|p| p.len()))
            .field("trust_only_extra_ca", &self.trust_only_extra_ca)
            .field("user_agent_suffix", &self.user_agent_suffix)
            .finish()
    }
}

/// Timeouts outside this range are refused: zero would fail every call, and a wait of more
/// than an hour is a mistake in units (seconds given as milliseconds…).
const TIMEOUT_RANGE: std::ops::RangeInclusive<Duration> =
    Duration::from_millis(1)..=Duration::from_secs(3600);

const MAX_ATTEMPTS: i32 = 10;

fn timeout(value: Option<Duration>, name: &str, default: Duration) -> Result<Duration> {
    match value {
        None => Ok(default),
        Some(d) if TIMEOUT_RANGE.contains(&d) => Ok(d),
        Some(d) => Err(SinchError::invalid_config(format!(
            "the {name} {d:?} is out of range: use 1 ms to 1 hour"
        ))),
    }
}

impl HttpOptions {
    /// The transport settings and retry policy these options give, checked: every mistake is
    /// `InvalidConfig` here, at construction, never at the first request.
    pub fn resolve(&self) -> Result<(HttpSettings, RetryPolicy)> {
        let default = HttpSettings::default();
        let mut retry = RetryPolicy::default();
        if let Some(n) = self.max_attempts {
            if !(1..=MAX_ATTEMPTS).contains(&n) {
                return Err(SinchError::invalid_config(format!(
                    "max_attempts {n} is out of range: use 1 (no retries) to {MAX_ATTEMPTS}"
                )));
            }
            retry.max_retries = n.unsigned_abs() - 1;
        }
        if let Some(budget) = self.retry_budget {
            retry.max_total = timeout(Some(budget), "retry budget", retry.max_total)?;
        }
        let proxy = self
            .proxy
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty());
        if let Some(p) = proxy {
            check_proxy(p)?;
        }
        let extra_ca_pem = self.extra_ca_pem.clone().filter(|p| !p.trim().is_empty());
        if let Some(pem) = &extra_ca_pem {
            let certs = reqwest::Certificate::from_pem_bundle(pem.as_bytes()).map_err(|e| {
                SinchError::invalid_config(format!("extra_ca_pem is not PEM certificates: {e}"))
            })?;
            if certs.is_empty() {
                return Err(SinchError::invalid_config(
                    "extra_ca_pem holds no certificate (expected -----BEGIN CERTIFICATE----- \
                     blocks)",
                ));
            }
            // Parsed as trust anchors now (a throwaway async client builds no runtime), so a
            // bad certificate is an error here rather than at the first request.
            reqwest::Client::builder()
                .tls_certs_only(certs)
                .build()
                .map_err(|e| {
                    SinchError::invalid_config(format!(
                        "extra_ca_pem holds a certificate that cannot be trusted: {e}"
                    ))
                })?;
        }
        let trust_only_extra_ca = self.trust_only_extra_ca.unwrap_or(false);
        if trust_only_extra_ca && extra_ca_pem.is_none() {
            return Err(SinchError::invalid_config(
                "trust_only_extra_ca is set but extra_ca_pem is empty: no server could be trusted",
            ));
        }
        let user_agent_suffix = self.user_agent_suffix.clone().filter(|s| !s.is_empty());
        if let Some(s) = &user_agent_suffix {
            if !s.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
                return Err(SinchError::invalid_config(format!(
                    "user_agent_suffix {s:?} must be printable ASCII (it is an HTTP header)"
                )));
            }
        }
        let settings = HttpSettings {
            connect_timeout: timeout(
                self.connect_timeout,
                "connect timeout",
                default.connect_timeout,
            )?,
            request_timeout: timeout(
                self.request_timeout,
                "request timeout",
                default.request_timeout,
            )?,
            proxy: proxy.map(str::to_string),
            no_proxy: self.no_proxy.clone().filter(|s| !s.trim().is_empty()),
            use_env_proxy: self.use_env_proxy.unwrap_or(true),
            extra_ca_pem,
            trust_only_extra_ca,
            user_agent_suffix,
        };
        Ok((settings, retry))
    }
}

fn check_proxy(raw: &str) -> Result<()> {
    let shown = redact_url(raw);
    let url = url::Url::parse(raw).map_err(|e| {
        SinchError::invalid_config(format!(
            "the proxy '{shown}' is not a valid URL ({e}); give http://host:port"
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") || !url.has_host() {
        return Err(SinchError::invalid_config(format!(
            "the proxy '{shown}' must be an http:// or https:// URL with a host"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_resolve_to_the_documented_settings() {
        let (http, retry) = HttpOptions::default().resolve().unwrap();
        assert_eq!(http, HttpSettings::default());
        assert_eq!(retry, RetryPolicy::default());
        assert_eq!(retry.max_retries + 1, 4);
    }

    #[test]
    fn retries_can_be_turned_off_and_bounded() {
        let off = HttpOptions {
            max_attempts: Some(1),
            retry_budget: Some(Duration::from_secs(5)),
            ..Default::default()
        };
        let (_, retry) = off.resolve().unwrap();
        assert_eq!(retry.max_retries, 0);
        assert_eq!(retry.max_total, Duration::from_secs(5));
        for bad in [0, -1, 11] {
            let o = HttpOptions {
                max_attempts: Some(bad),
                ..Default::default()
            };
            assert!(matches!(o.resolve(), Err(SinchError::InvalidConfig { .. })));
        }
    }

    #[test]
    fn bad_proxies_and_pems_are_invalid_config_without_the_password() {
        for proxy in ["ftp://u:SECRET@proxy:21", "not a url", "http://u:SECRET@"] {
            let o = HttpOptions {
                proxy: Some(proxy.into()),
                ..Default::default()
            };
            let err = o.resolve().unwrap_err();
            assert!(matches!(err, SinchError::InvalidConfig { .. }), "{err:?}");
            assert!(!err.reason().contains("SECRET"), "{}", err.reason());
        }
        let o = HttpOptions {
            proxy: Some("http://u:SECRET@proxy:3128".into()),
            ..Default::default()
        };
        assert!(!format!("{o:?}").contains("SECRET"));
        for pem in [
            "not a pem",
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
        ] {
            let o = HttpOptions {
                extra_ca_pem: Some(pem.into()),
                ..Default::default()
            };
            assert!(matches!(o.resolve(), Err(SinchError::InvalidConfig { .. })));
        }
        let o = HttpOptions {
            trust_only_extra_ca: Some(true),
            ..Default::default()
        };
        assert!(matches!(o.resolve(), Err(SinchError::InvalidConfig { .. })));
    }
}
