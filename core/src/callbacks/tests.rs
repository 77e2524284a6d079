use super::*;

const NOW: i64 = 1_800_000_000;
const BODY: &[u8] = br#"{"type":"WHATSAPP_TEMPLATE_APPROVED","payload":{"name":"welcome","language":"EN_US","state":"APPROVED"}}"#;

fn secret(s: &str) -> Secret {
    Secret::new(s)
}

fn verifier(secrets: &[&str]) -> CallbackVerifier {
    CallbackVerifier::new(
        secrets.iter().map(|s| secret(s)),
        VerifyOptions {
            replay_cache: Some(Arc::new(MemoryReplayCache::new())),
            ..Default::default()
        },
    )
    .unwrap()
}

fn delivery(secret_text: &str, body: &[u8], nonce: &str, ts: i64) -> CallbackHeaders {
    CallbackHeaders::from_pairs(signature_headers(&secret(secret_text), body, nonce, ts))
}

#[test]
fn the_signed_text_is_body_nonce_timestamp_base64_padded() {
    // Computed independently: printf '%s' 'body.n1.1700000000' | openssl dgst -sha256 -hmac k -binary | base64
    let h = signature_headers(&secret("k"), b"body", "n1", 1_700_000_000);
    assert_eq!(h[0].1.len(), 44, "{}", h[0].1);
    assert!(h[0].1.ends_with('='));
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(b"k").unwrap();
    mac.update(b"body.n1.1700000000");
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    assert_eq!(h[0].1, expected);
    assert_eq!(
        h[1],
        (headers::ALGORITHM.to_string(), "HmacSHA256".to_string())
    );
}

#[test]
fn a_signed_delivery_gives_its_typed_event() {
    let v = verifier(&["s3cret"]);
    let event = v
        .verify_at(&delivery("s3cret", BODY, "n1", NOW), BODY, NOW + 10)
        .unwrap();
    assert_eq!(event.trigger.as_str(), "WHATSAPP_TEMPLATE_APPROVED");
    assert!(
        matches!(&event.payload, CallbackPayload::WhatsappTemplate { template } if template.name == "welcome")
    );
    assert_eq!((event.nonce.as_str(), event.timestamp), ("n1", NOW));
}

#[test]
fn a_changed_body_or_a_wrong_secret_is_a_bad_signature() {
    let v = verifier(&["s3cret"]);
    let tampered = String::from_utf8(BODY.to_vec())
        .unwrap()
        .replace("welcome", "w3lcome");
    let e = v
        .verify_at(
            &delivery("s3cret", BODY, "n1", NOW),
            tampered.as_bytes(),
            NOW,
        )
        .unwrap_err();
    assert_eq!(e.kind(), "BadSignature");
    let e = v
        .verify_at(&delivery("wrong-key-xyz", BODY, "n2", NOW), BODY, NOW)
        .unwrap_err();
    assert_eq!(e.kind(), "BadSignature");
    assert!(!e.to_string().contains("s3cret") && !e.to_string().contains("wrong-key-xyz"));
    // A signature that is not even base64.
    let mut h = delivery("s3cret", BODY, "n3", NOW);
    h.signature = vec!["%%%".into()];
    assert_eq!(
        v.verify_at(&h, BODY, NOW).unwrap_err().kind(),
        "BadSignature"
    );
}

#[test]
fn any_of_several_secrets_is_accepted_for_rotation() {
    let v = verifier(&["old", "new"]);
    assert!(v
        .verify_at(&delivery("old", BODY, "a", NOW), BODY, NOW)
        .is_ok());
    assert!(v
        .verify_at(&delivery("new", BODY, "b", NOW), BODY, NOW)
        .is_ok());
    let e = v
        .verify_at(&delivery("older", BODY, "c", NOW), BODY, NOW)
        .unwrap_err();
    assert!(e.to_string().contains("2 secrets tried"), "{e}");
}

#[test]
fn the_window_holds_both_ways() {
    let v = verifier(&["k"]);
    let h = delivery("k", BODY, "old", NOW - 600);
    let e = v.verify_at(&h, BODY, NOW).unwrap_err();
    assert!(
        matches!(
            e,
            CallbackError::StaleTimestamp {
                skew_seconds: 600,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("600 s old"), "{e}");
    let e = v
        .verify_at(&delivery("k", BODY, "future", NOW + 301), BODY, NOW)
        .unwrap_err();
    assert!(e.to_string().contains("future"), "{e}");
    assert!(v
        .verify_at(&delivery("k", BODY, "edge", NOW - 300), BODY, NOW)
        .is_ok());
}

#[test]
fn the_window_is_configurable() {
    let v = CallbackVerifier::new(
        [secret("k")],
        VerifyOptions {
            tolerance: Duration::from_secs(900),
            replay_cache: Some(Arc::new(MemoryReplayCache::new())),
        },
    )
    .unwrap();
    assert!(v
        .verify_at(&delivery("k", BODY, "n", NOW - 600), BODY, NOW)
        .is_ok());
    for bad in [Duration::ZERO, MAX_TOLERANCE + Duration::from_secs(1)] {
        let opts = VerifyOptions {
            tolerance: bad,
            replay_cache: None,
        };
        assert!(CallbackVerifier::new([secret("k")], opts).is_err());
    }
}

#[test]
fn a_replayed_nonce_is_refused_but_only_after_the_signature() {
    let v = verifier(&["k"]);
    let h = delivery("k", BODY, "once", NOW);
    assert!(v.verify_at(&h, BODY, NOW).is_ok());
    let e = v.verify_at(&h, BODY, NOW + 1).unwrap_err();
    assert_eq!(e.kind(), "ReplayedNonce");
    // A forged request with a fresh nonce does not reach the cache: the real one still passes.
    let mut forged = delivery("k", BODY, "victim", NOW);
    forged.signature = vec![base64::engine::general_purpose::STANDARD.encode([0u8; 32])];
    assert_eq!(
        v.verify_at(&forged, BODY, NOW).unwrap_err().kind(),
        "BadSignature"
    );
    assert!(v
        .verify_at(&delivery("k", BODY, "victim", NOW), BODY, NOW)
        .is_ok());
}

#[test]
fn header_problems_are_named() {
    let v = verifier(&["k"]);
    let full = delivery("k", BODY, "n", NOW);
    for (name, edit) in [
        (headers::SIGNATURE, 0),
        (headers::NONCE, 1),
        (headers::TIMESTAMP, 2),
    ] {
        let mut h = full.clone();
        match edit {
            0 => h.signature.clear(),
            1 => h.nonce.clear(),
            _ => h.timestamp.clear(),
        }
        let e = v.verify_at(&h, BODY, NOW).unwrap_err();
        assert!(
            matches!(&e, CallbackError::MissingHeader { header, .. } if header == name),
            "{e:?}"
        );
    }
    let mut twice = full.clone();
    twice.nonce.push("m".into());
    assert_eq!(
        v.verify_at(&twice, BODY, NOW).unwrap_err().kind(),
        "InvalidHeader"
    );
    let mut words = full.clone();
    words.timestamp = vec!["soon".into()];
    assert_eq!(
        v.verify_at(&words, BODY, NOW).unwrap_err().kind(),
        "InvalidHeader"
    );
    let mut algo = full.clone();
    algo.algorithm = vec!["HmacSHA1".into()];
    let e = v.verify_at(&algo, BODY, NOW).unwrap_err();
    assert!(
        matches!(&e, CallbackError::UnsupportedAlgorithm { algorithm, .. } if algorithm == "HmacSHA1")
    );
    // Without the algorithm header the only scheme is assumed.
    let mut none = full.clone();
    none.algorithm.clear();
    assert!(v.verify_at(&none, BODY, NOW).is_ok());
}

#[test]
fn a_signed_body_that_is_not_a_callback_is_malformed() {
    let v = verifier(&["k"]);
    let body = b"[1,2,3]";
    let e = v
        .verify_at(&delivery("k", body, "n", NOW), body, NOW)
        .unwrap_err();
    assert_eq!(e.kind(), "MalformedBody");
    assert_eq!(e.http_status(), 400);
}

#[test]
fn a_failing_cache_refuses_rather_than_accepts() {
    #[derive(Debug)]
    struct Down;
    impl ReplayCache for Down {
        fn insert_new(&self, _: &str, _: Duration) -> Result<bool> {
            Err(SinchError::store("connection refused"))
        }
    }
    let v = CallbackVerifier::new(
        [secret("k")],
        VerifyOptions {
            replay_cache: Some(Arc::new(Down)),
            ..Default::default()
        },
    )
    .unwrap();
    let e = v
        .verify_at(&delivery("k", BODY, "n", NOW), BODY, NOW)
        .unwrap_err();
    assert_eq!((e.kind(), e.http_status()), ("ReplayCacheUnavailable", 503));
    assert!(e.to_string().contains("connection refused"), "{e}");
}

#[test]
fn secrets_never_show() {
    let v = verifier(&["hunter2-webhook-secret"]);
    assert!(!format!("{v:?}").contains("hunter2"), "{v:?}");
    let h = delivery("wrong-secret-value", BODY, "n", NOW);
    let e = v.verify_at(&h, BODY, NOW).unwrap_err();
    assert!(!format!("{e:?}{e}").contains("hunter2"));
    assert!(CallbackVerifier::new([secret("")], VerifyOptions::default()).is_err());
    assert!(CallbackVerifier::new(Vec::new(), VerifyOptions::default()).is_err());
}

#[test]
fn the_event_never_prints_its_raw_payload() {
    let body =
        br#"{"type":"WHATSAPP_SENDER_ACTIVE","payload":{"id":"s1","bearerToken":"bt_topsecret"}}"#;
    let v = verifier(&["k"]);
    let event = v
        .verify_at(&delivery("k", body, "n", NOW), body, NOW)
        .unwrap();
    assert!(
        event.payload_json.contains("bt_topsecret"),
        "kept for the receiver"
    );
    let shown = format!("{event:?} {event} {:?}", event.payload);
    assert!(!shown.contains("bt_topsecret"), "{shown}");
    assert!(shown.contains("WhatsappSender(s1)"), "{shown}");
}

#[test]
fn the_free_function_verifies_too() {
    let h = delivery("k", BODY, "free-fn-nonce", unix_now());
    let event = verify(&h, BODY, &[secret("k")], &VerifyOptions::default()).unwrap();
    assert_eq!(event.nonce, "free-fn-nonce");
    // The process-wide default cache remembers it across calls.
    let e = verify(&h, BODY, &[secret("k")], &VerifyOptions::default()).unwrap_err();
    assert_eq!(e.kind(), "ReplayedNonce");
    let e = verify(&h, BODY, &[], &VerifyOptions::default()).unwrap_err();
    assert!(e.to_string().contains("at least one"), "{e}");
}
