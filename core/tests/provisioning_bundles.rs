//! Bundles against the in-process emulator.

mod common;

use common::*;
use serde_json::json;
use sinch_core::provisioning::bundles::{
    BundleFilter, BundlePart, BundleSpec, BundleState, BundleSubprojectStatus,
    ConversationProcessingMode,
};
use sinch_core::provisioning::pagination::PageRequest;
use sinch_core::provisioning::sms_apps::{AppRegion, SmsAppStatus};
use sinch_core::provisioning::webhooks::{WebhookSpec, WebhookTrigger};
use sinch_core::SinchError;

fn spec(name: &str) -> BundleSpec {
    BundleSpec {
        name: name.to_string(),
        region: Some(AppRegion::Us),
        sms_app: BundlePart::Create,
        ..Default::default()
    }
}

#[test]
fn create_get_list_and_finish() {
    let emu = emulator();
    let client = client(&emu, oauth(&emu));
    let bundles = client.bundles();
    let created = bundles
        .create(&BundleSpec {
            name: "Full".into(),
            region: Some(AppRegion::Us),
            subproject: BundlePart::Named("Sub".into()),
            sms_app: BundlePart::Named("SMS one".into()),
            conv_app: BundlePart::Create,
            test_number: Some(true),
            webhooks: vec![WebhookSpec {
                target: "https://example.com/bundle-done".into(),
                secret: "whsec-bundle".into(),
                triggers: vec![WebhookTrigger::BundleDone],
            }],
            extra_json: Some(
                r#"{"convApp": {"name": "Conv", "processingMode": "DISPATCH"}}"#.into(),
            ),
        })
        .unwrap();
    assert_eq!(created.state, BundleState::InProgress);
    assert_eq!(created.project_id, PROJECT);
    let sub = created.subproject.clone().unwrap();
    assert_eq!(sub.name.as_deref(), Some("Sub"));
    assert_eq!(sub.status, Some(BundleSubprojectStatus::Pending));
    let sms = created.sms_app.clone().unwrap();
    assert_eq!(sms.name, "SMS one");
    assert_eq!(sms.status, SmsAppStatus::PendingAdd);
    let conv = created.conv_app.clone().unwrap();
    assert_eq!(
        conv.name.as_deref(),
        Some("Conv"),
        "extra_json replaced convApp"
    );
    assert_eq!(
        conv.processing_mode,
        Some(ConversationProcessingMode::Dispatch)
    );
    assert_eq!(created.webhooks.len(), 1);
    assert_eq!(
        created.webhooks[0].triggers,
        vec![WebhookTrigger::BundleDone]
    );

    assert_eq!(bundles.get(&created.id).unwrap(), created);
    // What the bundle ordered exists on its own too.
    assert_eq!(client.sms_apps().get(&sms.id).unwrap().name, "SMS one");
    assert_eq!(
        client
            .webhooks()
            .get(&created.webhooks[0].id)
            .unwrap()
            .target,
        "https://example.com/bundle-done"
    );

    emu.set_field(PROJECT, "bundles", &created.id, "state", json!("DONE"))
        .unwrap();
    assert_eq!(bundles.get(&created.id).unwrap().state, BundleState::Done);

    let page = bundles
        .list(&PageRequest::default(), &BundleFilter::default())
        .unwrap();
    assert_eq!(page.total_size, 1);
}

#[test]
fn filters_and_pages() {
    let emu = emulator();
    let bundles = client(&emu, oauth(&emu)).bundles();
    let mut ids = Vec::new();
    for i in 0..12 {
        ids.push(bundles.create(&spec(&format!("b{i}"))).unwrap());
    }
    // Default page: the first 10.
    let first = bundles
        .list(&PageRequest::default(), &BundleFilter::default())
        .unwrap();
    assert_eq!(first.bundles.len(), 10);
    assert_eq!(first.total_size, 12);
    assert!(first.next_page_token.is_some());

    emu.set_field(PROJECT, "bundles", &ids[3].id, "state", json!("FAILED"))
        .unwrap();
    emu.set_field(PROJECT, "bundles", &ids[7].id, "state", json!("FAILED"))
        .unwrap();
    let failed = BundleFilter {
        states: vec![BundleState::Failed],
        ..Default::default()
    };
    let names: Vec<String> = bundles
        .pages(Some(1), failed)
        .unwrap()
        .items()
        .map(|b| b.unwrap().name)
        .collect();
    assert_eq!(names, ["b3", "b7"]);

    let by_app = BundleFilter {
        sms_app_ids: vec![ids[5].sms_app.clone().unwrap().id],
        ..Default::default()
    };
    let page = bundles.list(&PageRequest::default(), &by_app).unwrap();
    assert_eq!(page.bundles.len(), 1);
    assert_eq!(page.bundles[0].name, "b5");

    let all: Vec<_> = bundles
        .pages(Some(5), BundleFilter::default())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(all.len(), 3);
}

#[test]
fn unknown_state_from_the_server_is_kept() {
    let emu = emulator();
    let bundles = client(&emu, oauth(&emu)).bundles();
    let b = bundles.create(&spec("x")).unwrap();
    emu.set_field(PROJECT, "bundles", &b.id, "state", json!("PARTIALLY_DONE"))
        .unwrap();
    let got = bundles.get(&b.id).unwrap();
    assert_eq!(got.state, BundleState::Unknown("PARTIALLY_DONE".into()));
    // Filtering by a state the client does not know works too.
    let filter = BundleFilter {
        states: vec![BundleState::from("PARTIALLY_DONE")],
        ..Default::default()
    };
    assert_eq!(
        bundles
            .list(&PageRequest::default(), &filter)
            .unwrap()
            .bundles
            .len(),
        1
    );
}

#[test]
fn documented_errors() {
    let emu = emulator();
    let bundles = client(&emu, oauth(&emu)).bundles();
    let cases = [
        (
            BundleSpec {
                name: String::new(),
                ..spec("")
            },
            "missing_name",
        ),
        (
            BundleSpec {
                sms_app: BundlePart::Omit,
                ..spec("nothing")
            },
            "no_services_to_create",
        ),
        (
            BundleSpec {
                region: None,
                ..spec("no region")
            },
            "invalid_input",
        ),
        (
            BundleSpec {
                extra_json: Some(r#"{"subproject": 5}"#.into()),
                ..spec("bad part")
            },
            "invalid_input",
        ),
    ];
    for (spec, code) in cases {
        assert_eq!(
            api_error(bundles.create(&spec).unwrap_err()),
            (400, code.to_string())
        );
    }
    assert_eq!(
        api_error(bundles.get("62a02dd40000000000000000").unwrap_err()),
        (404, "bundle_not_found".to_string())
    );
    let e = bundles
        .list(
            &PageRequest {
                page_size: None,
                page_token: Some("nope".into()),
            },
            &BundleFilter::default(),
        )
        .unwrap_err();
    assert_eq!(api_error(e), (400, "invalid_page_token".to_string()));
    // Out of 1..25: refused before sending; bad extra_json too.
    assert!(matches!(
        bundles.pages(Some(26), BundleFilter::default()).err(),
        Some(SinchError::InvalidConfig { .. })
    ));
    assert!(matches!(
        bundles.create(&BundleSpec {
            extra_json: Some("not json".into()),
            ..spec("x")
        }),
        Err(SinchError::InvalidConfig { .. })
    ));
    assert_eq!(emu.counters().api_requests, 6);
}
