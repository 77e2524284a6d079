use super::*;
use serde_json::json;
use std::time::Duration;

fn refresh(emu: &Emulator, token: &str) -> Response {
    client()
        .post(emu.keycloak_token_url())
        .form(&[
            ("grant_type", "refresh_token"),
            ("client_id", "ipmessaging-client"),
            ("refresh_token", token),
        ])
        .send()
        .unwrap()
}

fn send(emu: &Emulator, token: &str, body: Value) -> Response {
    client()
        .post(format!(
            "{}/pull-platform-receiver/v2/wa/messages",
            emu.base_url()
        ))
        .bearer_auth(token)
        .json(&body)
        .send()
        .unwrap()
}

fn text_to(to: &str) -> Value {
    json!({"recipient_type": "individual", "to": to, "type": "text", "text": {"body": "hi"}})
}

#[test]
fn password_grant_shape_and_errors() {
    let emu = start();
    let body = keycloak_login(&emu);
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["refresh_expires_in"], 1800);
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["not-before-policy"], 0);
    assert_eq!(body["scope"], "email profile");
    assert_eq!(body["session_state"].as_str().unwrap().len(), 36);

    let form = |client_id: &str, pass: &str| {
        client()
            .post(emu.keycloak_token_url())
            .form(&[
                ("grant_type", "password"),
                ("client_id", client_id),
                ("username", "demo-user"),
                ("password", pass),
            ])
            .send()
            .unwrap()
    };
    let resp = form("ipmessaging-client", "wrong");
    assert_eq!(resp.status(), 401);
    assert_eq!(json(resp)["error_description"], "Invalid user credentials");
    let resp = form("other-client", "demo-password");
    assert_eq!(resp.status(), 401);
    assert_eq!(json(resp)["error"], "invalid_client");

    // The UAT URL form behaves the same.
    let resp = client()
        .post(format!(
            "{}/auth/realms/ipmessaging/protocol/openid-connect/token",
            emu.base_url()
        ))
        .form(&[
            ("grant_type", "password"),
            ("client_id", "ipmessaging-client"),
            ("username", "demo-user"),
            ("password", "demo-password"),
        ])
        .send()
        .unwrap();
    assert_eq!(resp.status(), 200);

    let resp = client()
        .post(emu.keycloak_token_url())
        .form(&[
            ("grant_type", "refresh_token"),
            ("client_id", "ipmessaging-client"),
        ])
        .send()
        .unwrap();
    assert_eq!(resp.status(), 400);
    assert_eq!(json(resp)["error_description"], "No refresh token");
    let resp = client()
        .post(emu.keycloak_token_url())
        .form(&[("grant_type", "magic"), ("client_id", "ipmessaging-client")])
        .send()
        .unwrap();
    assert_eq!(json(resp)["error"], "unsupported_grant_type");
}

#[test]
fn refresh_rotates_and_stale_reuse_fails() {
    let emu = start();
    let first = keycloak_login(&emu);
    let rt1 = first["refresh_token"].as_str().unwrap();
    let resp = refresh(&emu, rt1);
    assert_eq!(resp.status(), 200);
    let second = json(resp);
    let rt2 = second["refresh_token"].as_str().unwrap();
    assert_ne!(rt1, rt2);
    assert_eq!(second["session_state"], first["session_state"]);

    let resp = refresh(&emu, rt1);
    assert_eq!(resp.status(), 400);
    let body = json(resp);
    assert_eq!(body["error"], "invalid_grant");
    assert_eq!(body["error_description"], "Stale token");

    assert_eq!(refresh(&emu, rt2).status(), 200);
    let c = emu.counters();
    assert_eq!(c.keycloak_password_grants, 1);
    assert_eq!(c.keycloak_refresh_grants, 3);
}

#[test]
fn idle_refresh_token_is_not_active() {
    let emu = start();
    emu.set_keycloak_lifetimes(10, 1);
    let login = keycloak_login(&emu);
    assert_eq!(login["refresh_expires_in"], 1);
    std::thread::sleep(Duration::from_millis(1100));
    let resp = refresh(&emu, login["refresh_token"].as_str().unwrap());
    assert_eq!(resp.status(), 400);
    assert_eq!(json(resp)["error_description"], "Token is not active");
}

#[test]
fn india_send_ok_and_errors() {
    let emu = start();
    let token = keycloak_login(&emu)["access_token"]
        .as_str()
        .unwrap()
        .to_string();

    let resp = send(&emu, &token, text_to("919999999999"));
    assert_eq!(resp.status(), 200);
    let body = json(resp);
    assert_eq!(body["success"], true);
    let id = body["responseId"].as_str().unwrap();
    assert_eq!(id.len(), 25);
    assert!(id.chars().all(|c| c.is_ascii_digit()));

    let template = json!({"recipient_type": "individual", "to": "919999999999", "type": "template",
        "template": {"name": "order_update", "language": {"policy": "deterministic", "code": "en"}}});
    assert_eq!(send(&emu, &token, template).status(), 200);

    for bad in ["+919999999999", "12345", "9199999999999999"] {
        let resp = send(&emu, &token, text_to(bad));
        assert_eq!(resp.status(), 400, "{bad}");
        assert_eq!(
            json(resp),
            json!({"success":"false","description":[{"errorCode":"invalid_msisdn","errorDescription":"INVALID MSISDN"}]})
        );
    }
    let resp = send(&emu, &token, json!({"to": "919999999999", "type": "text"}));
    assert_eq!(resp.status(), 400);
    assert_eq!(json(resp)["description"][0]["errorCode"], "invalid_request");
    let resp = send(&emu, &token, json!({"to": "919999999999"}));
    assert_eq!(json(resp)["description"][0]["errorCode"], "invalid_request");

    // Bad and expired tokens: 401 that never says "expired".
    let resp = send(&emu, "bogus", text_to("919999999999"));
    assert_eq!(resp.status(), 401);
    emu.expire_all_tokens();
    let resp = send(&emu, &token, text_to("919999999999"));
    assert_eq!(resp.status(), 401);
    let header = www_authenticate(&resp);
    assert!(header.starts_with("Bearer") && !header.contains("expired"));
    // A Sinch OAuth2 token is not a Keycloak token.
    let sinch = sinch_token(&emu);
    assert_eq!(send(&emu, &sinch, text_to("919999999999")).status(), 401);

    let c = emu.counters();
    assert_eq!(c.india_send_requests, 10);
    assert_eq!(c.unauthorized_sent, 3);
    assert_eq!(c.expired_401_sent, 0);
}
