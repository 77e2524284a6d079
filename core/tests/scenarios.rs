//! The cross-language scenarios (tests/scenarios/README.md), in Rust, against the emulator on
//! 127.0.0.1. Python and Kotlin run the same list with the same names.

mod common;

use common::*;
use sinch_core::provisioning::pagination::PageRequest;
use sinch_core::provisioning::webhooks::{WebhookSpec, WebhookTrigger, WebhookUpdate};
use sinch_core::{Auth, OAuthConfig, SinchError};
use std::collections::BTreeSet;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

fn spec(target: &str) -> WebhookSpec {
    WebhookSpec {
        target: target.to_string(),
        secret: "whsec-do-not-print".into(),
        triggers: vec![WebhookTrigger::WhatsappTemplateApproved],
    }
}

#[test]
fn stats_count_what_the_cache_did() {
    let emu = emulator();
    let auth = oauth(&emu);
    for _ in 0..100 {
        auth.access_token().unwrap();
    }
    let s = auth.stats();
    assert_eq!((s.fetches, s.cache_hits, s.fetch_failures), (1, 99, 0));
    emu.expire_all_tokens(); // one 401, one invalidation, one new token
    client(&emu, auth.clone())
        .webhooks()
        .list(&PageRequest::default())
        .unwrap();
    let s = auth.stats();
    assert_eq!((s.fetches, s.invalidations), (2, 1));
    let wrong = oauth_with(&emu, KEY_ID, "wrong-secret-for-stats");
    for _ in 0..3 {
        wrong.access_token().unwrap_err();
    }
    let s = wrong.stats();
    assert_eq!((s.fetches, s.fetch_failures, s.negative_hits), (1, 1, 2));
    assert_eq!(
        Auth::basic(KEY_ID, KEY_SECRET).unwrap().stats(),
        Default::default()
    );
}

#[test]
fn hundred_reads_one_token_request() {
    let emu = emulator();
    let auth = oauth(&emu);
    let first = auth.access_token().unwrap();
    for _ in 0..99 {
        assert_eq!(auth.access_token().unwrap(), first);
    }
    assert_eq!(emu.counters().token_requests, 1);
}

#[test]
fn cold_threads_one_token_request() {
    let emu = emulator();
    let auth = oauth(&emu);
    let barrier = Arc::new(Barrier::new(32));
    let handles: Vec<_> = (0..32)
        .map(|_| {
            let auth = auth.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                auth.access_token().unwrap().expose().to_string()
            })
        })
        .collect();
    let tokens: BTreeSet<String> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(tokens.len(), 1, "every thread got the same token");
    assert_eq!(emu.counters().token_requests, 1);
}

#[test]
fn refresh_ahead_never_shows_401() {
    let emu = emulator_with(|c| c.token_lifetime_secs = 3);
    let client = client(&emu, oauth(&emu));
    let webhooks = client.webhooks();
    let until = Instant::now() + Duration::from_secs(8);
    let mut calls = 0;
    while Instant::now() < until {
        client.auth().access_token().unwrap();
        webhooks.list(&PageRequest::default()).unwrap();
        calls += 1;
        std::thread::sleep(Duration::from_millis(50));
    }
    let c = emu.counters();
    assert!(calls > 50);
    assert_eq!(c.unauthorized_sent, 0, "the caller never met a 401");
    // 8 s of 3 s tokens refreshed at 1.5-1.9 s: at least 4 tokens, and not one per read.
    assert!(
        (4..=7).contains(&c.token_requests),
        "{} token requests",
        c.token_requests
    );
}

#[test]
fn expired_token_retried_once() {
    let emu = emulator();
    let client = client(&emu, oauth(&emu));
    client.webhooks().list(&PageRequest::default()).unwrap();
    let before = emu.counters();
    emu.expire_all_tokens();
    client.webhooks().list(&PageRequest::default()).unwrap();
    let after = emu.counters();
    assert_eq!(after.token_requests - before.token_requests, 1);
    assert_eq!(after.expired_401_sent - before.expired_401_sent, 1);
    assert_eq!(
        after.api_requests - before.api_requests,
        2,
        "one 401, one retry"
    );
}

#[test]
fn a_401_without_expired_is_not_retried() {
    let emu = emulator();
    let client = client(&emu, Auth::basic(KEY_ID, "wrong-secret").unwrap());
    let err = client.webhooks().list(&PageRequest::default()).unwrap_err();
    assert!(
        matches!(err, SinchError::InvalidCredentials { .. }),
        "{err:?}"
    );
    assert!(err.reason().contains(KEY_ID));
    assert_eq!(emu.counters().api_requests, 1, "Basic 401 is never retried");
}

#[test]
fn wrong_secret_is_invalid_credentials() {
    let emu = emulator();
    let auth = oauth_with(&emu, KEY_ID, "not-the-secret-123");
    let err = auth.access_token().unwrap_err();
    assert!(
        matches!(err, SinchError::InvalidCredentials { .. }),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(text.contains(KEY_ID), "{text}");
    assert!(text.contains(&emu.token_url()), "{text}");
    assert!(!text.contains("not-the-secret-123"), "{text}");
    // Remembered: asking again replays the error without another request.
    let again = auth.access_token().unwrap_err();
    assert_eq!(again, err);
    assert_eq!(emu.counters().token_requests, 1);
}

#[test]
fn secrets_never_printed() {
    let emu = emulator();
    let auth = oauth(&emu);
    let token = auth.access_token().unwrap();
    let client = client(&emu, auth.clone());
    let webhook = client
        .webhooks()
        .create(&spec("https://example.com/hook"))
        .unwrap();
    let bad = oauth_with(&emu, KEY_ID, "another-secret-xyz")
        .access_token()
        .unwrap_err();
    let printed = [
        format!("{auth:?}"),
        format!("{client:?}"),
        format!("{:?}", client.webhooks()),
        format!("{webhook:?}"),
        format!("{token:?} {token}"),
        format!("{:?}", spec("https://x")),
        format!("{bad} {bad:?}"),
        format!("{:?}", auth.token_cache().unwrap()),
    ]
    .join("\n");
    for secret in [
        KEY_SECRET,
        token.expose(),
        "whsec-do-not-print",
        "another-secret-xyz",
    ] {
        assert!(!printed.contains(secret), "{secret} leaked in:\n{printed}");
    }
}

#[test]
fn same_credentials_share_one_token() {
    let emu = emulator();
    let a = oauth(&emu);
    let b = oauth(&emu);
    assert_eq!(a.access_token().unwrap(), b.access_token().unwrap());
    assert_eq!(emu.counters().token_requests, 1);
}

#[test]
fn different_credentials_separate_tokens() {
    let emu = emulator();
    emu.add_key("second-key", "second-secret");
    let a = oauth(&emu);
    let b = oauth_with(&emu, "second-key", "second-secret");
    assert_ne!(a.access_token().unwrap(), b.access_token().unwrap());
    let c = emu.counters();
    assert_eq!(c.token_requests_by_key.get(KEY_ID), Some(&1));
    assert_eq!(c.token_requests_by_key.get("second-key"), Some(&1));
}

#[test]
fn secrets_with_special_characters_authenticate() {
    let emu = emulator();
    emu.add_key("special-key", "a+b/c=d~e:f%g");
    let auth = oauth_with(&emu, "special-key", "a+b/c=d~e:f%g");
    assert!(auth.access_token().is_ok());
}

#[test]
fn plain_http_is_invalid_config() {
    let err = Auth::oauth(
        OAuthConfig::new(KEY_ID, KEY_SECRET).with_token_url("http://auth.example.com/oauth2/token"),
    )
    .unwrap_err();
    assert!(matches!(err, SinchError::InvalidConfig { .. }));
    assert!(err.reason().contains("https://"));
}

#[test]
fn webhooks_crud_round_trip() {
    let emu = emulator();
    let hooks = client(&emu, oauth(&emu)).webhooks();
    let created = hooks.create(&spec("https://example.com/a")).unwrap();
    assert_eq!(created.target, "https://example.com/a");
    assert_eq!(created.project_id, PROJECT);
    assert_eq!(hooks.get(&created.id).unwrap(), created);

    let replaced = hooks
        .replace(
            &created.id,
            &WebhookSpec {
                target: "https://example.com/b".into(),
                secret: "s2".into(),
                triggers: vec![WebhookTrigger::All],
            },
        )
        .unwrap();
    assert_eq!(replaced.target, "https://example.com/b");
    assert_eq!(replaced.triggers, vec![WebhookTrigger::All]);

    let updated = hooks
        .update(
            &created.id,
            &WebhookUpdate {
                triggers: Some(vec![WebhookTrigger::BundleDone]),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        updated.target, "https://example.com/b",
        "PATCH keeps other fields"
    );
    assert_eq!(updated.triggers, vec![WebhookTrigger::BundleDone]);

    let page = hooks.list(&PageRequest::default()).unwrap();
    assert_eq!(page.webhooks, vec![updated]);

    hooks.delete(&created.id).unwrap();
    match hooks.get(&created.id).unwrap_err() {
        SinchError::ApiError {
            status, error_code, ..
        } => {
            assert_eq!(status, 404);
            assert_eq!(error_code, "webhook_not_found");
        }
        other => panic!("expected Api error, got {other:?}"),
    }
}

#[test]
fn webhooks_pagination() {
    let emu = emulator();
    let hooks = client(&emu, oauth(&emu)).webhooks();
    for i in 0..15 {
        hooks
            .create(&spec(&format!("https://example.com/h{i:02}")))
            .unwrap();
    }
    let pages: Vec<_> = hooks
        .pages(Some(4))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        pages.iter().map(|p| p.webhooks.len()).collect::<Vec<_>>(),
        vec![4, 4, 4, 3]
    );
    let targets: BTreeSet<String> = hooks
        .pages(Some(4))
        .unwrap()
        .items()
        .map(|w| w.unwrap().target)
        .collect();
    assert_eq!(targets.len(), 15);
    // Out of the documented range: refused before sending.
    let before = emu.counters().api_requests;
    assert!(matches!(
        hooks.pages(Some(16)),
        Err(SinchError::InvalidConfig { .. })
    ));
    assert_eq!(emu.counters().api_requests, before);
    // A bad page token is the typed API error.
    let err = hooks
        .list(&PageRequest {
            page_size: Some(4),
            page_token: Some("garbage!".into()),
        })
        .unwrap_err();
    assert!(
        matches!(&err, SinchError::ApiError { error_code, .. } if error_code == "invalid_page_token"),
        "{err:?}"
    );
}

#[test]
fn duplicate_webhook_is_typed_api_error() {
    let emu = emulator();
    let hooks = client(&emu, oauth(&emu)).webhooks();
    hooks.create(&spec("https://example.com/dup")).unwrap();
    match hooks.create(&spec("https://example.com/dup")).unwrap_err() {
        SinchError::ApiError {
            status,
            error_code,
            detail,
            resolution,
            reason,
            ..
        } => {
            assert_eq!(status, 409);
            assert_eq!(error_code, "webhook_exists");
            assert!(!detail.is_empty());
            assert!(!resolution.is_empty());
            assert!(reason.contains("webhook_exists"));
        }
        other => panic!("expected Api error, got {other:?}"),
    }
}

#[test]
fn invalid_webhook_carries_validation_errors() {
    let emu = emulator();
    let hooks = client(&emu, oauth(&emu)).webhooks();
    match hooks.create(&spec("not a url")).unwrap_err() {
        SinchError::ApiError {
            status,
            error_code,
            additional_information,
            ..
        } => {
            assert_eq!(status, 400);
            assert_eq!(error_code, "invalid_input");
            assert!(!additional_information["validationErrors"].is_empty());
        }
        other => panic!("expected Api error, got {other:?}"),
    }
}

#[test]
fn sixteenth_webhook_hits_the_limit() {
    let emu = emulator();
    let hooks = client(&emu, oauth(&emu)).webhooks();
    for i in 0..15 {
        hooks
            .create(&spec(&format!("https://example.com/l{i}")))
            .unwrap();
    }
    let err = hooks.create(&spec("https://example.com/l15")).unwrap_err();
    assert!(
        matches!(&err, SinchError::ApiError { status: 424, error_code, .. } if error_code == "webhook_limit_reached"),
        "{err:?}"
    );
}

#[test]
fn unknown_trigger_is_kept() {
    let emu = emulator();
    let hooks = client(&emu, oauth(&emu)).webhooks();
    let mut s = spec("https://example.com/future");
    s.triggers = vec![WebhookTrigger::from("SOME_FUTURE_TRIGGER")];
    let created = hooks.create(&s).unwrap();
    assert_eq!(
        created.triggers,
        vec![WebhookTrigger::Unknown("SOME_FUTURE_TRIGGER".into())]
    );
    assert_eq!(
        hooks.get(&created.id).unwrap().triggers[0].as_str(),
        "SOME_FUTURE_TRIGGER"
    );
}
