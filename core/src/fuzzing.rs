//! Entry points for the fuzz targets in `fuzz/` and for the replay of their regressions by
//! `cargo test` (`core/tests/fuzz_regressions.rs`). Each takes arbitrary bytes as a server's
//! answer and runs the real parsing code on it; any panic is a bug. Not part of the API.

use crate::auth::token_endpoint::{parse_oauth_error, parse_success};
use crate::auth::{Auth, FetchedToken, TokenProvider};
use crate::clock::{Clock, ManualClock};
use crate::error::{Result, SinchError};
use crate::http::RawResponse;
use crate::provisioning::bundles::BundlePage;
use crate::provisioning::kakaotalk::KakaoTalkSenderPage;
use crate::provisioning::pagination::{Page, PageResponse};
use crate::provisioning::rcs::RcsSenderPage;
use crate::provisioning::sms_apps::SmsAppPage;
use crate::provisioning::webhooks::WebhookPage;
use crate::provisioning::whatsapp::flows::WhatsappFlowPage;
use crate::provisioning::whatsapp::senders::WhatsappSenderPage;
use crate::provisioning::whatsapp::templates::WhatsappTemplatePage;
use crate::retry::{parse_retry_after, RetryPolicy};
use crate::secret::Secret;
use crate::token::{CacheKey, CacheOptions, MemoryStore, TokenCache, TokenEntry, TokenStore};
use std::ops::ControlFlow;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

fn response(status: u16, body: &[u8]) -> RawResponse {
    RawResponse {
        status,
        headers: reqwest::header::HeaderMap::new(),
        body: body.to_vec(),
    }
}

/// A status in `[100, 600)` from the first two bytes, and the rest as the body.
fn split_status(data: &[u8]) -> (u16, &[u8]) {
    match data {
        [a, b, rest @ ..] => (100 + u16::from_le_bytes([*a, *b]) % 500, rest),
        _ => (200, data),
    }
}

/// A provider whose token endpoint answered `body`.
#[derive(Debug)]
struct Canned {
    body: Vec<u8>,
    clock: Arc<ManualClock>,
}

impl TokenProvider for Canned {
    fn cache_key(&self) -> CacheKey {
        CacheKey::new(
            "https://fuzz.invalid/token",
            "fuzz",
            "fuzz",
            "",
            &Secret::new("s"),
        )
    }
    fn sealing_secret(&self) -> &Secret {
        static SECRET: std::sync::OnceLock<Secret> = std::sync::OnceLock::new();
        SECRET.get_or_init(|| Secret::new("s"))
    }
    fn describe(&self) -> String {
        "the fuzz input".into()
    }
    fn clock(&self) -> Arc<dyn Clock> {
        self.clock.clone()
    }
    fn fetch(&self, _previous: Option<&TokenEntry>) -> Result<FetchedToken> {
        let sent_at = self.clock.now();
        parse_success(&response(200, &self.body), sent_at, "the fuzz input")
            .map(FetchedToken::from_response)
    }
}

/// A token endpoint's answer: parsed as a success (then cached, saved to a store, loaded back
/// by a second cache and aged, which runs every lifetime computation) and as an error.
pub fn token_response(data: &[u8]) {
    let _ = parse_oauth_error(&response(400, data));
    let clock = Arc::new(ManualClock::new());
    let store: Arc<dyn TokenStore> = Arc::new(MemoryStore::new());
    let cache = |clock: &Arc<ManualClock>| {
        let cache = TokenCache::new(
            Box::new(Canned {
                body: data.to_vec(),
                clock: clock.clone(),
            }),
            CacheOptions::default(),
        );
        cache.set_store(Some(store.clone()));
        cache
    };
    let first = cache(&clock);
    if first.get().is_err() {
        return;
    }
    let _ = cache(&clock).get(); // adopts the stored token
    clock.advance(Duration::from_secs(3 * 24 * 3600));
    let _ = first.get();
}

/// A Provisioning API error answer (status from the first bytes), and its text as a
/// `Retry-After` value through the retry policy.
pub fn papi_error(data: &[u8]) {
    let (status, body) = split_status(data);
    let _ = crate::provisioning::error::map_error(&response(status, body), "fuzzing", "fuzz");
    if let Ok(text) = std::str::from_utf8(body) {
        let wait = parse_retry_after(text, SystemTime::now());
        let _ = RetryPolicy::default().delay(0, wait, Duration::ZERO);
    }
}

fn page<P>(body: &[u8])
where
    P: Page + serde::de::DeserializeOwned + std::fmt::Debug,
{
    let whole = PageResponse::<P>::new(response(200, body), "fuzzing").decode();
    let mut read = 0usize;
    let each = PageResponse::<P>::new(response(200, body), "fuzzing").decode_each(|_| {
        read += 1;
        ControlFlow::Continue(())
    });
    // The two readers of a page are one visitor: they must agree.
    match (&whole, &each) {
        (Ok(page), Ok(Some(info))) => {
            assert_eq!(page.next_page_token(), info.next_page_token.as_deref());
        }
        (Err(_), Err(_)) => {}
        (w, e) => panic!("whole and item-by-item decoding disagree: {w:?} vs {e:?}"),
    }
    if let Ok(page) = whole {
        assert_eq!(page.into_items().len(), read);
    }
}

/// A list page of the family chosen by the first byte, decoded whole and item by item.
pub fn pages(data: &[u8]) {
    let Some((which, body)) = data.split_first() else {
        return;
    };
    match which % 11 {
        0 => page::<WebhookPage>(body),
        1 => page::<SmsAppPage>(body),
        2 => page::<BundlePage>(body),
        3 => page::<KakaoTalkSenderPage>(body),
        4 => page::<RcsSenderPage>(body),
        5 => page::<WhatsappSenderPage>(body),
        6 => page::<WhatsappTemplatePage>(body),
        7 => page::<WhatsappFlowPage>(body),
        8 => page::<crate::provisioning::activity::ActivityPage>(body),
        9 => page::<crate::provisioning::kakaotalk_templates::KakaoTalkTemplatePage>(body),
        _ => page::<crate::provisioning::kakaotalk_categories::KakaoTalkTemplateCategoryPage>(body),
    }
}

/// A Sinch India send answer (status from the first bytes).
pub fn india_response(data: &[u8]) {
    let (status, body) = split_status(data);
    let auth = Auth::basic("fuzz", "fuzz-secret").expect("valid credentials");
    match crate::india::interpret(&response(status, body), "fuzzing", &auth) {
        Ok(r) => assert!((200..300).contains(&status), "{status} accepted as {r:?}"),
        Err(SinchError::InternalError { reason }) => panic!("Internal: {reason}"),
        Err(_) => {}
    }
}

/// A webhook callback: the input is a request, headers then a blank line then the body
/// (`name: value` lines, any names, any case, any repetition). If the first byte is `!`, the
/// rest is a body that gets correctly signed first, so the event parser runs on arbitrary
/// bodies too; otherwise the verifier sees the headers as given (almost always refused, which
/// must be a typed error, never a panic). Signed bodies must never be refused as forged.
pub fn callbacks(data: &[u8]) {
    use crate::callbacks::{
        signature_headers, CallbackError, CallbackHeaders, CallbackVerifier, MemoryReplayCache,
        VerifyOptions,
    };
    const NOW: i64 = 1_800_000_000;
    let verifier = CallbackVerifier::new(
        [Secret::new("fuzz-secret"), Secret::new("other")],
        VerifyOptions {
            replay_cache: Some(Arc::new(MemoryReplayCache::with_capacity(4))),
            ..Default::default()
        },
    )
    .expect("valid verifier");
    if let Some(body) = data.strip_prefix(b"!") {
        let headers = CallbackHeaders::from_pairs(signature_headers(
            &Secret::new("fuzz-secret"),
            body,
            "01FUZZNONCE",
            NOW,
        ));
        match verifier.verify_at(&headers, body, NOW) {
            Ok(event) => {
                let _ = format!("{event:?}");
            }
            Err(CallbackError::MalformedBody { reason }) => {
                assert!(!reason.contains("fuzz-secret"))
            }
            Err(e) => panic!("a correctly signed body was refused: {e:?}"),
        }
        return;
    }
    let text = String::from_utf8_lossy(data);
    let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
    let headers = CallbackHeaders::from_pairs(
        head.lines()
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.to_string(), v.to_string())),
    );
    if let Err(e) = verifier.verify_at(&headers, body.as_bytes(), NOW) {
        let shown = format!("{e:?} {e}");
        assert!(!shown.contains("fuzz-secret"), "{shown}");
    }
}
