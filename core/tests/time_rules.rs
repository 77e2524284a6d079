//! The time rules of the token cache, driven by a manual clock (no sleeping), against the
//! emulator: refresh ahead, serving the old token when a soft refresh fails, the hard floor,
//! the negative cache, backoff honouring Retry-After, compare-and-swap invalidation.

mod common;

use common::*;
use sinch_core::clock::{Clock, ManualClock};
use sinch_core::token::CacheOptions;
use sinch_core::{Auth, OAuthConfig, SinchError};
use sinch_emulator::{Fault, FaultKind, FaultTarget};
use std::sync::Arc;
use std::time::Duration;

fn manual_auth(emu: &sinch_emulator::Emulator, secret: &str) -> (Auth, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new());
    let auth = Auth::oauth_private(
        OAuthConfig::new(KEY_ID, secret).with_token_url(emu.token_url()),
        clock.clone() as Arc<dyn Clock>,
        CacheOptions::default(),
    )
    .unwrap();
    (auth, clock)
}

fn status_fault(target: FaultTarget, status: u16, retry_after: Option<&str>, count: u32) -> Fault {
    Fault {
        target,
        count,
        kind: FaultKind::Status {
            status,
            retry_after: retry_after.map(str::to_string),
            body: None,
        },
    }
}

#[test]
fn token_is_reused_until_the_soft_time_then_refreshed_once() {
    let emu = emulator();
    let (auth, clock) = manual_auth(&emu, KEY_SECRET);
    let a = auth.access_token().unwrap();
    clock.advance(Duration::from_secs(3200)); // before soft (3240-3350 s for a 1 h token)
    assert_eq!(auth.access_token().unwrap(), a);
    assert_eq!(emu.counters().token_requests, 1);
    clock.advance(Duration::from_secs(200)); // 3400 s: past soft, before the hard floor
    let b = auth.access_token().unwrap();
    assert_ne!(a, b);
    assert_eq!(auth.access_token().unwrap(), b);
    assert_eq!(emu.counters().token_requests, 2);
}

#[test]
fn failed_soft_refresh_serves_the_old_token_until_the_hard_floor() {
    let emu = emulator();
    let (auth, clock) = manual_auth(&emu, KEY_SECRET);
    let a = auth.access_token().unwrap();
    clock.advance(Duration::from_secs(3400));
    // The token endpoint is down for the refresh and its 3 retries.
    emu.inject_fault(status_fault(FaultTarget::Token, 503, None, 4));
    assert_eq!(auth.access_token().unwrap(), a, "old token still served");
    assert_eq!(emu.counters().token_requests, 5);
    // Within the soft retry interval no new attempt is made.
    assert_eq!(auth.access_token().unwrap(), a);
    assert_eq!(emu.counters().token_requests, 5);
    // Later the endpoint is back: the next read refreshes.
    clock.advance(Duration::from_secs(10));
    let b = auth.access_token().unwrap();
    assert_ne!(a, b);
    assert_eq!(emu.counters().token_requests, 6);
}

#[test]
fn past_the_hard_floor_a_failed_refresh_is_an_error() {
    let emu = emulator();
    let (auth, clock) = manual_auth(&emu, KEY_SECRET);
    auth.access_token().unwrap();
    clock.advance(Duration::from_secs(3580)); // hard floor is 3570 s
    emu.inject_fault(status_fault(FaultTarget::Token, 503, None, 4));
    let err = auth.access_token().unwrap_err();
    assert!(
        matches!(err, SinchError::ServiceUnavailable { status: 503, .. }),
        "{err:?}"
    );
    assert!(err.reason().contains("4 attempts"), "{}", err.reason());
}

#[test]
fn rate_limit_is_retried_after_retry_after() {
    let emu = emulator();
    let (auth, clock) = manual_auth(&emu, KEY_SECRET);
    emu.inject_fault(status_fault(FaultTarget::Token, 429, Some("1"), 1));
    auth.access_token().unwrap();
    assert_eq!(emu.counters().token_requests, 2);
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 1);
    assert!(sleeps[0] >= Duration::from_secs(1) && sleeps[0] <= Duration::from_millis(1250));
}

#[test]
fn rate_limit_that_persists_is_rate_limited_with_the_hint() {
    let emu = emulator();
    let (auth, clock) = manual_auth(&emu, KEY_SECRET);
    emu.inject_fault(status_fault(FaultTarget::Token, 429, Some("2"), 10));
    let err = auth.access_token().unwrap_err();
    assert!(
        matches!(
            err,
            SinchError::RateLimited {
                retry_after_ms: Some(2000),
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(emu.counters().token_requests, 4, "1 try + 3 retries");
    assert_eq!(clock.sleeps().len(), 3);
}

#[test]
fn bad_credentials_are_remembered_then_retried_after_the_window() {
    let emu = emulator();
    let (auth, clock) = manual_auth(&emu, "wrong-secret");
    for _ in 0..5 {
        assert!(matches!(
            auth.access_token(),
            Err(SinchError::InvalidCredentials { .. })
        ));
    }
    assert_eq!(emu.counters().token_requests, 1, "no request storm");
    clock.advance(Duration::from_secs(31));
    assert!(auth.access_token().is_err());
    assert_eq!(emu.counters().token_requests, 2);
}

#[test]
fn invalidation_is_compare_and_swap() {
    let emu = emulator();
    let (auth, _clock) = manual_auth(&emu, KEY_SECRET);
    let cache = auth.token_cache().unwrap();
    let a = cache.get().unwrap();
    assert!(cache.invalidate(&a), "the failing token is dropped");
    let b = cache.get().unwrap();
    assert!(
        !cache.invalidate(&a),
        "a second 401 with the old token changes nothing"
    );
    assert_eq!(cache.get().unwrap().access_token(), b.access_token());
    assert_eq!(emu.counters().token_requests, 2);
}

#[test]
fn waiters_share_one_slow_fetch() {
    let emu = emulator();
    let (auth, _clock) = manual_auth(&emu, KEY_SECRET);
    emu.inject_fault(Fault {
        target: FaultTarget::Token,
        count: 1,
        kind: FaultKind::Delay { ms: 300 },
    });
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let auth = auth.clone();
            std::thread::spawn(move || auth.access_token().map(|t| t.expose().to_string()))
        })
        .collect();
    let results: Vec<_> = threads
        .into_iter()
        .map(|t| t.join().unwrap().unwrap())
        .collect();
    assert!(results.windows(2).all(|w| w[0] == w[1]));
    assert_eq!(emu.counters().token_requests, 1);
}

#[test]
fn malformed_token_responses_are_protocol_errors_without_the_body() {
    let emu = emulator();
    let (auth, _clock) = manual_auth(&emu, KEY_SECRET);
    for kind in [
        FaultKind::MalformedJson,
        FaultKind::Html,
        FaultKind::Oversized {
            bytes: 20 * 1024 * 1024,
        },
    ] {
        emu.inject_fault(Fault {
            target: FaultTarget::Token,
            count: 4,
            kind,
        });
        let err = auth.access_token().unwrap_err();
        assert!(
            matches!(
                err,
                SinchError::ProtocolError { .. } | SinchError::ServiceUnavailable { .. }
            ),
            "{err:?}"
        );
        emu.reset();
    }
}

#[test]
fn connection_reset_is_retried() {
    let emu = emulator();
    let (auth, _clock) = manual_auth(&emu, KEY_SECRET);
    emu.inject_fault(Fault {
        target: FaultTarget::Token,
        count: 1,
        kind: FaultKind::Reset,
    });
    assert!(auth.access_token().is_ok());
    assert_eq!(emu.counters().token_requests, 2);
}

fn manual_client(
    emu: &sinch_emulator::Emulator,
) -> (sinch_core::ProvisioningClient, Arc<ManualClock>) {
    let (auth, clock) = manual_auth(emu, KEY_SECRET);
    (client(emu, auth), clock)
}

fn hook() -> sinch_core::provisioning::webhooks::WebhookSpec {
    sinch_core::provisioning::webhooks::WebhookSpec {
        target: "https://example.com/retry".into(),
        secret: "s".into(),
        triggers: vec![sinch_core::provisioning::webhooks::WebhookTrigger::All],
    }
}

#[test]
fn api_get_is_retried_on_5xx_honouring_retry_after() {
    let emu = emulator();
    let (client, clock) = manual_client(&emu);
    client.auth().access_token().unwrap();
    emu.inject_fault(status_fault(FaultTarget::Api, 503, Some("2"), 2));
    client.webhooks().list(&Default::default()).unwrap();
    assert_eq!(emu.counters().api_requests, 3);
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 2);
    assert!(sleeps.iter().all(|s| *s >= Duration::from_secs(2)));
}

#[test]
fn api_post_is_not_retried_on_5xx_but_is_on_429() {
    let emu = emulator();
    let (client, _clock) = manual_client(&emu);
    client.auth().access_token().unwrap();
    emu.inject_fault(status_fault(FaultTarget::Api, 503, None, 1));
    let err = client.webhooks().create(&hook()).unwrap_err();
    assert!(
        matches!(err, SinchError::ServiceUnavailable { status: 503, .. }),
        "{err:?}"
    );
    assert_eq!(
        emu.counters().api_requests,
        1,
        "a POST may have been done: not repeated"
    );
    // 429 means the request was not processed: safe to send again.
    emu.inject_fault(status_fault(FaultTarget::Api, 429, Some("1"), 1));
    client.webhooks().create(&hook()).unwrap();
    assert_eq!(emu.counters().api_requests, 3);
}

#[test]
fn api_rate_limit_that_persists_is_rate_limited() {
    let emu = emulator();
    let (client, _clock) = manual_client(&emu);
    emu.inject_fault(status_fault(FaultTarget::Api, 429, Some("1"), 10));
    let err = client.webhooks().list(&Default::default()).unwrap_err();
    assert!(matches!(err, SinchError::RateLimited { .. }), "{err:?}");
    assert_eq!(emu.counters().api_requests, 4, "1 try + 3 retries");
}
