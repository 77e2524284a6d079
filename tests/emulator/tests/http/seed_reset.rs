//! `--seed` / `EmulatorConfig::seed`, and what a reset keeps.

use super::*;
use serde_json::json;

fn list_webhooks(emu: &Emulator, project: &str, token: &str) -> Response {
    client()
        .get(format!("{}/v1/projects/{project}/webhooks", emu.base_url()))
        .bearer_auth(token)
        .send()
        .unwrap()
}

fn targets(resp: Response) -> Vec<String> {
    assert_eq!(resp.status(), 200);
    json(resp)["webhooks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["target"].as_str().unwrap().to_string())
        .collect()
}

fn seeded() -> Emulator {
    start_with(EmulatorConfig {
        seed: Some(json!({"projects": {
            "p1": {
                "webhooks": [
                    {"target": "https://example.com/a", "secret": "s", "triggers": ["ALL"]},
                    {"target": "https://example.com/b", "secret": "s", "triggers": ["ALL"]}
                ],
                "sms/smsApps": [{"name": "Alerts", "region": "EU"}]
            },
            "p2": {"webhooks": [{"target": "https://example.com/c", "secret": "s", "triggers": ["ALL"]}]}
        }})),
        ..Default::default()
    })
}

#[test]
fn seeded_resources_are_served_like_created_ones_and_leave_no_counts() {
    let emu = seeded();
    assert_eq!(emu.counters(), sinch_emulator::Counters::default());
    let token = sinch_token(&emu);
    assert_eq!(
        targets(list_webhooks(&emu, "p1", &token)),
        ["https://example.com/a", "https://example.com/b"]
    );
    assert_eq!(
        targets(list_webhooks(&emu, "p2", &token)),
        ["https://example.com/c"]
    );
    let apps = client()
        .get(format!("{}/v1/projects/p1/sms/smsApps", emu.base_url()))
        .bearer_auth(&token)
        .send()
        .unwrap();
    let apps = json(apps);
    assert_eq!(apps["smsApps"][0]["name"], "Alerts");
    assert!(
        !apps["smsApps"][0]["id"].as_str().unwrap_or("").is_empty(),
        "an id was generated"
    );
}

#[test]
fn reset_returns_to_the_seed_and_keeps_issued_tokens_valid() {
    let emu = seeded();
    let token = sinch_token(&emu);
    let created = client()
        .post(format!("{}/v1/projects/p1/webhooks", emu.base_url()))
        .bearer_auth(&token)
        .json(&json!({"target": "https://example.com/new", "secret": "s", "triggers": ["ALL"]}))
        .send()
        .unwrap();
    assert_eq!(created.status(), 201);
    assert_eq!(targets(list_webhooks(&emu, "p1", &token)).len(), 3);

    emu.reset();
    // The token a client cached before the reset still works.
    assert_eq!(
        targets(list_webhooks(&emu, "p1", &token)),
        ["https://example.com/a", "https://example.com/b"]
    );

    // Over HTTP, asking for it: the token is refused afterwards.
    let reset = client()
        .post(format!("{}/_emulator/reset", emu.base_url()))
        .json(&json!({"revoke_tokens": true}))
        .send()
        .unwrap();
    assert_eq!(reset.status(), 200);
    assert_eq!(list_webhooks(&emu, "p1", &token).status(), 401);
    let bad = client()
        .post(format!("{}/_emulator/reset", emu.base_url()))
        .json(&json!({"revoke": true}))
        .send()
        .unwrap();
    assert_eq!(bad.status(), 400, "a misspelt option is not ignored");
}

#[test]
fn a_bad_seed_fails_the_start_naming_the_resource() {
    let err = Emulator::start(EmulatorConfig {
        seed: Some(json!({"projects": {"p1": {"webhooks": [
            {"target": "https://example.com/ok", "secret": "s", "triggers": ["ALL"]},
            {"target": "not a url", "secret": "s", "triggers": ["ALL"]}
        ]}}})),
        ..Default::default()
    })
    .map(|_| ())
    .expect_err("the start fails");
    let text = err.to_string();
    assert!(text.contains("projects.p1.webhooks[1]"), "{text}");
    assert!(text.contains("400"), "{text}");
    let err = Emulator::start(EmulatorConfig {
        seed: Some(json!({"projects": {"p1": {"no/such/collection": [{}]}}})),
        ..Default::default()
    })
    .map(|_| ())
    .expect_err("the start fails");
    assert!(
        err.to_string().contains("is the path a collection"),
        "{err}"
    );
}
