//! Webhook callbacks end to end: the emulator signs and delivers callbacks to a receiver on a
//! real loopback socket (axum, as a Rust service would run it), which verifies them with
//! sinch-core. The scenarios of tests/scenarios/README.md, "Webhook callbacks".

mod common;

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use common::*;
use sinch_core::callbacks::{
    CallbackHeaders, CallbackVerifier, MemoryReplayCache, RedisReplayCache, ReplayCache,
    VerifyOptions,
};
use sinch_core::provisioning::webhooks::{WebhookSpec, WebhookTrigger, WebhookUpdate};
use sinch_core::provisioning::whatsapp::templates::{
    WhatsappTemplateCategory, WhatsappTemplateComponent, WhatsappTemplateCreate,
    WhatsappTemplateState,
};
use sinch_core::provisioning::whatsapp::WhatsappSubmitMode;
use sinch_core::token::RedisOptions;
use sinch_core::{CallbackError, CallbackEvent, CallbackPayload, Secret};
use sinch_emulator::callbacks::RetryConfig;
use sinch_emulator::provisioning::whatsapp::StateTarget;
use sinch_emulator::Emulator;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{channel, Receiver as Inbox, Sender};
use std::sync::Arc;
use std::time::Duration;

/// Every wait for a delivery is bounded by this.
const WAIT: Duration = Duration::from_secs(15);

/// One request the receiver got, and what its verifier said.
struct Received {
    headers: HeaderMap,
    body: Bytes,
    outcome: Result<CallbackEvent, CallbackError>,
}

/// A webhook receiver on a loopback port: verifies each request and answers the verifier's
/// status (200 for an accepted event), or 500 for the first `fail_first` requests.
struct Receiver {
    url: String,
    inbox: Inbox<Received>,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl Receiver {
    fn start(verifier: CallbackVerifier, fail_first: usize) -> Receiver {
        let (tx, inbox) = channel::<Received>();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}/sinch/callbacks", listener.local_addr().unwrap());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let failures = Arc::new(AtomicUsize::new(fail_first));
        let state = (Arc::new(verifier), tx, failures);
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let app = axum::Router::new()
                    .route("/sinch/callbacks", axum::routing::post(receive))
                    .with_state(state);
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = stopped.await;
                    })
                    .await
                    .unwrap();
            });
        });
        Receiver {
            url,
            inbox,
            _stop: stop,
        }
    }

    fn next(&self) -> Received {
        self.inbox
            .recv_timeout(WAIT)
            .expect("a delivery arrives within the wait")
    }
}

type ReceiverState = (Arc<CallbackVerifier>, Sender<Received>, Arc<AtomicUsize>);

async fn receive(
    axum::extract::State((verifier, tx, failures)): axum::extract::State<ReceiverState>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let outcome = verifier.verify(&CallbackHeaders::from(&headers), &body);
    let failing = failures
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    let status = match (&outcome, failing) {
        (_, true) => StatusCode::INTERNAL_SERVER_ERROR,
        (Ok(_), false) => StatusCode::OK,
        (Err(e), false) => StatusCode::from_u16(u16::try_from(e.http_status()).unwrap()).unwrap(),
    };
    let _ = tx.send(Received {
        headers,
        body,
        outcome,
    });
    status
}

fn verifier(secrets: &[&str]) -> CallbackVerifier {
    verifier_with(secrets, Arc::new(MemoryReplayCache::new()))
}

fn verifier_with(secrets: &[&str], cache: Arc<dyn ReplayCache>) -> CallbackVerifier {
    CallbackVerifier::new(
        secrets.iter().map(|s| Secret::new(*s)),
        VerifyOptions {
            replay_cache: Some(cache),
            ..Default::default()
        },
    )
    .unwrap()
}

/// Registers `target` as a webhook of the project through the API client.
fn register(emu: &Emulator, target: &str, secret: &str, triggers: &[&str]) -> String {
    client(emu, oauth(emu))
        .webhooks()
        .create(&WebhookSpec {
            target: target.into(),
            secret: Secret::new(secret),
            triggers: triggers.iter().map(|t| WebhookTrigger::from(*t)).collect(),
        })
        .unwrap()
        .id
}

fn submit_template(emu: &Emulator, name: &str) {
    client(emu, oauth(emu))
        .whatsapp_templates()
        .create(&WhatsappTemplateCreate {
            name: name.into(),
            language: "EN_US".into(),
            category: WhatsappTemplateCategory::Utility,
            components: vec![WhatsappTemplateComponent::Body {
                text: Some("Your order {{1}} shipped".into()),
                examples: vec!["A-1".into()],
                add_security_recommendation: None,
            }],
            message_send_ttl_seconds: None,
            status: Some(WhatsappSubmitMode::Submit),
        })
        .unwrap();
}

fn approve(emu: &Emulator, name: &str) {
    emu.set_whatsapp_state(PROJECT, StateTarget::Template, Some(name), None, "APPROVED")
        .unwrap();
}

/// The emulator's deliveries, once none is pending any more (bounded wait).
fn settled_deliveries(emu: &Emulator) -> Vec<sinch_emulator::callbacks::Delivery> {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let all = emu.deliveries();
        if all.iter().all(|d| d.status != "pending") {
            return all;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "deliveries still pending"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn an_approved_template_is_delivered_verified_and_typed() {
    let emu = emulator();
    let rx = Receiver::start(verifier(&["whsec-approved"]), 0);
    register(
        &emu,
        &rx.url,
        "whsec-approved",
        &["WHATSAPP_TEMPLATE_APPROVED"],
    );
    submit_template(&emu, "order_shipped");
    approve(&emu, "order_shipped");

    let got = rx.next();
    let event = got.outcome.expect("the delivery verifies");
    assert_eq!(event.trigger, WebhookTrigger::WhatsappTemplateApproved);
    let CallbackPayload::WhatsappTemplate { template } = &event.payload else {
        panic!("a typed template: {event:?}")
    };
    assert_eq!(template.name, "order_shipped");
    assert_eq!(template.state, Some(WhatsappTemplateState::Approved));
    assert_eq!(template.language.as_deref(), Some("EN_US"));
    assert!(event.payload_json.contains("order_shipped"));
    assert_eq!(event.comment, None);
    assert_eq!(
        got.headers["x-sinch-webhook-signature-algorithm"],
        "HmacSHA256"
    );
    // The submission (STATUS_UPDATED) was not subscribed to: one delivery only.
    let deliveries = settled_deliveries(&emu);
    assert_eq!(deliveries.len(), 1);
    assert_eq!(deliveries[0].status, "delivered");
    assert_eq!(deliveries[0].attempts[0].status, Some(200));
}

#[test]
fn a_tampered_body_is_a_bad_signature() {
    let emu = emulator();
    let rx = Receiver::start(verifier(&["whsec-t"]), 0);
    register(&emu, &rx.url, "whsec-t", &["ALL"]);
    submit_template(&emu, "tamper_me");
    let got = rx.next();
    assert!(got.outcome.is_ok());
    let tampered = String::from_utf8(got.body.to_vec())
        .unwrap()
        .replace("tamper_me", "tamper_m3");
    let e = verifier(&["whsec-t"])
        .verify(&CallbackHeaders::from(&got.headers), tampered.as_bytes())
        .unwrap_err();
    assert!(matches!(e, CallbackError::BadSignature { .. }), "{e:?}");
    assert!(!e.to_string().contains("whsec-t"), "{e}");
}

#[test]
fn the_same_delivery_replayed_is_refused() {
    let emu = emulator();
    let rx = Receiver::start(verifier(&["whsec-r"]), 0);
    register(&emu, &rx.url, "whsec-r", &["WHATSAPP_TEMPLATE_APPROVED"]);
    submit_template(&emu, "replayed");
    approve(&emu, "replayed");
    assert!(rx.next().outcome.is_ok());
    let id = settled_deliveries(&emu)[0].id.clone();

    // The control API resends the captured request byte for byte.
    let answer: serde_json::Value = reqwest::blocking::Client::new()
        .post(format!(
            "{}/_emulator/callbacks/deliveries/{id}/replay",
            emu.base_url()
        ))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let again = rx.next();
    let e = again.outcome.unwrap_err();
    assert!(matches!(e, CallbackError::ReplayedNonce { .. }), "{e:?}");
    assert_eq!(
        answer["status"], 409,
        "the receiver answered the replay with 409"
    );
    let d = &emu.deliveries()[0];
    assert_eq!(d.attempts.len(), 2);
    assert!(d.attempts[1].replay);
    assert_eq!(d.attempts[0].nonce, d.attempts[1].nonce);
}

#[test]
fn a_delivery_ten_minutes_old_is_stale() {
    let emu = emulator();
    emu.set_callback_config(RetryConfig {
        max_attempts: 1,
        clock_skew_secs: -600,
        ..Default::default()
    });
    let rx = Receiver::start(verifier(&["whsec-s"]), 0);
    register(&emu, &rx.url, "whsec-s", &["WHATSAPP_TEMPLATE_APPROVED"]);
    submit_template(&emu, "late");
    approve(&emu, "late");
    let e = rx.next().outcome.unwrap_err();
    assert!(
        matches!(e, CallbackError::StaleTimestamp { skew_seconds, .. } if (600..=605).contains(&skew_seconds)),
        "{e:?}"
    );
    assert!(e.to_string().contains("old"), "{e}");
    let d = &settled_deliveries(&emu)[0];
    assert_eq!(
        (d.status.as_str(), d.attempts[0].status),
        ("failed", Some(401))
    );
}

#[test]
fn an_unknown_trigger_is_kept_raw() {
    let emu = emulator();
    let rx = Receiver::start(verifier(&["whsec-u"]), 0);
    register(&emu, &rx.url, "whsec-u", &["ALL"]);
    let payload = serde_json::json!({"id": "x1", "newField": [1, 2]});
    assert_eq!(
        emu.emit_callback(PROJECT, "WHATSAPP_FUTURE_THING", payload, Some("note")),
        1
    );
    let event = rx
        .next()
        .outcome
        .expect("an unknown trigger is not an error");
    assert_eq!(
        event.trigger,
        WebhookTrigger::Unknown("WHATSAPP_FUTURE_THING".into())
    );
    assert_eq!(event.payload, CallbackPayload::Other);
    assert_eq!(event.payload_json, r#"{"id":"x1","newField":[1,2]}"#);
    assert_eq!(event.comment.as_deref(), Some("note"));
}

#[test]
fn a_rotated_secret_old_and_new_are_both_accepted() {
    let emu = emulator();
    let rx = Receiver::start(verifier(&["whsec-old", "whsec-new"]), 0);
    let id = register(&emu, &rx.url, "whsec-old", &["ALL"]);
    emu.emit_callback(PROJECT, "BUNDLE_DONE", serde_json::json!({}), None);
    assert!(rx.next().outcome.is_ok(), "signed with the old secret");

    client(&emu, oauth(&emu))
        .webhooks()
        .update(
            &id,
            &WebhookUpdate {
                secret: Some(Secret::new("whsec-new")),
                ..Default::default()
            },
        )
        .unwrap();
    emu.emit_callback(PROJECT, "BUNDLE_DONE", serde_json::json!({}), None);
    let got = rx.next();
    assert!(got.outcome.is_ok(), "signed with the new secret");
    // A receiver that only knows the old secret refuses the new deliveries.
    let e = verifier(&["whsec-old"])
        .verify(&CallbackHeaders::from(&got.headers), &got.body)
        .unwrap_err();
    assert!(matches!(e, CallbackError::BadSignature { .. }));
}

#[test]
fn a_failed_delivery_is_retried_and_the_attempts_are_listed() {
    let emu = emulator();
    emu.set_callback_config(RetryConfig {
        max_attempts: 3,
        backoff_ms: 10,
        clock_skew_secs: 0,
    });
    let rx = Receiver::start(verifier(&["whsec-retry"]), 1);
    register(
        &emu,
        &rx.url,
        "whsec-retry",
        &["WHATSAPP_TEMPLATE_APPROVED"],
    );
    submit_template(&emu, "retried");
    approve(&emu, "retried");
    let first = rx.next();
    let second = rx.next();
    assert!(
        first.outcome.is_ok() && second.outcome.is_ok(),
        "each attempt is signed afresh"
    );
    let d = &settled_deliveries(&emu)[0];
    assert_eq!(d.status, "delivered");
    let statuses: Vec<_> = d.attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(500), Some(200)]);
    assert_ne!(d.attempts[0].nonce, d.attempts[1].nonce);
}

#[test]
fn an_unreachable_target_fails_after_bounded_attempts() {
    let emu = emulator();
    emu.set_callback_config(RetryConfig {
        max_attempts: 2,
        backoff_ms: 10,
        clock_skew_secs: 0,
    });
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    register(&emu, &format!("http://127.0.0.1:{port}/h"), "s", &["ALL"]);
    emu.emit_callback(PROJECT, "BUNDLE_DONE", serde_json::json!({}), None);
    let d = &settled_deliveries(&emu)[0];
    assert_eq!(d.status, "failed");
    assert_eq!(d.attempts.len(), 2);
    assert!(d
        .attempts
        .iter()
        .all(|a| a.error.as_deref() == Some("connection failed")));
}

#[test]
fn a_finished_bundle_calls_back_with_a_typed_bundle() {
    let emu = emulator();
    let rx = Receiver::start(verifier(&["whsec-snd"]), 0);
    register(&emu, &rx.url, "whsec-snd", &["ALL"]);
    let bundle = client(&emu, oauth(&emu))
        .bundles()
        .create(&sinch_core::provisioning::bundles::BundleSpec {
            name: "b".into(),
            region: Some("EU".into()),
            subproject: sinch_core::provisioning::bundles::BundlePart::Create,
            sms_app: Default::default(),
            conv_app: Default::default(),
            test_number: None,
            webhooks: vec![],
            extra_json: None,
        })
        .unwrap();
    // Sinch finishes a bundle on its own; the set-field control stands for that.
    emu.set_field(
        PROJECT,
        "bundles",
        &bundle.id,
        "state",
        serde_json::json!("DONE"),
    )
    .unwrap();
    let event = rx.next().outcome.unwrap();
    assert_eq!(event.trigger, WebhookTrigger::BundleDone);
    assert!(matches!(&event.payload, CallbackPayload::Bundle { bundle: b } if b.id == bundle.id));
}

#[test]
fn secrets_are_never_shown() {
    let v = verifier(&["whsec-hidden-value"]);
    assert!(!format!("{v:?}").contains("whsec-hidden-value"));
    let emu = emulator();
    let rx = Receiver::start(verifier(&["whsec-wrong"]), 0);
    register(&emu, &rx.url, "whsec-hidden-value", &["ALL"]);
    emu.emit_callback(PROJECT, "BUNDLE_DONE", serde_json::json!({}), None);
    let e = rx.next().outcome.unwrap_err();
    let shown = format!("{e:?} {e}");
    assert!(!shown.contains("whsec-"), "{shown}");
    let listed = serde_json::to_string(&emu.deliveries()).unwrap();
    assert!(
        !listed.contains("whsec-hidden-value"),
        "the control API never lists secrets"
    );
}

mod redis {
    use super::*;
    use std::process::{Child, Command, Stdio};

    /// A `redis-server` of this test's own, killed when dropped.
    struct Redis(Child, u16);

    impl Redis {
        fn start() -> Redis {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let child = Command::new("redis-server")
                .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
                .args(["--save", "", "--appendonly", "no"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("redis-server runs (Debian: apt-get install redis-server)");
            let redis = Redis(child, port);
            let deadline = std::time::Instant::now() + WAIT;
            while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                assert!(
                    std::time::Instant::now() < deadline,
                    "redis-server did not start"
                );
                std::thread::sleep(Duration::from_millis(20));
            }
            redis
        }

        fn cache(&self) -> Arc<dyn ReplayCache> {
            let options = RedisOptions::new(format!("redis://127.0.0.1:{}", self.1));
            Arc::new(RedisReplayCache::new(options).unwrap())
        }
    }

    impl Drop for Redis {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    #[test]
    fn a_delivery_accepted_by_one_process_is_a_replay_for_every_other() {
        let redis = Redis::start();
        let emu = emulator();
        // Two "processes" behind one load balancer: separate verifiers, one Redis.
        let rx = Receiver::start(verifier_with(&["whsec-fleet"], redis.cache()), 0);
        let other = verifier_with(&["whsec-fleet"], redis.cache());
        register(&emu, &rx.url, "whsec-fleet", &["ALL"]);
        emu.emit_callback(PROJECT, "BUNDLE_DONE", serde_json::json!({}), None);
        let got = rx.next();
        assert!(got.outcome.is_ok());
        let e = other
            .verify(&CallbackHeaders::from(&got.headers), &got.body)
            .unwrap_err();
        assert!(matches!(e, CallbackError::ReplayedNonce { .. }), "{e:?}");
    }

    #[test]
    fn without_redis_callbacks_are_refused_not_accepted_unchecked() {
        let redis = Redis::start();
        let cache = redis.cache();
        drop(redis);
        let emu = emulator();
        emu.set_callback_config(RetryConfig {
            max_attempts: 1,
            ..Default::default()
        });
        let rx = Receiver::start(verifier_with(&["whsec-down"], cache), 0);
        register(&emu, &rx.url, "whsec-down", &["ALL"]);
        emu.emit_callback(PROJECT, "BUNDLE_DONE", serde_json::json!({}), None);
        let e = rx.next().outcome.unwrap_err();
        assert!(
            matches!(e, CallbackError::ReplayCacheUnavailable { .. }),
            "{e:?}"
        );
        assert_eq!(e.http_status(), 503);
        assert_eq!(settled_deliveries(&emu)[0].attempts[0].status, Some(503));
    }
}
