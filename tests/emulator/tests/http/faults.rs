use super::*;
use sinch_emulator::{Fault, FaultKind, FaultTarget};
use std::time::{Duration, Instant};

fn token_request(emu: &Emulator, client: &Client) -> reqwest::Result<Response> {
    client
        .post(emu.token_url())
        .basic_auth("demo-key-id", Some("demo-key-secret"))
        .form(&[("grant_type", "client_credentials")])
        .send()
}

fn fault(target: FaultTarget, count: u32, kind: FaultKind) -> Fault {
    Fault {
        target,
        count,
        kind,
    }
}

#[test]
fn status_with_retry_after_then_recovers() {
    let emu = start();
    emu.inject_fault(fault(
        FaultTarget::Token,
        2,
        FaultKind::Status {
            status: 429,
            retry_after: Some("1".into()),
            body: None,
        },
    ));
    let c = client();
    for _ in 0..2 {
        let resp = token_request(&emu, &c).unwrap();
        assert_eq!(resp.status(), 429);
        assert_eq!(resp.headers()["retry-after"], "1");
        assert!(json(resp)["error"].is_string());
    }
    assert_eq!(token_request(&emu, &c).unwrap().status(), 200);
    assert_eq!(emu.counters().token_requests, 3, "faulted requests count");
}

#[test]
fn status_503_on_api_uses_papi_body_and_custom_body() {
    let emu = start();
    let token = sinch_token(&emu);
    let url = format!("{}/v1/projects/p/webhooks", emu.base_url());
    emu.inject_fault(fault(
        FaultTarget::Api,
        1,
        FaultKind::Status {
            status: 503,
            retry_after: None,
            body: None,
        },
    ));
    let resp = client().get(&url).bearer_auth(&token).send().unwrap();
    assert_eq!(resp.status(), 503);
    assert!(resp.headers().get("retry-after").is_none());
    assert_eq!(json(resp)["errorCode"], "internal_error");

    emu.inject_fault(fault(
        FaultTarget::Any,
        1,
        FaultKind::Status {
            status: 500,
            retry_after: None,
            body: Some("custom".into()),
        },
    ));
    let resp = client().get(&url).bearer_auth(&token).send().unwrap();
    assert_eq!(resp.status(), 500);
    assert_eq!(resp.text().unwrap(), "custom");
    assert_eq!(
        client()
            .get(&url)
            .bearer_auth(&token)
            .send()
            .unwrap()
            .status(),
        200
    );
}

#[test]
fn delay() {
    let emu = start();
    emu.inject_fault(fault(FaultTarget::Token, 1, FaultKind::Delay { ms: 300 }));
    let started = Instant::now();
    assert_eq!(token_request(&emu, &client()).unwrap().status(), 200);
    assert!(started.elapsed() >= Duration::from_millis(300));

    emu.inject_fault(fault(FaultTarget::Token, 1, FaultKind::Delay { ms: 1000 }));
    let impatient = Client::builder()
        .timeout(Duration::from_millis(150))
        .build()
        .unwrap();
    let err = token_request(&emu, &impatient).unwrap_err();
    assert!(err.is_timeout());
}

#[test]
fn reset_drops_the_connection() {
    let emu = start();
    emu.inject_fault(fault(FaultTarget::Keycloak, 1, FaultKind::Reset));
    let c = client();
    let err = c
        .post(emu.keycloak_token_url())
        .form(&[("grant_type", "password")])
        .send()
        .unwrap_err();
    assert!(!err.is_timeout() && err.status().is_none(), "{err:?}");
    // The next request is served normally.
    keycloak_login(&emu);
    assert_eq!(emu.counters().keycloak_password_grants, 2);
}

#[test]
fn malformed_json() {
    let emu = start();
    emu.inject_fault(fault(FaultTarget::Token, 1, FaultKind::MalformedJson));
    let resp = token_request(&emu, &client()).unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/json");
    assert!(serde_json::from_str::<Value>(&resp.text().unwrap()).is_err());
}

#[test]
fn html() {
    let emu = start();
    let token = keycloak_login(&emu)["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    emu.inject_fault(fault(FaultTarget::India, 1, FaultKind::Html));
    let resp = client()
        .post(format!(
            "{}/pull-platform-receiver/v2/wa/messages",
            emu.base_url()
        ))
        .bearer_auth(token)
        .json(&serde_json::json!({"to": "919999999999", "type": "text", "text": {"body": "x"}}))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 502);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(resp.text().unwrap().contains("<html>"));
    assert_eq!(emu.counters().india_send_requests, 1);
}

#[test]
fn oversized() {
    let emu = start();
    emu.inject_fault(fault(
        FaultTarget::Any,
        1,
        FaultKind::Oversized { bytes: 3_000_000 },
    ));
    let resp = token_request(&emu, &client()).unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.bytes().unwrap().len(), 3_000_000);
}

#[test]
fn faults_never_hit_the_control_api() {
    let emu = start();
    emu.inject_fault(fault(FaultTarget::Any, 1, FaultKind::Reset));
    let resp = client()
        .get(format!("{}/_emulator/health", emu.base_url()))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(token_request(&emu, &client()).is_err());
}

#[test]
fn oversized_tiny_and_prefix() {
    let emu = start();
    for n in [0u64, 3, 9, 70_000] {
        emu.inject_fault(fault(
            FaultTarget::Token,
            1,
            FaultKind::Oversized { bytes: n },
        ));
        let resp = token_request(&emu, &client()).unwrap();
        assert_eq!(resp.content_length(), Some(n));
        let body = resp.bytes().unwrap();
        assert_eq!(body.len() as u64, n);
        let prefix = br#"{"data":""#;
        let k = prefix.len().min(body.len());
        assert_eq!(&body[..k], &prefix[..k]);
    }
}
