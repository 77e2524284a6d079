//! KakaoTalk senders against the in-process emulator.

mod common;

use common::*;
use serde_json::json;
use sinch_core::provisioning::kakaotalk::{
    KakaoTalkSenderDetails, KakaoTalkSenderSpec, KakaoTalkSenderState,
};
use sinch_core::provisioning::pagination::PageRequest;
use sinch_core::SinchError;

fn details(name: &str) -> KakaoTalkSenderDetails {
    KakaoTalkSenderDetails {
        admin_phone_no: Some("01012345678".into()),
        name: Some(name.into()),
        top_level_category_code: Some("001".into()),
        mid_level_category_code: Some("0001".into()),
        sub_level_category_code: Some("0001".into()),
    }
}

fn spec(id: &str) -> KakaoTalkSenderSpec {
    KakaoTalkSenderSpec {
        plus_friend_id: id.into(),
        details: details("Shop"),
    }
}

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
fn create_get_update_register_verify_list_delete() {
    let emu = emulator();
    let senders = client(&emu, oauth(&emu)).kakaotalk_senders();
    let created = senders.create(&spec("@myshop")).unwrap();
    assert_eq!(created.plus_friend_id, "@myshop");
    assert_eq!(created.state, Some(KakaoTalkSenderState::Inactive));
    assert_eq!(created.details, Some(details("Shop")));
    assert_eq!(senders.get("@myshop").unwrap(), created);

    let updated = senders
        .update(
            "@myshop",
            &KakaoTalkSenderDetails {
                name: Some("Shop Korea".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let d = updated.details.unwrap();
    assert_eq!(d.name.as_deref(), Some("Shop Korea"));
    assert_eq!(
        d.admin_phone_no.as_deref(),
        Some("01012345678"),
        "untouched"
    );

    senders.register("@myshop").unwrap();
    assert_eq!(
        senders.get("@myshop").unwrap().state,
        Some(KakaoTalkSenderState::Verifying)
    );
    senders.verify("@myshop", "123456").unwrap();
    assert_eq!(
        senders.get("@myshop").unwrap().state,
        Some(KakaoTalkSenderState::Active)
    );

    let page = senders.list(&PageRequest::default()).unwrap();
    assert_eq!(page.total_size, 1);
    assert_eq!(page.senders[0].plus_friend_id, "@myshop");

    // Delete only marks for removal: the sender is still there.
    senders.delete("@myshop").unwrap();
    assert_eq!(senders.get("@myshop").unwrap().plus_friend_id, "@myshop");
}

#[test]
fn pages_over_several_pages() {
    let emu = emulator();
    let senders = client(&emu, oauth(&emu)).kakaotalk_senders();
    for i in 0..5 {
        senders.create(&spec(&format!("@s{i}"))).unwrap();
    }
    let ids: Vec<String> = senders
        .pages(Some(2))
        .unwrap()
        .items()
        .map(|s| s.unwrap().plus_friend_id)
        .collect();
    assert_eq!(ids, ["@s0", "@s1", "@s2", "@s3", "@s4"]);
    assert_eq!(senders.pages(Some(2)).unwrap().count(), 3);
}

#[test]
fn unknown_state_from_the_server_is_kept() {
    let emu = emulator();
    let senders = client(&emu, oauth(&emu)).kakaotalk_senders();
    senders.create(&spec("@future")).unwrap();
    emu.set_field(
        PROJECT,
        "kakaotalk_senders",
        "@future",
        "state",
        json!("DORMANT"),
    )
    .unwrap();
    let s = senders.get("@future").unwrap();
    assert_eq!(
        s.state,
        Some(KakaoTalkSenderState::Unknown("DORMANT".into()))
    );
    assert_eq!(s.state.unwrap().as_str(), "DORMANT");
}

#[test]
fn documented_errors() {
    let emu = emulator();
    let senders = client(&emu, oauth(&emu)).kakaotalk_senders();
    let bad = KakaoTalkSenderSpec {
        plus_friend_id: "@bad".into(),
        details: KakaoTalkSenderDetails {
            top_level_category_code: Some("01".into()),
            mid_level_category_code: Some("00001".into()),
            sub_level_category_code: Some("abcd".into()),
            ..details("Bad")
        },
    };
    let (status, code, errors) = api_error(senders.create(&bad).unwrap_err());
    assert_eq!((status, code.as_str()), (400, "invalid_input"));
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("topLevelCategoryCode")));

    senders.create(&spec("@ok")).unwrap();
    let (status, code, _) = api_error(
        senders
            .update("@ok", &KakaoTalkSenderDetails::default())
            .unwrap_err(),
    );
    assert_eq!((status, code.as_str()), (400, "no_fields_to_update"));
    let (status, code, _) = api_error(senders.verify("@ok", "123").unwrap_err());
    assert_eq!((status, code.as_str()), (400, "invalid_input"));

    for e in [
        senders.get("@missing").unwrap_err(),
        senders.delete("@missing").unwrap_err(),
        senders.register("@missing").unwrap_err(),
        senders.update("@missing", &details("x")).unwrap_err(),
    ] {
        let (status, code, _) = api_error(e);
        assert_eq!((status, code.as_str()), (404, "sender_not_found"));
    }
    assert!(matches!(
        senders.pages(Some(0)).err(),
        Some(SinchError::InvalidConfig { .. })
    ));
}
