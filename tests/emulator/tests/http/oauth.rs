use super::*;
use sinch_emulator::EmulatorConfig;
use std::time::Duration;

#[test]
fn issues_token_and_rejects_wrong_secret() {
    let emu = start();
    let resp = client()
        .post(emu.token_url())
        .basic_auth("demo-key-id", Some("demo-key-secret"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body = json(resp);
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["scope"], "");
    assert!(body["access_token"].as_str().unwrap().len() >= 40);

    let resp = client()
        .post(emu.token_url())
        .basic_auth("demo-key-id", Some("wrong"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .unwrap();
    assert_eq!(resp.status(), 401);
    assert_eq!(www_authenticate(&resp), r#"Basic realm="sinch""#);
    assert_eq!(json(resp)["error"], "invalid_client");

    // No Authorization at all, and garbage base64.
    let resp = client()
        .post(emu.token_url())
        .form(&[("grant_type", "client_credentials")])
        .send()
        .unwrap();
    assert_eq!(resp.status(), 401);
    let resp = client()
        .post(emu.token_url())
        .header("authorization", "Basic %%%not-base64")
        .send()
        .unwrap();
    assert_eq!(resp.status(), 401);

    let c = emu.counters();
    assert_eq!(c.token_requests, 4);
    assert_eq!(c.token_requests_by_key.get("demo-key-id"), Some(&2));
    assert_eq!(
        c.unauthorized_sent, 0,
        "token-endpoint 401s are not API 401s"
    );
}

#[test]
fn wrong_grant_type_is_400() {
    let emu = start();
    let resp = client()
        .post(emu.token_url())
        .basic_auth("demo-key-id", Some("demo-key-secret"))
        .form(&[("grant_type", "password")])
        .send()
        .unwrap();
    assert_eq!(resp.status(), 400);
    assert_eq!(json(resp)["error"], "unsupported_grant_type");
}

#[test]
fn secrets_with_special_characters_raw_and_form_encoded() {
    let emu = start();
    emu.add_key("id+1", "s:e/c=r~e+t");
    for (id, secret) in [("id+1", "s:e/c=r~e+t"), ("id%2B1", "s%3Ae%2Fc%3Dr~e%2Bt")] {
        let resp = client()
            .post(emu.token_url())
            .basic_auth(id, Some(secret))
            .form(&[("grant_type", "client_credentials")])
            .send()
            .unwrap();
        assert_eq!(resp.status(), 200, "{id}:{secret}");
    }
}

#[test]
fn token_expires_after_its_lifetime() {
    let emu = start_with(EmulatorConfig {
        token_lifetime_secs: 1,
        ..Default::default()
    });
    let token = sinch_token(&emu);
    let url = format!("{}/v1/projects/p/webhooks", emu.base_url());
    assert_eq!(
        client()
            .get(&url)
            .bearer_auth(&token)
            .send()
            .unwrap()
            .status(),
        200
    );
    std::thread::sleep(Duration::from_millis(1100));
    let resp = client().get(&url).bearer_auth(&token).send().unwrap();
    assert_eq!(resp.status(), 401);
    assert!(www_authenticate(&resp).contains("expired"));
}

#[test]
fn expired_unknown_and_basic_401s() {
    let emu = start();
    let token = sinch_token(&emu);
    let url = format!("{}/v1/projects/p/webhooks", emu.base_url());
    emu.expire_all_tokens();

    let resp = client().get(&url).bearer_auth(&token).send().unwrap();
    assert_eq!(resp.status(), 401);
    assert_eq!(
        www_authenticate(&resp),
        r#"Bearer realm="sinch", error="invalid_token", error_description="expired""#
    );
    let body = json(resp);
    assert_eq!(body["title"], "Token expired");
    assert_eq!(
        body["type"],
        "https://developers.sinch.com/docs/errors/registry/access-token-expired"
    );

    let resp = client().get(&url).bearer_auth("nope").send().unwrap();
    assert_eq!(resp.status(), 401);
    assert!(!www_authenticate(&resp).contains("expired"));
    assert_eq!(json(resp)["title"], "Unauthorized");

    let resp = client().get(&url).send().unwrap();
    assert_eq!(resp.status(), 401);

    let resp = client()
        .get(&url)
        .basic_auth("demo-key-id", Some("bad"))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 401);
    assert!(!www_authenticate(&resp).contains("expired"));

    let resp = client()
        .get(&url)
        .basic_auth("demo-key-id", Some("demo-key-secret"))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 200);

    // A fresh token works again.
    let fresh = sinch_token(&emu);
    assert_eq!(
        client()
            .get(&url)
            .bearer_auth(&fresh)
            .send()
            .unwrap()
            .status(),
        200
    );

    let c = emu.counters();
    assert_eq!(c.unauthorized_sent, 4);
    assert_eq!(c.expired_401_sent, 1);
    assert_eq!(c.api_requests, 6);
}
