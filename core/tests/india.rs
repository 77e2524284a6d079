//! Sinch India: the Keycloak token rules and the WhatsApp send client, against the emulator.

mod common;

use common::*;
use sinch_core::clock::{Clock, ManualClock};
use sinch_core::india::{
    IndiaConfig, IndiaWhatsappClient, TemplateMedia, TemplateMessage, TextMessage,
};
use sinch_core::token::CacheOptions;
use sinch_core::{Auth, KeycloakConfig, SinchError};
use sinch_emulator::Emulator;
use std::sync::Arc;
use std::time::{Duration, Instant};

const USER: &str = "demo-user";
const PASSWORD: &str = "demo-password";

fn keycloak(emu: &Emulator) -> Auth {
    Auth::keycloak(KeycloakConfig::new(USER, PASSWORD).with_token_url(emu.keycloak_token_url()))
        .unwrap()
}

fn keycloak_manual(emu: &Emulator) -> (Auth, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new());
    let auth = Auth::keycloak_private(
        KeycloakConfig::new(USER, PASSWORD).with_token_url(emu.keycloak_token_url()),
        clock.clone() as Arc<dyn Clock>,
        CacheOptions::default(),
    )
    .unwrap();
    (auth, clock)
}

fn india(emu: &Emulator, auth: Auth) -> IndiaWhatsappClient {
    IndiaWhatsappClient::new(
        IndiaConfig {
            send_url: Some(format!(
                "{}/pull-platform-receiver/v2/wa/messages",
                emu.base_url()
            )),
            ..Default::default()
        },
        auth,
    )
    .unwrap()
}

fn text(to: &str) -> TextMessage {
    TextMessage {
        to: to.into(),
        body: "Your order has shipped".into(),
        preview_url: None,
        message_id: Some("order-42".into()),
        callback_dlr_url: None,
    }
}

#[test]
fn india_refresh_path_over_a_real_clock() {
    // Access token 6 s, refresh token 3 s: by the soft refresh (3-3.8 s) the refresh token is
    // dead, so the cache logs in again with the password, instead of a failing refresh loop.
    let emu = emulator_with(|c| {
        c.keycloak_access_lifetime_secs = 6;
        c.keycloak_refresh_lifetime_secs = 3;
    });
    let auth = keycloak(&emu);
    let first = auth.access_token().unwrap();
    let until = Instant::now() + Duration::from_millis(4200);
    while Instant::now() < until {
        auth.access_token().unwrap();
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_ne!(auth.access_token().unwrap(), first);
    let c = emu.counters();
    assert_eq!(c.keycloak_password_grants, 2);
    assert_eq!(
        c.keycloak_refresh_grants, 0,
        "no refresh with a dead refresh token"
    );
}

#[test]
fn india_refresh_grant_rotates_the_refresh_token() {
    let emu = emulator_with(|c| {
        c.keycloak_access_lifetime_secs = 60;
        c.keycloak_refresh_lifetime_secs = 1800;
    });
    let (auth, clock) = keycloak_manual(&emu);
    let mut seen = vec![auth.access_token().unwrap()];
    for _ in 0..3 {
        // Past the soft time (30-38 s of a 60 s token), with the refresh token alive.
        clock.advance(Duration::from_secs(45));
        let t = auth.access_token().unwrap();
        assert!(!seen.contains(&t));
        seen.push(t);
    }
    let c = emu.counters();
    // Each refresh used the newest refresh token: reusing a rotated one is refused by Keycloak
    // ("Stale token") and would have forced a password grant.
    assert_eq!(c.keycloak_password_grants, 1);
    assert_eq!(c.keycloak_refresh_grants, 3);
}

#[test]
fn india_bad_password_is_one_request_then_remembered() {
    let emu = emulator();
    let auth = Auth::keycloak(
        KeycloakConfig::new(USER, "wrong-password-77").with_token_url(emu.keycloak_token_url()),
    )
    .unwrap();
    let err = auth.access_token().unwrap_err();
    assert!(
        matches!(err, SinchError::InvalidCredentials { .. }),
        "{err:?}"
    );
    assert!(err.reason().contains(USER) && err.reason().contains(&emu.keycloak_token_url()));
    assert!(!err.reason().contains("wrong-password-77"));
    for _ in 0..10 {
        assert_eq!(auth.access_token().unwrap_err(), err);
    }
    assert_eq!(
        emu.counters().keycloak_password_grants,
        1,
        "never retried: lockout risk"
    );
}

#[test]
fn rate_limited_token_endpoint_retried_after_retry_after() {
    let emu = emulator();
    emu.inject_fault(sinch_emulator::Fault {
        target: sinch_emulator::FaultTarget::Token,
        count: 1,
        kind: sinch_emulator::FaultKind::Status {
            status: 429,
            retry_after: Some("1".into()),
            body: None,
        },
    });
    let started = Instant::now();
    oauth(&emu).access_token().unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(emu.counters().token_requests, 2);
}

#[test]
fn india_send_text_and_template() {
    let emu = emulator();
    let client = india(&emu, keycloak(&emu));
    let sent = client.send_text(&text("919876543210")).unwrap();
    assert!(!sent.response_id.is_empty());
    let t = TemplateMessage {
        to: "919876543210".into(),
        name: "order_update".into(),
        language_code: "en".into(),
        body_parameters: vec!["Alice".into()],
        header_text_parameters: vec![],
        header_media: Some(TemplateMedia {
            kind: "document".into(),
            link: "https://example.com/x.pdf".into(),
            filename: Some("x.pdf".into()),
        }),
        url_button_parameters: vec!["123456".into()],
        message_id: None,
        callback_dlr_url: None,
    };
    let sent2 = client.send_template(&t).unwrap();
    assert_ne!(sent.response_id, sent2.response_id);
    let raw = client
        .send_raw(r#"{"recipient_type":"individual","to":"919876543210","type":"text","text":{"body":"raw"}}"#)
        .unwrap();
    assert!(!raw.response_id.is_empty());
    assert_eq!(emu.counters().india_send_requests, 3);
    assert_eq!(emu.counters().keycloak_password_grants, 1);
}

#[test]
fn india_invalid_msisdn_is_typed_error() {
    let emu = emulator();
    let client = india(&emu, keycloak(&emu));
    match client.send_text(&text("+91-not-a-number")).unwrap_err() {
        SinchError::ApiError {
            status,
            error_code,
            detail,
            ..
        } => {
            assert_eq!(status, 400);
            assert_eq!(error_code, "invalid_msisdn");
            assert_eq!(detail, "INVALID MSISDN");
        }
        other => panic!("expected Api error, got {other:?}"),
    }
}

#[test]
fn india_any_401_gets_a_new_token_and_one_retry() {
    let emu = emulator();
    let client = india(&emu, keycloak(&emu));
    client.send_text(&text("919876543210")).unwrap();
    emu.expire_all_tokens();
    client.send_text(&text("919876543210")).unwrap();
    let c = emu.counters();
    assert_eq!(c.unauthorized_sent, 1);
    assert_eq!(c.india_send_requests, 3);
    // The access token died but the refresh token lives: the refresh grant serves.
    assert_eq!(c.keycloak_password_grants + c.keycloak_refresh_grants, 2);
}

#[test]
fn india_401_twice_is_invalid_credentials_not_a_loop() {
    let emu = emulator();
    let client = india(&emu, keycloak(&emu));
    emu.inject_fault(sinch_emulator::Fault {
        target: sinch_emulator::FaultTarget::India,
        count: 5,
        kind: sinch_emulator::FaultKind::Status {
            status: 401,
            retry_after: None,
            body: None,
        },
    });
    let err = client.send_text(&text("919876543210")).unwrap_err();
    assert!(
        matches!(err, SinchError::InvalidCredentials { .. }),
        "{err:?}"
    );
    assert_eq!(
        emu.counters().india_send_requests,
        2,
        "one retry, never a loop"
    );
}

#[test]
fn too_long_text_is_refused_before_sending() {
    let emu = emulator();
    let client = india(&emu, keycloak(&emu));
    let mut m = text("919876543210");
    m.body = "x".repeat(4097);
    assert!(matches!(
        client.send_text(&m),
        Err(SinchError::InvalidConfig { .. })
    ));
    assert_eq!(emu.counters().india_send_requests, 0);
}

#[test]
fn uat_and_custom_token_urls_are_accepted() {
    let emu = emulator();
    let uat = format!(
        "{}/auth/realms/ipmessaging/protocol/openid-connect/token",
        emu.base_url()
    );
    let auth = Auth::keycloak(KeycloakConfig::new(USER, PASSWORD).with_token_url(uat)).unwrap();
    assert!(auth.access_token().is_ok());
    assert!(Auth::keycloak(KeycloakConfig::uat(USER, PASSWORD)).is_ok());
}
