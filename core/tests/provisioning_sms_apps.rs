//! SMS apps against the in-process emulator.

mod common;

use common::*;
use serde_json::json;
use sinch_core::provisioning::pagination::PageRequest;
use sinch_core::provisioning::sms_apps::{
    AppRegion, ConversationChannelStatus, SmsAppServiceRegion, SmsAppSpec, SmsAppStatus,
    SmsAppUpdate,
};
use sinch_core::SinchError;

fn spec(name: &str) -> SmsAppSpec {
    SmsAppSpec {
        name: name.to_string(),
        region: AppRegion::Eu,
        conv_api_app: None,
        conv_api_app_id: None,
    }
}

/// The status and error code of an `Api` error; panics on anything else.
fn api_error(e: SinchError) -> (i32, String, Vec<String>) {
    match e {
        SinchError::ApiError {
            status,
            error_code,
            additional_information,
            ..
        } => (
            status,
            error_code,
            additional_information
                .get("validationErrors")
                .cloned()
                .unwrap_or_default(),
        ),
        other => panic!("expected an Api error, got {other:?}"),
    }
}

#[test]
fn create_get_rename_list_delete() {
    let emu = emulator();
    let apps = client(&emu, oauth(&emu)).sms_apps();
    let created = apps
        .create(&SmsAppSpec {
            conv_api_app: Some(true),
            ..spec("Alerts")
        })
        .unwrap();
    assert_eq!(created.name, "Alerts");
    assert_eq!(created.id.len(), 32);
    assert_eq!(created.status, SmsAppStatus::PendingAdd);
    assert_eq!(created.regions, vec![SmsAppServiceRegion::Eu]);
    let conv = created.conversation_api_app_details.clone().unwrap();
    assert_eq!(conv.region, Some(AppRegion::Eu));
    assert_eq!(
        conv.channel_status,
        Some(ConversationChannelStatus::Pending)
    );

    assert_eq!(apps.get(&created.id).unwrap(), created);

    let renamed = apps.rename(&created.id, "Alerts v2").unwrap();
    assert_eq!(renamed.name, "Alerts v2");
    assert_eq!(apps.get(&created.id).unwrap().name, "Alerts v2");

    let page = apps.list(&PageRequest::default()).unwrap();
    assert_eq!(page.total_size, 1);
    assert_eq!(page.sms_apps[0].name, "Alerts v2");
    assert!(page.next_page_token.is_none());

    apps.delete(&created.id).unwrap();
    let (status, code, _) = api_error(apps.get(&created.id).unwrap_err());
    assert_eq!((status, code.as_str()), (404, "sms_app_not_found"));
    assert_eq!(apps.list(&PageRequest::default()).unwrap().total_size, 0);
}

#[test]
fn links_an_existing_conversation_app() {
    let emu = emulator();
    let apps = client(&emu, oauth(&emu)).sms_apps();
    let app = apps
        .create(&SmsAppSpec {
            conv_api_app_id: Some("01KXD2MJSAN61CNE0CJ6VT6PXP".into()),
            ..spec("Linked")
        })
        .unwrap();
    assert_eq!(
        app.conversation_api_app_details.unwrap().id,
        "01KXD2MJSAN61CNE0CJ6VT6PXP"
    );
}

#[test]
fn pages_over_several_pages() {
    let emu = emulator();
    let apps = client(&emu, oauth(&emu)).sms_apps();
    for i in 0..7 {
        apps.create(&spec(&format!("app-{i}"))).unwrap();
    }
    let pages: Vec<_> = apps.pages(Some(3)).unwrap().map(Result::unwrap).collect();
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[0].total_size, 7);
    let names: Vec<String> = apps
        .pages(Some(3))
        .unwrap()
        .items()
        .map(|a| a.unwrap().name)
        .collect();
    assert_eq!(
        names,
        (0..7).map(|i| format!("app-{i}")).collect::<Vec<_>>()
    );
}

#[test]
fn unknown_status_from_the_server_is_kept() {
    let emu = emulator();
    let apps = client(&emu, oauth(&emu)).sms_apps();
    let app = apps.create(&spec("Future")).unwrap();
    emu.set_field(
        PROJECT,
        "sms_apps",
        &app.id,
        "status",
        json!("QUANTUM_PENDING"),
    )
    .unwrap();
    emu.set_field(
        PROJECT,
        "sms_apps",
        &app.id,
        "regions",
        json!(["EU", "MARS"]),
    )
    .unwrap();
    let got = apps.get(&app.id).unwrap();
    assert_eq!(got.status, SmsAppStatus::Unknown("QUANTUM_PENDING".into()));
    assert_eq!(got.status.as_str(), "QUANTUM_PENDING");
    assert!(!got.status.is_known());
    assert_eq!(got.regions[1], SmsAppServiceRegion::Unknown("MARS".into()));
    // It survives being listed too.
    let listed = apps.list(&PageRequest::default()).unwrap();
    assert_eq!(listed.sms_apps[0].status.as_str(), "QUANTUM_PENDING");
}

#[test]
fn documented_errors() {
    let emu = emulator();
    let apps = client(&emu, oauth(&emu)).sms_apps();

    // Both Conversation app options at once.
    let (status, code, errors) = api_error(
        apps.create(&SmsAppSpec {
            conv_api_app: Some(true),
            conv_api_app_id: Some("01KXD2MJSAN61CNE0CJ6VT6PXP".into()),
            ..spec("Both")
        })
        .unwrap_err(),
    );
    assert_eq!((status, code.as_str()), (400, "invalid_input"));
    assert!(
        errors.iter().any(|e| e.contains("mutually exclusive")),
        "{errors:?}"
    );

    // Name out of range.
    let (status, code, errors) = api_error(apps.create(&spec(&"x".repeat(256))).unwrap_err());
    assert_eq!((status, code.as_str()), (400, "invalid_input"));
    assert!(errors.iter().any(|e| e.contains("name")), "{errors:?}");

    // A region the client does not know is sent as is and refused by the server.
    let (status, code, _) = api_error(
        apps.create(&SmsAppSpec {
            region: AppRegion::from("APAC"),
            ..spec("Where")
        })
        .unwrap_err(),
    );
    assert_eq!((status, code.as_str()), (400, "invalid_input"));

    let app = apps.create(&spec("Ok")).unwrap();
    let (status, code, _) = api_error(apps.update(&app.id, &SmsAppUpdate::default()).unwrap_err());
    assert_eq!((status, code.as_str()), (400, "no_fields_to_update"));

    for (what, e) in [
        (
            "get",
            apps.get("0123456789abcdef0123456789abcdef").unwrap_err(),
        ),
        (
            "rename",
            apps.rename("0123456789abcdef0123456789abcdef", "n")
                .unwrap_err(),
        ),
        (
            "delete",
            apps.delete("0123456789abcdef0123456789abcdef").unwrap_err(),
        ),
    ] {
        let (status, code, _) = api_error(e);
        assert_eq!(
            (status, code.as_str()),
            (404, "sms_app_not_found"),
            "{what}"
        );
    }

    let (status, code, _) = api_error(
        apps.list(&PageRequest {
            page_size: None,
            page_token: Some("not-a-token!".into()),
        })
        .unwrap_err(),
    );
    assert_eq!((status, code.as_str()), (400, "invalid_page_token"));

    // Page sizes outside 1..100 never leave the client.
    for bad in [0, 101] {
        let e = apps.pages(Some(bad)).err().unwrap();
        assert!(matches!(e, SinchError::InvalidConfig { .. }), "{e:?}");
    }
    assert_eq!(
        emu.counters().api_requests,
        9,
        "the bad page sizes were never sent"
    );
}
