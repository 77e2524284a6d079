//! KakaoTalk senders against the in-process emulator.

mod common;

use common::*;
use serde_json::json;
use sinch_core::provisioning::activity::{ActivityType, CommentType};
use sinch_core::provisioning::kakaotalk::{
    KakaoTalkSenderChangesStatus, KakaoTalkSenderDetails, KakaoTalkSenderSpec,
    KakaoTalkSenderState, KakaoTalkSubmitMode,
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
        logo_image: None,
    }
}

fn spec(id: &str) -> KakaoTalkSenderSpec {
    KakaoTalkSenderSpec {
        plus_friend_id: id.into(),
        details: details("Shop"),
        status: None,
        save_draft_on_failure: None,
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

    assert!(created.id.is_some(), "Sinch's own id comes with the sender");
    let name_only = KakaoTalkSenderDetails {
        name: Some("Shop Korea".into()),
        ..Default::default()
    };
    let updated = senders.update("@myshop", &name_only, None).unwrap();
    // An update is a draft of changes: the live profile stays until the review applies it.
    assert_eq!(updated.details, Some(details("Shop")));
    let pending = updated.changes.unwrap();
    assert_eq!(pending.status, KakaoTalkSenderChangesStatus::Draft);
    let d = pending.details.unwrap();
    assert_eq!(d.name.as_deref(), Some("Shop Korea"));
    assert_eq!(
        d.admin_phone_no.as_deref(),
        Some("01012345678"),
        "untouched"
    );
    let logo = KakaoTalkSenderDetails {
        logo_image: Some("https://shop.example/logo.png".into()),
        ..Default::default()
    };
    let submitted = senders
        .update("@myshop", &logo, Some(&KakaoTalkSubmitMode::Submit))
        .unwrap()
        .changes
        .unwrap();
    assert_eq!(submitted.status, KakaoTalkSenderChangesStatus::InProgress);
    let d = submitted.details.unwrap();
    assert_eq!(
        (d.name.as_deref(), d.logo_image.as_deref()),
        (Some("Shop Korea"), Some("https://shop.example/logo.png")),
        "the draft and the new field go to review together"
    );
    let (status, code, _) = api_error(senders.update("@myshop", &name_only, None).unwrap_err());
    assert_eq!(
        (status, code.as_str()),
        (409, "sender_changes_not_updatable")
    );

    let registered = senders.register("@myshop").unwrap();
    assert_eq!(registered.state, Some(KakaoTalkSenderState::Verifying));
    assert_eq!(senders.get("@myshop").unwrap(), registered);
    // The verify answer is the sender, now active.
    let verified = senders.verify("@myshop", "123456").unwrap();
    assert_eq!(verified.state, Some(KakaoTalkSenderState::Active));
    assert_eq!(senders.get("@myshop").unwrap(), verified);
    // An active sender is registered already.
    let (status, code, _) = api_error(senders.register("@myshop").unwrap_err());
    assert_eq!((status, code.as_str()), (409, "not_allowed_register"));

    let page = senders.list(&PageRequest::default()).unwrap();
    assert_eq!(page.total_size, 1);
    assert_eq!(page.senders[0].plus_friend_id, "@myshop");

    // Delete only marks for removal: the sender is still there.
    senders.delete("@myshop").unwrap();
    assert_eq!(senders.get("@myshop").unwrap().plus_friend_id, "@myshop");
}

#[test]
fn a_draft_sender_is_pending_changes_only() {
    let emu = emulator();
    let senders = client(&emu, oauth(&emu)).kakaotalk_senders();
    let draft = senders
        .create(&KakaoTalkSenderSpec {
            status: Some(KakaoTalkSubmitMode::Draft),
            ..spec("@draft")
        })
        .unwrap();
    assert_eq!(draft.details, None);
    let pending = draft.changes.unwrap();
    assert_eq!(pending.status, KakaoTalkSenderChangesStatus::Draft);
    assert_eq!(pending.details, Some(details("Shop")));
    let bad_logo = KakaoTalkSenderSpec {
        details: KakaoTalkSenderDetails {
            logo_image: Some("logo.png".into()),
            ..details("Shop")
        },
        ..spec("@badlogo")
    };
    let (status, _, errors) = api_error(senders.create(&bad_logo).unwrap_err());
    assert_eq!(status, 400);
    assert!(errors.iter().any(|e| e.contains("logoImage")), "{errors:?}");
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
        details: KakaoTalkSenderDetails {
            top_level_category_code: Some("01".into()),
            mid_level_category_code: Some("00001".into()),
            sub_level_category_code: Some("abcd".into()),
            ..details("Bad")
        },
        ..spec("@bad")
    };
    let (status, code, errors) = api_error(senders.create(&bad).unwrap_err());
    assert_eq!((status, code.as_str()), (400, "invalid_input"));
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("topLevelCategoryCode")));

    senders.create(&spec("@ok")).unwrap();
    let (status, code, _) = api_error(
        senders
            .update("@ok", &KakaoTalkSenderDetails::default(), None)
            .unwrap_err(),
    );
    assert_eq!((status, code.as_str()), (400, "no_fields_to_update"));
    // Only a registered (VERIFYING) sender can be verified.
    let (status, code, _) = api_error(senders.verify("@ok", "123456").unwrap_err());
    assert_eq!((status, code.as_str()), (409, "not_allowed_verify"));
    // A code that is not digits never leaves the process.
    let before = emu.counters().api_requests;
    let err = senders.verify("@ok", "12-34").unwrap_err();
    assert!(matches!(err, SinchError::InvalidConfig { .. }), "{err:?}");
    assert!(err.reason().contains("digits"), "{}", err.reason());
    assert_eq!(emu.counters().api_requests, before);

    for e in [
        senders.get("@missing").unwrap_err(),
        senders.delete("@missing").unwrap_err(),
        senders.register("@missing").unwrap_err(),
        senders.update("@missing", &details("x"), None).unwrap_err(),
        senders.verify("@missing", "123456").unwrap_err(),
        senders.discard_changes("@missing").unwrap_err(),
        senders
            .activities("@missing", &PageRequest::default())
            .unwrap_err(),
        senders.comment("@missing", "hello").unwrap_err(),
    ] {
        let (status, code, _) = api_error(e);
        assert_eq!((status, code.as_str()), (404, "sender_not_found"));
    }
    assert!(matches!(
        senders.pages(Some(0)).err(),
        Some(SinchError::InvalidConfig { .. })
    ));
}

#[test]
fn activity_log_pages_over_comments_most_recent_first() {
    let emu = emulator();
    let senders = client(&emu, oauth(&emu)).kakaotalk_senders();
    senders.create(&spec("@myshop")).unwrap();
    for i in 0..3 {
        let made = senders
            .comment("@myshop", &format!("please review {i}"))
            .unwrap();
        assert_eq!(made.kind, CommentType::Created);
        assert_eq!(made.comment, format!("please review {i}"));
    }
    // Four entries (created + three comments) over pages of two.
    let page = |token: Option<String>| {
        senders
            .activities("@myshop", &PageRequest::signed(Some(2), token).unwrap())
            .unwrap()
    };
    let first = page(None);
    assert_eq!(first.total_size, 4);
    assert_eq!(
        first.notifications[0].comment.as_deref(),
        Some("please review 2")
    );
    assert_eq!(first.notifications[0].kind, ActivityType::CommentAdded);
    let second = page(first.next_page_token.clone());
    assert_eq!(second.notifications.len(), 2);
    assert_eq!(second.notifications[1].kind, ActivityType::Created);
    assert_eq!(second.next_page_token, None);

    let (status, code, _) = api_error(senders.comment("@myshop", "").unwrap_err());
    assert_eq!((status, code.as_str()), (400, "invalid_input"));
    assert!(matches!(
        senders.activities("@myshop", &PageRequest::signed(Some(101), None).unwrap()),
        Err(SinchError::InvalidConfig { .. })
    ));
}

#[test]
fn verifying_adds_an_active_entry_and_unknown_entry_types_are_kept() {
    let emu = emulator();
    let senders = client(&emu, oauth(&emu)).kakaotalk_senders();
    senders.create(&spec("@myshop")).unwrap();
    senders.register("@myshop").unwrap();
    senders.verify("@myshop", "654321").unwrap();
    let log = senders
        .activities("@myshop", &PageRequest::default())
        .unwrap();
    assert_eq!(
        log.notifications[0].kind,
        ActivityType::Unknown("ACTIVE".into())
    );
    assert_eq!(log.notifications[0].kind.as_str(), "ACTIVE");
}

#[test]
fn pending_changes_are_discarded_unless_in_review() {
    let emu = emulator();
    let senders = client(&emu, oauth(&emu)).kakaotalk_senders();
    senders.create(&spec("@myshop")).unwrap();
    let (status, code, _) = api_error(senders.discard_changes("@myshop").unwrap_err());
    assert_eq!((status, code.as_str()), (404, "sender_changes_not_found"));

    // Sinch's review puts an edit in `changes`; the emulator is told so.
    let changes = json!({"status": "IN_PROGRESS", "details": {"name": "Shop Korea"}});
    emu.set_field(PROJECT, "kakaotalk_senders", "@myshop", "changes", changes)
        .unwrap();
    let pending = senders.get("@myshop").unwrap().changes.unwrap();
    assert_eq!(pending.status, KakaoTalkSenderChangesStatus::InProgress);
    assert_eq!(pending.details.unwrap().name.as_deref(), Some("Shop Korea"));
    let (status, code, _) = api_error(senders.discard_changes("@myshop").unwrap_err());
    assert_eq!(
        (status, code.as_str()),
        (409, "sender_changes_not_deletable")
    );

    emu.set_field(
        PROJECT,
        "kakaotalk_senders",
        "@myshop",
        "changes.status",
        json!("NEEDS_DOCUMENTS"),
    )
    .unwrap();
    assert_eq!(
        senders.get("@myshop").unwrap().changes.unwrap().status,
        KakaoTalkSenderChangesStatus::Unknown("NEEDS_DOCUMENTS".into())
    );
    senders.discard_changes("@myshop").unwrap();
    let after = senders.get("@myshop").unwrap();
    assert_eq!(after.changes, None);
    assert_eq!(
        after.details,
        Some(details("Shop")),
        "the live profile stays"
    );
}

// --- Templates (of one sender) ---------------------------------------------------------------

use sinch_core::provisioning::kakaotalk_templates::{
    KakaoTalkButtonType, KakaoTalkTemplateButton, KakaoTalkTemplateChangeStatus,
    KakaoTalkTemplateCreate, KakaoTalkTemplateDetails, KakaoTalkTemplateFilter,
    KakaoTalkTemplateMessageType, KakaoTalkTemplateState, KakaoTalkTemplateUpdate,
};

fn template(name: &str, status: Option<KakaoTalkSubmitMode>) -> KakaoTalkTemplateCreate {
    KakaoTalkTemplateCreate {
        details: KakaoTalkTemplateDetails {
            name: Some(name.into()),
            language: Some("EN".into()),
            content: Some("Your order #{order} has shipped.".into()),
            ..Default::default()
        },
        status,
        save_draft_on_failure: None,
    }
}

#[test]
fn templates_create_get_update_list_delete() {
    let emu = emulator();
    let provisioning = client(&emu, oauth(&emu));
    provisioning
        .kakaotalk_senders()
        .create(&spec("@myshop"))
        .unwrap();
    let templates = provisioning.kakaotalk_templates("@myshop");

    let created = templates
        .create(&template("Shipping", Some(KakaoTalkSubmitMode::Draft)))
        .unwrap();
    assert_eq!(created.code.len(), 20, "{}", created.code);
    assert_eq!(created.state, None, "not reviewed yet");
    let changes = created.changes.clone().unwrap();
    assert_eq!(changes.status, Some(KakaoTalkTemplateChangeStatus::Draft));
    let d = changes.details.unwrap();
    assert_eq!(d.name.as_deref(), Some("Shipping"));
    assert_eq!(
        d.message_type,
        Some(KakaoTalkTemplateMessageType::Basic),
        "the documented default"
    );
    assert_eq!(d.category_code.as_deref(), Some("999999"));
    assert_eq!(templates.get(&created.code).unwrap(), created);

    let button = KakaoTalkTemplateButton {
        ordering: Some(1),
        kind: Some(KakaoTalkButtonType::WebLink),
        name: Some("Track".into()),
        link_mo: Some("https://example.com/track".into()),
        ..Default::default()
    };
    let updated = templates
        .update(
            &created.code,
            &KakaoTalkTemplateUpdate {
                details: Some(KakaoTalkTemplateDetails {
                    title: Some("Shipped".into()),
                    buttons: Some(vec![button.clone()]),
                    ..Default::default()
                }),
                status: Some(KakaoTalkSubmitMode::Submit),
            },
        )
        .unwrap();
    let changes = updated.changes.unwrap();
    assert_eq!(
        changes.status,
        Some(KakaoTalkTemplateChangeStatus::InProgress)
    );
    let d = changes.details.unwrap();
    assert_eq!(d.title.as_deref(), Some("Shipped"));
    assert_eq!(d.buttons, Some(vec![button]));
    assert_eq!(d.name.as_deref(), Some("Shipping"), "untouched");

    let page = templates
        .list(&PageRequest::default(), &Default::default())
        .unwrap();
    assert_eq!(page.total_size, 1);
    assert_eq!(page.templates[0].code, created.code);

    templates.delete(&created.code).unwrap();
    let (status, code, _) = api_error(templates.get(&created.code).unwrap_err());
    assert_eq!((status, code.as_str()), (404, "template_not_found"));
}

#[test]
fn templates_page_alphabetically_with_filters() {
    let emu = emulator();
    let provisioning = client(&emu, oauth(&emu));
    provisioning
        .kakaotalk_senders()
        .create(&spec("@myshop"))
        .unwrap();
    let templates = provisioning.kakaotalk_templates("@myshop");
    let mut codes = Vec::new();
    for name in ["t4", "t3", "t2", "t1", "t0"] {
        codes.push(templates.create(&template(name, None)).unwrap().code);
    }
    let name = |t: sinch_core::provisioning::kakaotalk_templates::KakaoTalkTemplate| {
        t.changes
            .and_then(|c| c.details)
            .and_then(|d| d.name)
            .unwrap()
    };
    let names: Vec<String> = templates
        .pages(Some(2), Default::default())
        .unwrap()
        .items()
        .map(|t| name(t.unwrap()))
        .collect();
    assert_eq!(names, ["t0", "t1", "t2", "t3", "t4"]);
    assert_eq!(
        templates
            .pages(Some(2), Default::default())
            .unwrap()
            .count(),
        3
    );

    // KakaoTalk approves "t4" (the emulator's review never ends by itself).
    let scope = format!("{PROJECT}/@myshop");
    emu.set_field(
        &scope,
        "kakaotalk_templates",
        &codes[0],
        "state",
        json!("APPROVED"),
    )
    .unwrap();
    let approved = KakaoTalkTemplateFilter {
        states: vec![KakaoTalkTemplateState::Approved],
        ..Default::default()
    };
    let page = templates.list(&PageRequest::default(), &approved).unwrap();
    assert_eq!(page.templates.len(), 1);
    assert_eq!(page.templates[0].code, codes[0]);
    let prefix = KakaoTalkTemplateFilter {
        name_prefix: Some("t1".into()),
        statuses: vec![KakaoTalkTemplateChangeStatus::InProgress],
        ..Default::default()
    };
    let page = templates.list(&PageRequest::default(), &prefix).unwrap();
    assert_eq!(page.templates.len(), 1);
    assert_eq!(page.templates[0].code, codes[3]);
}

#[test]
fn templates_documented_errors() {
    let emu = emulator();
    let provisioning = client(&emu, oauth(&emu));
    let missing = provisioning.kakaotalk_templates("@missing");
    for e in [
        missing
            .list(&PageRequest::default(), &Default::default())
            .unwrap_err(),
        missing.create(&template("x", None)).unwrap_err(),
        missing.get("ABC").unwrap_err(),
    ] {
        let (status, code, _) = api_error(e);
        assert_eq!((status, code.as_str()), (404, "sender_not_found"));
    }

    provisioning
        .kakaotalk_senders()
        .create(&spec("@ok"))
        .unwrap();
    let templates = provisioning.kakaotalk_templates("@ok");
    let submitted = templates.create(&template("Taken", None)).unwrap();
    let (status, code, _) = api_error(templates.create(&template("Taken", None)).unwrap_err());
    assert_eq!((status, code.as_str()), (409, "template_exists"));
    let (status, code, _) = api_error(
        templates
            .update(&submitted.code, &KakaoTalkTemplateUpdate::default())
            .unwrap_err(),
    );
    assert_eq!(
        (status, code.as_str()),
        (409, "template_changes_not_updatable")
    );

    let mut bad_language = template("Other", None);
    bad_language.details.language = Some("XX".into());
    let (status, code, _) = api_error(templates.create(&bad_language).unwrap_err());
    assert_eq!(
        (status, code.as_str()),
        (400, "template_invalid_language_code")
    );
    let mut bad_category = template("Other", None);
    bad_category.details.category_code = Some("12".into());
    let (status, code, _) = api_error(templates.create(&bad_category).unwrap_err());
    assert_eq!(
        (status, code.as_str()),
        (400, "template_invalid_category_code")
    );
    let mut bad_button = template("Other", None);
    bad_button.details.buttons = Some(vec![KakaoTalkTemplateButton::default()]);
    let (status, code, errors) = api_error(templates.create(&bad_button).unwrap_err());
    assert_eq!((status, code.as_str()), (400, "invalid_input"));
    assert_eq!(errors.len(), 3, "{errors:?}");

    for e in [
        templates.get("NOPE").unwrap_err(),
        templates.delete("NOPE").unwrap_err(),
        templates
            .update("NOPE", &KakaoTalkTemplateUpdate::default())
            .unwrap_err(),
    ] {
        let (status, code, _) = api_error(e);
        assert_eq!((status, code.as_str()), (404, "template_not_found"));
    }

    // Refused before any request.
    let mut no_content = template("Other", None);
    no_content.details.content = None;
    let language = KakaoTalkTemplateUpdate {
        details: Some(KakaoTalkTemplateDetails {
            language: Some("KO".into()),
            ..Default::default()
        }),
        status: None,
    };
    for e in [
        templates.create(&no_content).unwrap_err(),
        templates.update(&submitted.code, &language).unwrap_err(),
        templates.get("..").unwrap_err(),
        provisioning.kakaotalk_templates("").get("A").unwrap_err(),
        templates
            .pages(Some(1001), Default::default())
            .err()
            .unwrap(),
    ] {
        assert!(matches!(e, SinchError::InvalidConfig { .. }), "{e:?}");
    }
}

#[test]
fn categories_sender_tree_and_template_pages() {
    use sinch_core::provisioning::kakaotalk_categories::KakaoTalkSenderCategory;
    let emu = emulator();
    let c = client(&emu, oauth(&emu));
    let categories = c.kakaotalk_categories();

    let tree = categories.sender_categories().unwrap();
    let health = &tree[0];
    assert_eq!((health.code.as_str(), health.depth), ("001", 1));
    let hospital: &KakaoTalkSenderCategory = &health.subcategories[0];
    assert_eq!(hospital.parent_code, "001");
    assert_eq!(hospital.subcategories[0].depth, 3);

    // The sender must exist; its template categories come a page at a time.
    assert_eq!(
        api_error(
            categories
                .template_categories("@nobody", &PageRequest::default())
                .unwrap_err()
        )
        .1,
        "sender_not_found"
    );
    c.kakaotalk_senders().create(&spec("@shop")).unwrap();
    let first = categories
        .template_categories("@shop", &PageRequest::signed(Some(2), None).unwrap())
        .unwrap();
    assert_eq!((first.total_size, first.categories.len()), (3, 2));
    assert_eq!(
        first.categories[0].name_english.as_deref(),
        Some("Membership")
    );
    assert_eq!(first.categories[0].subcategories[0].code, "001001");
    let second = categories
        .template_categories(
            "@shop",
            &PageRequest::signed(Some(2), first.next_page_token.clone()).unwrap(),
        )
        .unwrap();
    assert_eq!(second.categories.len(), 1);
    assert_eq!(second.next_page_token, None);
    assert!(matches!(
        categories.template_categories("@shop", &PageRequest::signed(Some(101), None).unwrap()),
        Err(SinchError::InvalidConfig { .. })
    ));
}

#[test]
fn templates_activities_comments_and_draft_delete() {
    use sinch_core::provisioning::activity::ActivityType;
    let emu = emulator();
    let provisioning = client(&emu, oauth(&emu));
    provisioning
        .kakaotalk_senders()
        .create(&spec("@myshop"))
        .unwrap();
    let templates = provisioning.kakaotalk_templates("@myshop");
    let draft = templates
        .create(&template("Draft", Some(KakaoTalkSubmitMode::Draft)))
        .unwrap();
    let submitted = templates.create(&template("Live", None)).unwrap();

    for i in 0..2 {
        let made = templates
            .comment(&submitted.code, &format!("note {i}"))
            .unwrap();
        assert_eq!(made.comment, format!("note {i}"));
    }
    let first = templates
        .activities(
            &submitted.code,
            &PageRequest::signed(Some(2), None).unwrap(),
        )
        .unwrap();
    assert_eq!((first.total_size, first.notifications.len()), (3, 2));
    assert_eq!(first.notifications[0].comment.as_deref(), Some("note 1"));
    let second = templates
        .activities(
            &submitted.code,
            &PageRequest::signed(Some(2), first.next_page_token.clone()).unwrap(),
        )
        .unwrap();
    assert_eq!(second.notifications[0].kind, ActivityType::Created);
    assert_eq!(second.next_page_token, None);

    // A submitted template is no draft; a never-submitted draft goes.
    assert_eq!(
        api_error(templates.delete_draft(&submitted.code).unwrap_err()).1,
        "template_not_deletable"
    );
    templates.delete_draft(&draft.code).unwrap();
    assert_eq!(
        api_error(templates.get(&draft.code).unwrap_err()).1,
        "template_not_found"
    );
    assert_eq!(
        api_error(templates.comment("NOPE", "hi").unwrap_err()).1,
        "template_not_found"
    );
    assert_eq!(
        api_error(
            provisioning
                .kakaotalk_templates("@nobody")
                .activities("NOPE", &PageRequest::default())
                .unwrap_err()
        )
        .1,
        "sender_not_found"
    );
}
