//! RCS senders against the in-process emulator.

mod common;

use common::*;
use serde_json::json;
use sinch_core::provisioning::pagination::PageRequest;
use sinch_core::provisioning::rcs::{
    RcsBillingCategory, RcsSenderFilter, RcsSenderSpec, RcsSenderState, RcsSortColumn,
    RcsSortDirection, RcsUseCase,
};
use sinch_core::provisioning::sms_apps::AppRegion;
use sinch_core::SinchError;

fn spec(name: &str) -> RcsSenderSpec {
    RcsSenderSpec {
        region: AppRegion::Eu,
        billing_category: RcsBillingCategory::Conversational,
        use_case: RcsUseCase::Transactional,
        brand_name: Some(name.into()),
        brand_extra_json: None,
    }
}

fn api_error(e: SinchError) -> (i32, String) {
    match e {
        SinchError::ApiError {
            status, error_code, ..
        } => (status, error_code),
        other => panic!("expected an Api error, got {other:?}"),
    }
}

#[test]
fn create_get_list_with_brand_extras() {
    let emu = emulator();
    let rcs = client(&emu, oauth(&emu)).rcs_senders();
    let created = rcs
        .create(&RcsSenderSpec {
            brand_extra_json: Some(
                r##"{"color": "#112233", "emails": [{"address": "a@b.c"}]}"##.into(),
            ),
            ..spec("Acme")
        })
        .unwrap();
    assert_eq!(created.state, Some(RcsSenderState::InProgress));
    assert_eq!(created.region, Some(AppRegion::Eu));
    let brand = created.details.clone().unwrap().brand.unwrap();
    assert_eq!(brand.name.as_deref(), Some("Acme"));
    let raw: serde_json::Value = serde_json::from_str(&brand.raw_json).unwrap();
    assert_eq!(raw["color"], "#112233");
    assert_eq!(raw["emails"][0]["address"], "a@b.c");

    assert_eq!(rcs.get(&created.id).unwrap(), created);
    let page = rcs
        .list(&PageRequest::default(), &RcsSenderFilter::default())
        .unwrap();
    assert_eq!(page.total_size, 1);
    assert_eq!(page.senders[0].id, created.id);
}

#[test]
fn filters_sorting_and_pages() {
    let emu = emulator();
    let rcs = client(&emu, oauth(&emu)).rcs_senders();
    let names = [
        "Alpha Bank",
        "Beta Shop",
        "Gamma Bank",
        "Delta",
        "Epsilon Bank",
    ];
    let ids: Vec<String> = names
        .iter()
        .map(|n| rcs.create(&spec(n)).unwrap().id)
        .collect();
    emu.set_field(PROJECT, "rcs_senders", &ids[2], "state", json!("ACTIVE"))
        .unwrap();
    emu.set_field(
        PROJECT,
        "rcs_senders",
        &ids[4],
        "conversationApiAppId",
        json!("01CONV"),
    )
    .unwrap();

    let by = |f: RcsSenderFilter| -> Vec<String> {
        rcs.pages(Some(2), f)
            .unwrap()
            .items()
            .map(|s| s.unwrap().details.unwrap().brand.unwrap().name.unwrap())
            .collect()
    };
    assert_eq!(
        by(RcsSenderFilter {
            sender_name: Some("bank".into()),
            sort_column: Some(RcsSortColumn::Created),
            sort_direction: Some(RcsSortDirection::Desc),
            ..Default::default()
        }),
        ["Epsilon Bank", "Gamma Bank", "Alpha Bank"]
    );
    assert_eq!(
        by(RcsSenderFilter {
            states: vec![RcsSenderState::Active],
            ..Default::default()
        }),
        ["Gamma Bank"]
    );
    assert_eq!(
        by(RcsSenderFilter {
            sender_ids: vec![ids[0].clone(), ids[3].clone()],
            ..Default::default()
        }),
        ["Alpha Bank", "Delta"]
    );
    assert_eq!(
        by(RcsSenderFilter {
            conversation_api_app_id: Some("01CONV".into()),
            ..Default::default()
        }),
        ["Epsilon Bank"]
    );
    assert_eq!(by(RcsSenderFilter::default()).len(), 5);
    assert_eq!(
        rcs.pages(Some(2), RcsSenderFilter::default())
            .unwrap()
            .count(),
        3
    );
}

#[test]
fn unknown_values_are_kept() {
    let emu = emulator();
    let rcs = client(&emu, oauth(&emu)).rcs_senders();
    let s = rcs
        .create(&RcsSenderSpec {
            use_case: RcsUseCase::from("AGENT_TO_AGENT"),
            ..spec("X")
        })
        .unwrap();
    assert_eq!(
        s.use_case,
        Some(RcsUseCase::Unknown("AGENT_TO_AGENT".into()))
    );
    emu.set_field(
        PROJECT,
        "rcs_senders",
        &s.id,
        "state",
        json!("LAUNCH_PENDING"),
    )
    .unwrap();
    let got = rcs.get(&s.id).unwrap();
    assert_eq!(got.state.unwrap().as_str(), "LAUNCH_PENDING");
}

#[test]
fn documented_errors() {
    let emu = emulator();
    let rcs = client(&emu, oauth(&emu)).rcs_senders();
    assert_eq!(
        api_error(
            rcs.create(&RcsSenderSpec {
                brand_name: None,
                ..spec("x")
            })
            .unwrap_err()
        ),
        (400, "invalid_input".to_string())
    );
    assert_eq!(
        api_error(rcs.get("01NOPE").unwrap_err()),
        (404, "sender_not_found".to_string())
    );
    let e = rcs
        .list(
            &PageRequest {
                page_size: None,
                page_token: Some("bad token".into()),
            },
            &RcsSenderFilter::default(),
        )
        .unwrap_err();
    assert_eq!(api_error(e), (400, "invalid_page_token".to_string()));
    let e = rcs
        .list(
            &PageRequest::default(),
            &RcsSenderFilter {
                sort_direction: Some(RcsSortDirection::from("SIDEWAYS")),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(api_error(e), (400, "invalid_input".to_string()));
    assert!(matches!(
        rcs.pages(Some(101), RcsSenderFilter::default()).err(),
        Some(SinchError::InvalidConfig { .. })
    ));
    assert!(matches!(
        rcs.create(&RcsSenderSpec {
            brand_extra_json: Some("[]".into()),
            ..spec("x")
        }),
        Err(SinchError::InvalidConfig { .. })
    ));
}

#[test]
fn account_activities_and_comments() {
    use sinch_core::provisioning::activity::{ActivityType, CommentType};
    let emu = emulator();
    let c = client(&emu, oauth(&emu));
    let account = c.rcs_account();
    // No RCS account before the project's first sender: the spec's 404.
    assert_eq!(
        api_error(account.activities(&PageRequest::default()).unwrap_err()),
        (404, "account_not_found".to_string())
    );
    assert_eq!(
        api_error(account.comment("hi").unwrap_err()),
        (404, "account_not_found".to_string())
    );
    c.rcs_senders().create(&spec("Acme")).unwrap();
    let made = account.comment("Please launch soon").unwrap();
    assert_eq!(made.kind, CommentType::Created);
    assert_eq!(made.comment, "Please launch soon");
    assert_eq!(
        api_error(account.comment("").unwrap_err()),
        (400, "invalid_input".to_string())
    );
    for i in 0..2 {
        account.comment(&format!("note {i}")).unwrap();
    }
    let first = account
        .activities(&PageRequest::signed(Some(3), None).unwrap())
        .unwrap();
    assert_eq!((first.total_size, first.notifications.len()), (4, 3));
    assert_eq!(first.notifications[0].kind, ActivityType::CommentAdded);
    assert_eq!(first.notifications[0].comment.as_deref(), Some("note 1"));
    let second = account
        .activities(&PageRequest::signed(Some(3), first.next_page_token.clone()).unwrap())
        .unwrap();
    assert_eq!(second.notifications.len(), 1);
    assert_eq!(second.notifications[0].kind, ActivityType::Created);
    assert_eq!(
        second.notifications[0].author.as_deref(),
        Some("Provisioning API user")
    );
}

#[test]
fn sender_activities_and_comments() {
    use sinch_core::provisioning::activity::ActivityType;
    let emu = emulator();
    let rcs = client(&emu, oauth(&emu)).rcs_senders();
    let s = rcs.create(&spec("Acme")).unwrap();
    for i in 0..3 {
        let made = rcs.comment(&s.id, &format!("note {i}")).unwrap();
        assert_eq!(made.comment, format!("note {i}"));
    }
    let first = rcs
        .activities(&s.id, &PageRequest::signed(Some(2), None).unwrap())
        .unwrap();
    assert_eq!((first.total_size, first.notifications.len()), (4, 2));
    assert_eq!(first.notifications[0].comment.as_deref(), Some("note 2"));
    let second = rcs
        .activities(
            &s.id,
            &PageRequest::signed(Some(2), first.next_page_token.clone()).unwrap(),
        )
        .unwrap();
    assert_eq!(second.notifications[1].kind, ActivityType::Created);
    assert_eq!(second.next_page_token, None);
    assert_eq!(
        api_error(rcs.comment("01NOPE", "hi").unwrap_err()),
        (404, "sender_not_found".to_string())
    );
    assert_eq!(
        api_error(rcs.comment(&s.id, "").unwrap_err()),
        (400, "invalid_input".to_string())
    );
    assert_eq!(
        api_error(
            rcs.activities("01NOPE", &PageRequest::default())
                .unwrap_err()
        ),
        (404, "sender_not_found".to_string())
    );
}

#[test]
fn launch_questionnaire_by_use_case_and_country() {
    use sinch_core::provisioning::rcs_questionnaire::RcsQuestionnaireQuery;
    let emu = emulator();
    let rcs = client(&emu, oauth(&emu)).rcs_senders();
    let q = rcs
        .questionnaire(
            &RcsUseCase::Otp,
            &RcsQuestionnaireQuery {
                countries: vec!["US".into(), "GB".into()],
                us_questionnaire_version: Some("v2".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let names: Vec<&str> = q.sections.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["gb", "general", "us", "verification"]);
    let us = &q.sections[2].questions[0];
    assert_eq!(us.key, "ownershipType");
    assert_eq!(us.suggested_answers, ["PRIVATE", "PUBLIC"]);
    let verification: Vec<&str> = q.sections[3]
        .questions
        .iter()
        .map(|q| q.key.as_str())
        .collect();
    assert_eq!(verification, ["name", "partner.companyName"]);
    assert_eq!(
        api_error(
            rcs.questionnaire(&RcsUseCase::from("NOT_A_USE_CASE"), &Default::default())
                .unwrap_err()
        ),
        (400, "invalid_input".to_string())
    );
    assert!(rcs
        .questionnaire(&RcsUseCase::MultiUse, &Default::default())
        .is_ok());
}
