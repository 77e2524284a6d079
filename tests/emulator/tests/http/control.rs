use super::*;
use serde_json::json;

fn post(emu: &Emulator, path: &str, body: Value) -> Response {
    client()
        .post(format!("{}/_emulator/{path}", emu.base_url()))
        .json(&body)
        .send()
        .unwrap()
}

fn counters(emu: &Emulator) -> Value {
    json(
        client()
            .get(format!("{}/_emulator/counters", emu.base_url()))
            .send()
            .unwrap(),
    )
}

#[test]
fn health_counters_reset() {
    let emu = start();
    let health = client()
        .get(format!("{}/_emulator/health", emu.base_url()))
        .send()
        .unwrap();
    assert_eq!(json(health), json!({"ok": true}));
    sinch_token(&emu);
    let c = counters(&emu);
    assert_eq!(c["token_requests"], 1);
    assert_eq!(c["token_requests_by_key"]["demo-key-id"], 1);
    for field in [
        "keycloak_password_grants",
        "keycloak_refresh_grants",
        "api_requests",
        "india_send_requests",
        "unauthorized_sent",
        "expired_401_sent",
    ] {
        assert_eq!(c[field], 0, "{field}");
    }
    let parsed: sinch_emulator::Counters = serde_json::from_value(c).unwrap();
    assert_eq!(parsed, emu.counters());

    assert_eq!(post(&emu, "reset", json!({})).status(), 200);
    assert_eq!(emu.counters(), sinch_emulator::Counters::default());
}

#[test]
fn keys_users_config_expire() {
    let emu = start();
    assert_eq!(
        post(&emu, "keys", json!({"key_id": "k2", "key_secret": "s2"})).status(),
        200
    );
    assert_eq!(
        post(&emu, "users", json!({"username": "u2", "password": "p2"})).status(),
        200
    );
    assert_eq!(
        post(&emu, "config", json!({"token_lifetime_secs": 7})).status(),
        200
    );
    assert_eq!(post(&emu, "config", json!({"bogus": 1})).status(), 400);
    assert_eq!(post(&emu, "keys", json!({"key_id": "k3"})).status(), 400);

    let resp = client()
        .post(emu.token_url())
        .basic_auth("k2", Some("s2"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .unwrap();
    let body = json(resp);
    assert_eq!(body["expires_in"], 7);
    let token = body["access_token"].as_str().unwrap().to_string();

    let resp = client()
        .post(emu.keycloak_token_url())
        .form(&[
            ("grant_type", "password"),
            ("client_id", "ipmessaging-client"),
            ("username", "u2"),
            ("password", "p2"),
        ])
        .send()
        .unwrap();
    assert_eq!(resp.status(), 200);

    assert_eq!(post(&emu, "expire-tokens", json!({})).status(), 200);
    let resp = client()
        .get(format!("{}/v1/projects/p/webhooks", emu.base_url()))
        .bearer_auth(token)
        .send()
        .unwrap();
    assert!(www_authenticate(&resp).contains("expired"));

    // Faults through HTTP, in the documented JSON shape.
    let resp = post(
        &emu,
        "faults",
        json!({"target":"token","count":1,"kind":{"kind":"status","status":429,"retry_after":"1"}}),
    );
    assert_eq!(resp.status(), 200);
    assert_eq!(
        post(&emu, "faults", json!({"target": "nowhere"})).status(),
        400
    );
    let resp = client()
        .post(emu.token_url())
        .basic_auth("k2", Some("s2"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .unwrap();
    assert_eq!(resp.status(), 429);

    // Reset drops runtime keys and users.
    emu.reset();
    let resp = client()
        .post(emu.token_url())
        .basic_auth("k2", Some("s2"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .unwrap();
    assert_eq!(resp.status(), 401);
}

#[test]
fn emulator_is_shareable_and_stops_on_drop() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Emulator>();
    let emu = start();
    let url = format!("{}/_emulator/health", emu.base_url());
    assert_eq!(client().get(&url).send().unwrap().status(), 200);
    drop(emu);
    assert!(
        client().get(&url).send().is_err(),
        "server still up after drop"
    );
}

#[test]
fn start_and_drop_inside_an_async_runtime() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        let emu = start();
        assert!(emu.port() > 0);
        drop(emu);
    });
}
