//! The HTTP transport: one `reqwest::blocking::Client` per process configuration (connection
//! pools are reused by every client and token cache built with the same settings), response
//! reading with a size cap, and the mapping of transport failures to [`SinchError`].

use crate::error::{Result, SinchError};
use crate::secret::Secret;
use once_cell::sync::Lazy;
use std::collections::HashMap;
use std::io::Read;
use std::sync::Mutex;
use std::time::Duration;

/// What a shared HTTP client is built with; the key under which clients are shared. Built from
/// [`HttpOptions`](crate::HttpOptions), which documents the defaults.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpSettings {
    pub connect_timeout: Duration,
    /// Bounds one whole exchange: connecting, sending, the headers and the whole body. A server
    /// that trickles its body cannot hold a call longer than this (retries come on top, bounded
    /// by the [`RetryPolicy`](crate::RetryPolicy)).
    pub request_timeout: Duration,
    pub proxy: Option<String>,
    pub no_proxy: Option<String>,
    pub use_env_proxy: bool,
    pub extra_ca_pem: Option<String>,
    pub trust_only_extra_ca: bool,
    pub user_agent_suffix: Option<String>,
}

impl Default for HttpSettings {
    fn default() -> Self {
        HttpSettings {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            proxy: None,
            no_proxy: None,
            use_env_proxy: true,
            extra_ca_pem: None,
            trust_only_extra_ca: false,
            user_agent_suffix: None,
        }
    }
}

/// The client lookup hashes the settings on every request: the PEM (possibly kilobytes) is
/// hashed by its length only. Equal hashes are still compared in full, so this costs nothing
/// in correctness.
impl std::hash::Hash for HttpSettings {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.connect_timeout.hash(h);
        self.request_timeout.hash(h);
        self.proxy.hash(h);
        self.no_proxy.hash(h);
        self.use_env_proxy.hash(h);
        self.extra_ca_pem.as_ref().map(String::len).hash(h);
        self.trust_only_extra_ca.hash(h);
        self.user_agent_suffix.hash(h);
    }
}

impl std::fmt::Debug for HttpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpSettings")
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field(
                "proxy",
                &self.proxy.as_deref().map(crate::redact::redact_url),
            )
            .field("no_proxy", &self.no_proxy)
            .field("use_env_proxy", &self.use_env_proxy)
            .field("extra_ca_pem", &self.extra_ca_pem.as_ref().map(|p| p.len()))
            .field("trust_only_extra_ca", &self.trust_only_extra_ca)
            .field("user_agent_suffix", &self.user_agent_suffix)
            .finish()
    }
}

/// The language the library is called from (`python/3.11.4`), for the user agent; set once
/// by a binding at load time.
static PLATFORM: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Names the calling language in the user agent (`sinch-core/0.1.0 python/3.11.4`). Only the
/// first call counts.
pub fn set_user_agent_platform(platform: &str) {
    let clean: String = platform
        .chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .take(64)
        .collect();
    let _ = PLATFORM.set(clean);
}

fn user_agent(settings: &HttpSettings) -> String {
    let mut ua = concat!("sinch-core/", env!("CARGO_PKG_VERSION")).to_string();
    for part in [PLATFORM.get(), settings.user_agent_suffix.as_ref()]
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
    {
        ua.push(' ');
        ua.push_str(part);
    }
    ua
}

fn build_client(settings: &HttpSettings, plain_http: bool) -> Result<reqwest::blocking::Client> {
    let invalid = |what: &str, e: reqwest::Error| {
        SinchError::invalid_config(format!("cannot use the {what}: {e}"))
    };
    let mut builder = reqwest::blocking::Client::builder()
        .connect_timeout(settings.connect_timeout)
        .timeout(settings.request_timeout)
        .user_agent(user_agent(settings))
        .redirect(reqwest::redirect::Policy::none());
    if let Some(url) = &settings.proxy {
        let proxy = reqwest::Proxy::all(url.as_str())
            .map_err(|e| invalid("proxy", e))?
            .no_proxy(
                settings
                    .no_proxy
                    .as_deref()
                    .and_then(reqwest::NoProxy::from_string),
            );
        builder = builder.proxy(proxy);
    } else if !settings.use_env_proxy {
        builder = builder.no_proxy();
    }
    if plain_http {
        // Only loopback `http://` URLs get here (the URL policy), with no proxy in between:
        // nothing to verify, so the platform's root certificates are not loaded (milliseconds
        // at the first call of a process).
        builder = builder.tls_certs_only(Vec::new());
    } else if let Some(pem) = &settings.extra_ca_pem {
        let certs = reqwest::Certificate::from_pem_bundle(pem.as_bytes())
            .map_err(|e| invalid("extra CA certificates", e))?;
        builder = if settings.trust_only_extra_ca {
            builder.tls_certs_only(certs)
        } else {
            builder.tls_certs_merge(certs)
        };
    }
    builder.build().map_err(|e| invalid("HTTP settings", e))
}

/// Responses larger than this are refused (a proxy error page or a runaway body must not
/// exhaust memory).
pub const MAX_RESPONSE_BYTES: u64 = 16 * 1024 * 1024;

/// The clients of this process, by settings. A client's connection pool lives on a runtime
/// thread, which a `fork()`ed child does not have: the child starts a map of its own.
static CLIENTS: Lazy<Mutex<Clients>> = Lazy::new(|| {
    Mutex::new(Clients {
        pid: std::process::id(),
        by_settings: HashMap::new(),
    })
});

struct Clients {
    pid: u32,
    /// By settings, and whether the client only ever speaks plain HTTP.
    by_settings: HashMap<(HttpSettings, bool), reqwest::blocking::Client>,
}

/// The shared client for `settings`, built on first use in this process. `plain_http`: the
/// client is for `http://` URLs (loopback only) and needs no certificates.
pub fn shared_client(
    settings: &HttpSettings,
    plain_http: bool,
) -> Result<reqwest::blocking::Client> {
    let mut clients = CLIENTS.lock().unwrap_or_else(|p| p.into_inner());
    let pid = std::process::id();
    if clients.pid != pid {
        // Inherited from the parent: dropping them would wait for runtime threads that do not
        // exist in this process, so they are leaked (once per fork).
        std::mem::forget(std::mem::take(&mut clients.by_settings));
        clients.pid = pid;
    }
    let key = (settings.clone(), plain_http);
    if let Some(c) = clients.by_settings.get(&key) {
        return Ok(c.clone());
    }
    let client = crate::offload::outside_async(|| build_client(settings, plain_http))?;
    clients.by_settings.insert(key, client.clone());
    Ok(client)
}

/// A request on the shared client for `settings`, bounded as a whole by its request timeout.
///
/// The timeout is set on each request, not only on the client: reqwest's blocking client
/// applies its own timeout to each read of the body separately, so a body trickling one byte
/// at a time would restart it forever, while a per-request timeout covers the body too.
pub fn request(
    settings: &HttpSettings,
    method: reqwest::Method,
    url: url::Url,
) -> Result<reqwest::blocking::RequestBuilder> {
    // A proxy may itself be reached over TLS: only a direct `http://` request skips the roots.
    let plain_http = url.scheme() == "http"
        && settings.proxy.is_none()
        && !(settings.use_env_proxy && env_proxy_uses_tls());
    Ok(shared_client(settings, plain_http)?
        .request(method, url)
        .timeout(settings.request_timeout))
}

/// Whether an environment proxy for `http://` URLs is itself reached over TLS.
fn env_proxy_uses_tls() -> bool {
    ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .any(|v| v.trim().to_ascii_lowercase().starts_with("https://"))
}

/// `value` as a header value that reqwest and hyper treat as sensitive (left out of their
/// `Debug` output and of HTTP/2 header compression tables).
pub fn sensitive_header(value: &Secret) -> Result<reqwest::header::HeaderValue> {
    let mut v = reqwest::header::HeaderValue::from_str(value.expose()).map_err(|_| {
        SinchError::invalid_config(
            "a credential contains characters that cannot be sent in an HTTP header (control \
             characters or line breaks); check how it was copied",
        )
    })?;
    v.set_sensitive(true);
    Ok(v)
}

/// A response read in full (bounded), with what the retry and error rules need.
#[derive(Debug)]
pub struct RawResponse {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Vec<u8>,
}

impl RawResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
    /// A short, printable excerpt of the body for error messages. Never use it on token
    /// endpoint responses (they carry tokens).
    pub fn excerpt(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut out: String = one_line.chars().take(200).collect();
        if one_line.chars().count() > 200 {
            out.push('…');
        }
        out
    }
    /// The server's `Retry-After`, read once by the one parser ([`crate::retry`]).
    pub fn retry_after(&self, now: std::time::SystemTime) -> Option<Duration> {
        self.header("retry-after")
            .and_then(|v| crate::retry::parse_retry_after(v, now))
    }
    pub fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }
    /// Removes the secrets the request carried from an error body (see [`crate::redact`]),
    /// before anything quotes it. Success bodies are left alone: they are data.
    pub fn scrub_error_body(&mut self, secrets: &[&str]) {
        if !self.is_success() {
            crate::redact::scrub(&mut self.body, secrets);
        }
    }
}

/// Sends `request` and reads the whole response (at most [`MAX_RESPONSE_BYTES`]).
/// `what` names the endpoint in errors ("the token endpoint https://…").
pub fn send(request: reqwest::blocking::RequestBuilder, what: &str) -> Result<RawResponse> {
    crate::offload::outside_async(|| send_here(request, what))
}

fn send_here(request: reqwest::blocking::RequestBuilder, what: &str) -> Result<RawResponse> {
    let response = request.send().map_err(|e| transport_error(e, what))?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let too_large = || {
        SinchError::protocol(format!(
            "{what} sent a response larger than {} MiB (HTTP {status}); refusing to read it",
            MAX_RESPONSE_BYTES / (1024 * 1024)
        ))
    };
    // A declared size over the limit is refused before anything is read or allocated.
    let declared = response.content_length().unwrap_or(0);
    if declared > MAX_RESPONSE_BYTES {
        return Err(too_large());
    }
    // Sized from Content-Length up front (a page of 1000 templates is ~280 KB): growing by
    // doubling copies the body several times and faults in fresh pages each time.
    let mut body = Vec::with_capacity(declared as usize);
    let mut limited = response.take(MAX_RESPONSE_BYTES + 1);
    limited.read_to_end(&mut body).map_err(|e| {
        if is_timeout(&e) {
            SinchError::timeout(format!(
                "{what} did not send its whole answer in time (HTTP {status}, {} bytes read)",
                body.len()
            ))
        } else {
            SinchError::network(format!("reading the response of {what} failed: {e}"))
        }
    })?;
    if body.len() as u64 > MAX_RESPONSE_BYTES {
        return Err(too_large());
    }
    Ok(RawResponse {
        status,
        headers,
        body,
    })
}

fn is_timeout(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::TimedOut
        || e.get_ref()
            .and_then(|inner| inner.downcast_ref::<reqwest::Error>())
            .is_some_and(reqwest::Error::is_timeout)
}

/// The TLS failure behind `e`, if the server's certificate was not trusted.
fn untrusted_certificate(e: &reqwest::Error) -> Option<&rustls::Error> {
    let mut pending: Vec<&(dyn std::error::Error + 'static)> = vec![e];
    // Bounded: error chains are short, but nothing here may loop on a strange one.
    for _ in 0..32 {
        let err = pending.pop()?;
        if let Some(tls) = err.downcast_ref::<rustls::Error>() {
            if matches!(
                tls,
                rustls::Error::InvalidCertificate(_) | rustls::Error::NoCertificatesPresented
            ) {
                return Some(tls);
            }
        }
        // An io::Error hides its payload from `source()`; it is reached through `get_ref()`.
        if let Some(inner) = err
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            pending.push(inner);
        }
        pending.extend(err.source());
    }
    None
}

fn transport_error(e: reqwest::Error, what: &str) -> SinchError {
    // reqwest's Display may include the URL, never headers or bodies; the URL carries no secret
    // (credentials are never put in URLs).
    if let Some(tls) = untrusted_certificate(&e) {
        // Not a passing network fault: retrying cannot help, the settings (or the server) must
        // change.
        return SinchError::invalid_config(format!(
            "{what}: TLS failed, the server's certificate is not trusted ({tls}). If it is \
             signed by your own CA (a corporate proxy, a test server), give that CA as \
             HttpOptions extra_ca_pem; if not, the server's certificate is wrong (expired, or \
             for another host)"
        ));
    }
    if e.is_timeout() {
        SinchError::timeout(format!("{what} did not answer in time: {e}"))
    } else if e.is_builder() {
        SinchError::invalid_config(format!("cannot build a request to {what}: {e}"))
    } else {
        let mut detail = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            detail.push_str(": ");
            detail.push_str(&s.to_string());
            source = s.source();
        }
        SinchError::network(format!("could not reach {what}: {detail}"))
    }
}
