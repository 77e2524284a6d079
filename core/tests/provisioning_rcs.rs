//! RCS senders against the in-process emulator.

mod common;

use common::*;
use serde_json::json;
use sinch_core::provisioning::pagination::PageRequest;
use sinch_core::provisioning::rcs::{
    RcsBillingCategory, RcsBrand, RcsDetailsList, RcsEmail, RcsHostingRegion, RcsLaunchStatus,
    RcsPhone, RcsSenderFilter, RcsSenderSpec, RcsSenderState, RcsSenderUpdate, RcsSortColumn,
    RcsSortDirection, RcsTestNumberFeature, RcsTestNumberStatus, RcsUsQuestionnaireVersion,
    RcsUseCase,
};
use sinch_core::provisioning::sms_apps::AppRegion;
use sinch_core::SinchError;

fn spec(name: &str) -> RcsSenderSpec {
    RcsSenderSpec {
        region: AppRegion::Eu,
        billing_category: RcsBillingCategory::Conversational,
        use_case: RcsUseCase::Transactional,
        brand: RcsBrand {
            name: Some(name.into()),
            ..RcsBrand::default()
        },
        test_numbers: vec![],
        countries: vec![],
        questionnaire_json: None,
    }
}

#[test]
fn create_get_list_with_the_whole_brand() {
    let emu = emulator();
    let rcs = client(&emu, oauth(&emu)).rcs_senders();
    let created = rcs
        .create(&RcsSenderSpec {
            brand: RcsBrand {
                color: Some("#112233".into()),
                emails: vec![RcsEmail {
                    label: "Support".into(),
                    address: "a@b.example".into(),
                }],
                ..spec("Acme").brand
            },
            test_numbers: vec!["+46701234567".into()],
            countries: vec!["SE".into()],
            ..spec("Acme")
        })
        .unwrap();
    assert_eq!(created.state, Some(RcsSenderState::InProgress));
    assert_eq!(created.region, Some(AppRegion::Eu));
    assert_eq!(created.hosting_region, Some(RcsHostingRegion::Europe));
    let details = created.details.clone().unwrap();
    let brand = details.brand.unwrap();
    assert_eq!(brand.name.as_deref(), Some("Acme"));
    assert_eq!(brand.color.as_deref(), Some("#112233"));
    assert_eq!(brand.emails[0].address, "a@b.example");
    assert_eq!(details.countries, ["SE"]);
    assert_eq!(created.test_number_states.len(), 1);
    assert_eq!(
        created.test_number_states[0].state,
        RcsTestNumberStatus::Unverified
    );

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
    emu.set_field(PROJECT, "rcs_senders", &ids[2], "state", json!("LAUNCHED"))
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
            states: vec![RcsSenderState::Launched],
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
    assert_eq!(
        by(RcsSenderFilter {
            search: Some("BANK".into()),
            sort_column: Some(RcsSortColumn::Name),
            sort_direction: Some(RcsSortDirection::Desc),
            ..Default::default()
        }),
        ["Gamma Bank", "Epsilon Bank", "Alpha Bank"]
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
                brand: RcsBrand::default(),
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
            questionnaire_json: Some("[]".into()),
            ..spec("x")
        }),
        Err(SinchError::InvalidConfig { .. })
    ));
    let e = rcs
        .create(&RcsSenderSpec {
            countries: vec!["XX".into()],
            test_numbers: vec!["0701234567".into()],
            ..spec("x")
        })
        .unwrap_err();
    let SinchError::ApiError {
        status,
        additional_information,
        ..
    } = &e
    else {
        panic!("{e:?}")
    };
    assert_eq!(*status, 400);
    let info = format!("{additional_information:?}");
    assert!(
        info.contains("countries") && info.contains("E.164"),
        "{info}"
    );
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

/// What a launch needs, all of it.
fn ready_for_launch() -> RcsSenderUpdate {
    RcsSenderUpdate {
        brand: Some(RcsBrand {
            phones: vec![RcsPhone {
                label: "Support".into(),
                number: "+46701234567".into(),
            }],
            banner_url: Some("https://acme.example/banner.png".into()),
            logo_url: Some("https://acme.example/logo.png".into()),
            privacy_policy_url: Some("https://acme.example/privacy".into()),
            terms_of_service_url: Some("https://acme.example/terms".into()),
            ..RcsBrand::default()
        }),
        countries: vec!["SE".into(), "GB".into()],
        questionnaire_json: Some(
            json!({
                "general": {"answers": {"optInDescription": "On our website",
                                        "videoUris": ["https://acme.example/demo.mp4"]}},
                "verification": {"answers": {"name": "Ann", "email": "ann@acme.example",
                                             "website": "https://acme.example"}},
            })
            .to_string(),
        ),
        ..RcsSenderUpdate::default()
    }
}

#[test]
fn update_then_launch() {
    use sinch_core::provisioning::activity::ActivityType;
    let emu = emulator();
    let rcs = client(&emu, oauth(&emu)).rcs_senders();
    let s = rcs.create(&spec("Acme")).unwrap();
    emu.set_field(PROJECT, "rcs_senders", &s.id, "state", json!("IN_TEST"))
        .unwrap();

    // Not ready: 412 names each missing item.
    let e = rcs.launch(&s.id).unwrap_err();
    let SinchError::ApiError {
        status,
        error_code,
        additional_information,
        ..
    } = &e
    else {
        panic!("{e:?}")
    };
    assert_eq!(
        (*status, error_code.as_str()),
        (412, "launch_precondition_failed")
    );
    let info = format!("{additional_information:?}");
    for missing in ["countries", "logoUrl", "questionnaire.general"] {
        assert!(info.contains(missing), "{missing} not in {info}");
    }

    let updated = rcs
        .update(
            &s.id,
            &ready_for_launch(),
            Some(&RcsUsQuestionnaireVersion::V2),
        )
        .unwrap();
    let details = updated.details.clone().unwrap();
    assert_eq!(details.countries, ["SE", "GB"]);
    let brand = details.brand.unwrap();
    assert_eq!(
        brand.name.as_deref(),
        Some("Acme"),
        "a field not sent stays"
    );
    assert_eq!(brand.phones[0].number, "+46701234567");
    let q: serde_json::Value = serde_json::from_str(&details.questionnaire_json.unwrap()).unwrap();
    assert_eq!(q["verification"]["answers"]["name"], "Ann");
    assert_eq!(rcs.get(&s.id).unwrap(), updated);
    let log = rcs.activities(&s.id, &PageRequest::default()).unwrap();
    assert_eq!(log.notifications[0].kind, ActivityType::from("EDITED"));

    let launched = rcs.launch(&s.id).unwrap();
    assert_eq!(launched.state, Some(RcsSenderState::Launching));
    assert!(launched.launched.is_some());
    let countries: Vec<_> = launched
        .country_status
        .iter()
        .map(|c| (c.country.as_str(), c.status.clone()))
        .collect();
    assert_eq!(
        countries,
        [
            ("SE", RcsLaunchStatus::Pending),
            ("GB", RcsLaunchStatus::Pending)
        ]
    );
    // While it launches it cannot change.
    let e = rcs.update(&s.id, &ready_for_launch(), None).unwrap_err();
    assert_eq!(api_error(e), (409, "sender_not_updatable".to_string()));
}

#[test]
fn update_removes_lists_and_refuses_bad_input() {
    let emu = emulator();
    let rcs = client(&emu, oauth(&emu)).rcs_senders();
    let s = rcs.create(&spec("Acme")).unwrap();
    rcs.update(&s.id, &ready_for_launch(), None).unwrap();
    let removed = rcs
        .update(
            &s.id,
            &RcsSenderUpdate {
                remove: vec![RcsDetailsList::BrandPhones, RcsDetailsList::Countries],
                ..RcsSenderUpdate::default()
            },
            None,
        )
        .unwrap();
    let details = removed.details.unwrap();
    assert!(details.countries.is_empty());
    let brand = details.brand.unwrap();
    assert!(brand.phones.is_empty());
    assert!(brand.logo_url.is_some(), "only the removed lists go");

    let e = rcs
        .update(
            &s.id,
            &ready_for_launch(),
            Some(&RcsUsQuestionnaireVersion::from("v9")),
        )
        .unwrap_err();
    assert_eq!(api_error(e), (400, "invalid_input".to_string()));
    let e = rcs.update("01NOPE", &ready_for_launch(), None).unwrap_err();
    assert_eq!(api_error(e), (404, "sender_not_found".to_string()));
    // A sender still being set up by Sinch cannot launch.
    let e = rcs.launch(&s.id).unwrap_err();
    assert_eq!(
        api_error(e),
        (409, "launch_invalid_agent_state".to_string())
    );
    assert!(matches!(
        rcs.update(&s.id, &RcsSenderUpdate::default(), None),
        Err(SinchError::InvalidConfig { .. })
    ));
}

#[test]
fn test_numbers_lifecycle() {
    let emu = emulator();
    let rcs = client(&emu, oauth(&emu)).rcs_senders();
    let s = rcs.create(&spec("Acme")).unwrap();
    let numbers = ["+46701234567".to_string(), "+447700900123".to_string()];
    let states = rcs.add_test_numbers(&s.id, &numbers).unwrap();
    assert_eq!(states.len(), 2);
    assert!(states
        .iter()
        .all(|t| t.state == RcsTestNumberStatus::Unverified && t.submitted.is_some()));

    // The device owner accepts (Google's side): the number is VERIFIED.
    emu.set_field(
        PROJECT,
        "rcs_senders",
        &s.id,
        "testNumberStates",
        json!([{"number": "+46701234567", "state": "VERIFIED", "submitted": "2026-01-01T00:00:00Z"},
               {"number": "+447700900123", "state": "ON_HOLD", "submitted": "2026-01-01T00:00:00Z"}]),
    )
    .unwrap();
    let one = rcs.test_number(&s.id, "+46701234567").unwrap();
    assert_eq!(one.state, RcsTestNumberStatus::Verified);
    assert_eq!(
        rcs.test_number(&s.id, "+447700900123").unwrap().state,
        RcsTestNumberStatus::Unknown("ON_HOLD".into())
    );
    let features = rcs.test_number_capabilities(&s.id, "+46701234567").unwrap();
    assert!(
        features.contains(&RcsTestNumberFeature::ActionDial),
        "{features:?}"
    );
    assert_eq!(
        api_error(
            rcs.test_number_capabilities(&s.id, "+447700900123")
                .unwrap_err()
        ),
        (404, "user_has_not_accepted_invite".to_string())
    );

    // Re-inviting a verified number makes it unverified again.
    let again = rcs.retry_test_number(&s.id, "+46701234567").unwrap();
    assert_eq!(again.state, RcsTestNumberStatus::Unverified);

    rcs.delete_test_number(&s.id, "+447700900123").unwrap();
    let left = rcs.get(&s.id).unwrap();
    assert_eq!(left.details.unwrap().test_numbers, ["+46701234567"]);
    assert_eq!(
        api_error(rcs.test_number(&s.id, "+447700900123").unwrap_err()),
        (404, "user_is_not_tester_for_agent".to_string())
    );
    assert_eq!(
        api_error(rcs.add_test_numbers(&s.id, &["12345".into()]).unwrap_err()),
        (400, "invalid_input".to_string())
    );
    assert!(matches!(
        rcs.add_test_numbers(&s.id, &[]),
        Err(SinchError::InvalidConfig { .. })
    ));
    assert_eq!(
        api_error(rcs.add_test_numbers("01NOPE", &numbers).unwrap_err()),
        (404, "sender_not_found".to_string())
    );
}
