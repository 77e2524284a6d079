//! With logging at its most verbose, the fault scenarios never log a secret or a token.

mod common;

use common::*;
use sinch_core::provisioning::pagination::PageRequest;
use sinch_core::{Auth, KeycloakConfig};
use sinch_emulator::{Fault, FaultKind, FaultTarget};
use std::sync::Mutex;

struct Capture(Mutex<Vec<String>>);

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        self.0.lock().unwrap().push(format!(
            "{} {} {}",
            record.level(),
            record.target(),
            record.args()
        ));
    }
    fn flush(&self) {}
}

static CAPTURE: Capture = Capture(Mutex::new(Vec::new()));

#[test]
fn verbose_logs_never_show_secrets_or_tokens() {
    log::set_logger(&CAPTURE).unwrap();
    log::set_max_level(log::LevelFilter::Trace);
    let emu = emulator();
    let mut secrets = vec![
        KEY_SECRET.to_string(),
        "demo-password".into(),
        "wrong-secret-123".into(),
    ];

    let auth = oauth(&emu);
    let client = client(&emu, auth.clone());
    secrets.push(auth.access_token().unwrap().expose().to_string());
    emu.expire_all_tokens();
    client.webhooks().list(&PageRequest::default()).unwrap();
    secrets.push(auth.access_token().unwrap().expose().to_string());
    emu.inject_fault(Fault {
        target: FaultTarget::Api,
        count: 1,
        kind: FaultKind::Status {
            status: 503,
            retry_after: Some("0".into()),
            body: None,
        },
    });
    client.webhooks().list(&PageRequest::default()).unwrap();
    let _ = oauth_with(&emu, KEY_ID, "wrong-secret-123").access_token();
    let india = Auth::keycloak(
        KeycloakConfig::new("demo-user", "demo-password").with_token_url(emu.keycloak_token_url()),
    )
    .unwrap();
    secrets.push(india.access_token().unwrap().expose().to_string());
    let fresh = oauth_with(&emu, "other", "x");
    emu.inject_fault(Fault {
        target: FaultTarget::Token,
        count: 1,
        kind: FaultKind::Status {
            status: 429,
            retry_after: Some("0".into()),
            body: None,
        },
    });
    let _ = fresh.access_token();

    let logs = CAPTURE.0.lock().unwrap().join("\n");
    assert!(
        logs.contains("sha256:"),
        "tokens are logged by fingerprint:\n{logs}"
    );
    assert!(logs.contains("retrying"), "retries are logged:\n{logs}");
    // One DEBUG record per HTTP attempt: method, path without query, attempt, status, time.
    let attempt = format!(
        "listing webhooks (GET /v1/projects/{PROJECT}/webhooks): attempt 1 -> HTTP 503 in "
    );
    assert!(logs.contains(&attempt), "attempts are logged:\n{logs}");
    assert!(
        logs.contains("attempt 2 -> HTTP 200 in "),
        "the retried attempt too:\n{logs}"
    );
    assert!(!logs.contains("pageSize"), "no query values:\n{logs}");
    for s in &secrets {
        assert!(
            !logs.contains(s.as_str()),
            "{s} leaked into the logs:\n{logs}"
        );
    }
}
