//! The webhook-callback controls and rules, over HTTP: signing, matching triggers, retries and
//! loopback-only plain http. (Verification by sinch-core: core/tests/callbacks.rs.)

use super::*;
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

const PROJECT: &str = "p1";

fn control(emu: &Emulator, path: &str, body: Value) -> Response {
    client()
        .post(format!("{}/_emulator/{path}", emu.base_url()))
        .json(&body)
        .send()
        .unwrap()
}

fn create_webhook(emu: &Emulator, target: &str, triggers: Value) -> Response {
    client()
        .post(format!("{}/v1/projects/{PROJECT}/webhooks", emu.base_url()))
        .bearer_auth(sinch_token(emu))
        .json(&json!({"target": target, "secret": "s3cret", "triggers": triggers}))
        .send()
        .unwrap()
}

fn deliveries(emu: &Emulator) -> Vec<Value> {
    let body = json(
        client()
            .get(format!("{}/_emulator/callbacks/deliveries", emu.base_url()))
            .send()
            .unwrap(),
    );
    body["deliveries"].as_array().unwrap().clone()
}

/// One raw HTTP request read off a loopback socket (the headers and body), answered 200.
fn accept_one(listener: &TcpListener) -> String {
    listener.set_nonblocking(false).unwrap();
    let (mut conn, _) = listener.accept().unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = conn.read(&mut buf).unwrap();
        request.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&request).to_string();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse().unwrap())
                })
                .unwrap_or(0);
            if body.len() >= length {
                conn.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
                    .unwrap();
                return text;
            }
        }
        assert!(n > 0, "connection closed early");
    }
}

#[test]
fn a_matching_webhook_gets_the_documented_signed_body() {
    let emu = start();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let target = format!("http://{}/hook", listener.local_addr().unwrap());
    assert_eq!(
        create_webhook(&emu, &target, json!(["BUNDLE_DONE"])).status(),
        201
    );
    // Not subscribed: nothing is sent for it.
    let answer = json(control(
        &emu,
        "callbacks/emit",
        json!({"project_id": PROJECT, "trigger": "WHATSAPP_SENDER_ACTIVE"}),
    ));
    assert_eq!(answer["deliveries"], 0);
    let answer = json(control(
        &emu,
        "callbacks/emit",
        json!({"project_id": PROJECT, "trigger": "BUNDLE_DONE", "payload": {"id": "b1"}}),
    ));
    assert_eq!(answer["deliveries"], 1);
    let request = accept_one(&listener);
    let (head, body) = request.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("POST /hook HTTP/1.1"), "{head}");
    assert_eq!(body, r#"{"type":"BUNDLE_DONE","payload":{"id":"b1"}}"#);
    let header = |name: &str| {
        head.lines()
            .find_map(|l| {
                l.split_once(':')
                    .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            })
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_else(|| panic!("no {name} in {head}"))
    };
    assert_eq!(header("x-sinch-webhook-signature-algorithm"), "HmacSHA256");
    let nonce = header("x-sinch-webhook-signature-nonce");
    let ts: i64 = header("x-sinch-webhook-signature-timestamp")
        .parse()
        .unwrap();
    assert_eq!(
        header("x-sinch-webhook-signature"),
        sinch_emulator::callbacks::signature("s3cret", body, &nonce, ts)
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while deliveries(&emu)[0]["status"] == "pending" {
        assert!(Instant::now() < deadline);
        std::thread::sleep(Duration::from_millis(10));
    }
    let d = &deliveries(&emu)[0];
    assert_eq!(
        (d["status"].as_str(), d["attempts"][0]["status"].as_u64()),
        (Some("delivered"), Some(200))
    );
    assert!(
        !d.to_string().contains("s3cret"),
        "the secret is never listed"
    );
}

#[test]
fn plain_http_targets_must_be_loopback() {
    let emu = start();
    assert_eq!(
        create_webhook(&emu, "http://example.com/hook", json!(["ALL"])).status(),
        400
    );
    for ok in [
        "http://127.0.0.1:9/h",
        "http://localhost/h",
        "http://[::1]:9/h",
        "https://example.com/h",
    ] {
        assert_eq!(
            create_webhook(&emu, ok, json!(["ALL"])).status(),
            201,
            "{ok}"
        );
    }
}

#[test]
fn callback_config_is_validated_and_reset() {
    let emu = start();
    assert_eq!(
        control(&emu, "callbacks/config", json!({"max_attempts": 0})).status(),
        400
    );
    assert_eq!(
        control(&emu, "callbacks/config", json!({"nope": 1})).status(),
        400
    );
    let cfg = json(control(
        &emu,
        "callbacks/config",
        json!({"max_attempts": 2, "clock_skew_secs": -600}),
    ));
    assert_eq!(
        cfg,
        json!({"max_attempts": 2, "backoff_ms": 100, "clock_skew_secs": -600})
    );
    control(&emu, "reset", json!({}));
    let cfg = json(control(&emu, "callbacks/config", json!({})));
    assert_eq!(cfg["max_attempts"], 4, "reset restores the defaults");
    let missing = control(&emu, "callbacks/deliveries/nope/replay", json!({}));
    assert_eq!(missing.status(), 404);
}
