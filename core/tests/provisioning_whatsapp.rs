//! WhatsApp Provisioning scenarios against the emulator: account rules, sender lifecycle
//! (register before verify, null deletes a detail), templates paging over 1000+, flows,
//! solutions.

mod common;

use common::*;
use sinch_core::provisioning::activity::{ActivityType, CommentType};
use sinch_core::provisioning::pagination::PageRequest;
use sinch_core::provisioning::whatsapp::account::WhatsappAccountState;
use sinch_core::provisioning::whatsapp::senders::*;
use sinch_core::provisioning::whatsapp::solutions::{
    WhatsappFailedSolutionError, WhatsappSolutionCreate,
};
use sinch_core::provisioning::whatsapp::templates::*;
use sinch_core::provisioning::whatsapp::*;
use sinch_core::SinchError;
use sinch_emulator::provisioning::whatsapp::StateTarget;

#[test]
fn whatsapp_account_rules() {
    let emu = emulator();
    let account = client(&emu, oauth(&emu)).whatsapp_account();
    assert_eq!(
        api_error(account.get().unwrap_err()).1,
        "project_not_initialized"
    );
    let a = account.create(r#"{"businessName":"Acme"}"#).unwrap();
    assert_eq!(a.state, Some(WhatsappAccountState::InProgress));
    assert!(a.raw_json.contains("Acme"));
    assert_eq!(api_error(account.create("{}").unwrap_err()).0, 409);
    assert_eq!(
        api_error(account.update(r#"{"businessName":"B"}"#).unwrap_err()).1,
        "account_not_rejected"
    );
    emu.set_whatsapp_state(PROJECT, StateTarget::Account, None, None, "REJECTED")
        .unwrap();
    let a = account.update(r#"{"businessName":"B"}"#).unwrap();
    assert_eq!(a.state, Some(WhatsappAccountState::InProgress));
    assert!(!account
        .activities(&PageRequest::default())
        .unwrap()
        .notifications
        .is_empty());
    account.enable_template_analytics().unwrap();
    let senders = client(&emu, oauth(&emu)).whatsapp_senders();
    let s = senders.create(&es_sender()).unwrap();
    assert_eq!(
        api_error(account.delete().unwrap_err()).1,
        "account_has_senders"
    );
    senders.delete(&s.id).unwrap();
    account.delete().unwrap();
}

fn es_sender() -> WhatsappSenderCreate {
    WhatsappSenderCreate::EmbeddedSignup {
        region: WhatsappRegion::Eu,
        meta_local_storage: Some(WhatsappMetaLocalStorage::De),
        waba_id: "1234567890".into(),
        phone_number_id: "998877".into(),
    }
}

#[test]
fn whatsapp_sender_lifecycle() {
    let emu = emulator();
    let senders = client(&emu, oauth(&emu)).whatsapp_senders();
    let s = senders.create(&es_sender()).unwrap();
    assert_eq!(s.business_manager, Some(WhatsappBusinessManager::SinchUk));
    assert!(s.bearer_token.is_some());
    assert!(!format!("{s:?}{s}").contains(s.bearer_token.as_ref().unwrap().expose()));
    let raw = senders
        .create(&WhatsappSenderCreate::PartnerInitiated {
            json: r#"{"region":"US","partner":"x"}"#.into(),
        })
        .unwrap();
    assert_eq!(raw.region, Some(WhatsappRegion::Us));

    // Verify before register is refused by the server (order), bad length by core.
    assert!(matches!(
        senders.verify(&s.id, "12"),
        Err(SinchError::InvalidConfig { .. })
    ));
    assert_eq!(
        api_error(senders.verify(&s.id, "123456").unwrap_err()),
        (409, "not_allowed_verify".to_string())
    );
    let r = senders
        .register(&s.id, WhatsappVerificationMethod::Sms)
        .unwrap();
    assert!(r.verification_code_sent);
    assert_eq!(
        api_error(senders.verify(&s.id, "654321").unwrap_err()),
        (409, "wrong_otp".to_string())
    );
    senders.verify(&s.id, "123456").unwrap();
    assert_eq!(
        senders.get(&s.id).unwrap().state,
        Some(WhatsappSenderState::Active)
    );

    // Submit sets a detail; a later submit with `clear` deletes it (explicit null).
    let set = WhatsappSenderUpdate {
        status: Some(WhatsappSubmitMode::Submit),
        details: Some(WhatsappSenderDetails {
            email: Some("a@acme.test".into()),
            about: Some("hi".into()),
            ..Default::default()
        }),
        clear: vec![],
    };
    let u = senders.update(&s.id, &set).unwrap();
    assert_eq!(u.details.unwrap().email.as_deref(), Some("a@acme.test"));
    let clear = WhatsappSenderUpdate {
        status: Some(WhatsappSubmitMode::Submit),
        details: None,
        clear: vec![WhatsappSenderDetailField::Email],
    };
    let d = senders.update(&s.id, &clear).unwrap().details.unwrap();
    assert_eq!((d.email, d.about.as_deref()), (None, Some("hi")));

    // A draft lands in `changes`; discarding removes it.
    let draft = WhatsappSenderUpdate {
        details: Some(WhatsappSenderDetails {
            display_name: Some("Acme".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let u = senders.update(&s.id, &draft).unwrap();
    assert_eq!(
        u.changes.unwrap().status,
        Some(WhatsappSenderChangeStatus::Draft)
    );
    let filter = WhatsappSenderFilter {
        statuses: vec![WhatsappSenderChangeStatus::Draft],
        ..Default::default()
    };
    assert_eq!(
        senders
            .list(&PageRequest::default(), &filter)
            .unwrap()
            .senders
            .len(),
        1
    );
    senders.discard_changes(&s.id).unwrap();
    assert!(senders.get(&s.id).unwrap().changes.is_none());
    senders.comment(&s.id, "please review").unwrap();

    let active = WhatsappSenderFilter {
        states: vec![WhatsappSenderState::Active],
        ..Default::default()
    };
    let all: Vec<_> = senders
        .pages(Some(1), WhatsappSenderFilter::default())
        .unwrap()
        .items()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        senders
            .list(&PageRequest::default(), &active)
            .unwrap()
            .senders
            .len(),
        1
    );
    assert!(senders
        .list(
            &PageRequest {
                page_size: Some(101),
                page_token: None
            },
            &active,
        )
        .is_err());
}

#[test]
fn whatsapp_templates_crud_and_paging() {
    let emu = emulator();
    let templates = client(&emu, oauth(&emu)).whatsapp_templates();
    let create = WhatsappTemplateCreate {
        name: "order_update".into(),
        language: "EN_US".into(),
        category: WhatsappTemplateCategory::Utility,
        components: vec![
            WhatsappTemplateComponent::Body {
                text: Some("Hi {{1}}".into()),
                examples: vec!["Ann".into()],
                add_security_recommendation: None,
            },
            WhatsappTemplateComponent::Buttons {
                buttons: vec![WhatsappTemplateButton::QuickReply {
                    text: Some("OK".into()),
                }],
            },
            WhatsappTemplateComponent::Other {
                json: r#"{"type":"LIMITED_TIME_OFFER","hasExpiration":true}"#.into(),
            },
        ],
        message_send_ttl_seconds: None,
        status: None,
    };
    let t = templates.create(&create).unwrap();
    assert_eq!(
        t.changes.as_ref().unwrap().status,
        Some(WhatsappTemplateChangeStatus::Draft)
    );
    let got = templates.get("order_update", "EN_US").unwrap();
    let components = got.details.unwrap().components;
    assert_eq!(components[..2], create.components[..2]);
    // Raw components come back as the same JSON object (key order may differ).
    let WhatsappTemplateComponent::Other { json } = &components[2] else {
        panic!("raw component kept raw")
    };
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(json).unwrap(),
        serde_json::json!({"type": "LIMITED_TIME_OFFER", "hasExpiration": true})
    );
    assert_eq!(templates.get_by_name("order_update").unwrap().len(), 1);
    let submitted = templates
        .update(
            "order_update",
            "EN_US",
            &WhatsappTemplateUpdate {
                status: Some(WhatsappSubmitMode::Submit),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(submitted.state, Some(WhatsappTemplateState::Pending));
    assert_eq!(
        api_error(
            templates
                .delete_language("order_update", "EN_US", false)
                .unwrap_err()
        )
        .1,
        "template_submitted"
    );
    templates
        .delete_language("order_update", "EN_US", true)
        .unwrap();
    assert_eq!(
        api_error(templates.delete("order_update").unwrap_err()).0,
        404
    );
    templates.sync().unwrap();

    emu.seed_whatsapp_templates(PROJECT, "bench_", 1500);
    let mut seen = 0;
    for page in templates
        .pages(Some(1000), WhatsappTemplateFilter::default())
        .unwrap()
    {
        let page = page.unwrap();
        assert_eq!(page.total_size, 1500);
        seen += page.templates.len();
    }
    assert_eq!(seen, 1500);
    let masked = templates
        .list(
            &PageRequest::default(),
            &WhatsappTemplateFilter {
                field_mask: vec!["state".into(), "analytics".into()],
                states: vec![WhatsappTemplateState::Approved],
                name_prefix: Some("bench_0001".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(masked.total_size, 10);
    assert!(masked.templates[0].details.is_none());
}

#[test]
fn whatsapp_flows_and_solutions() {
    let emu = emulator();
    let c = client(&emu, oauth(&emu));
    let mut flow = serde_json::Map::new();
    flow.insert("name".into(), "signup".into());
    let id = emu.add_whatsapp_flow(
        PROJECT,
        flow,
        vec![serde_json::json!({"id": "WELCOME", "title": "Hi"})],
    );
    let page = c.whatsapp_flows().list(&PageRequest::default()).unwrap();
    assert_eq!(page.flows[0].status, Some(flows_status()));
    let screens = c.whatsapp_flows().screens(&id).unwrap();
    assert_eq!(screens[0].id.as_deref(), Some("WELCOME"));

    let solutions = c.whatsapp_solutions();
    let made = solutions
        .create(&WhatsappSolutionCreate {
            name: "mps".into(),
            access_token: "meta-token-secret".into(),
            business_manager: WhatsappBusinessManager::SinchUk,
        })
        .unwrap();
    assert!(made.failed_solutions.is_empty());
    let s = &made.solutions[0];
    // Meta app IDs are numbers on the wire; their digits are kept.
    let partner = s.partner_app.as_ref().and_then(|a| a.id.clone()).unwrap();
    assert!(partner.chars().all(|c| c.is_ascii_digit()), "{partner}");
    solutions.assign(&s.id).unwrap();
    assert_eq!(solutions.get(&s.id).unwrap().assigned, Some(true));
    assert_eq!(solutions.list().unwrap().len(), 1);
    assert_eq!(
        api_error(solutions.assign("no-such-solution").unwrap_err()).1,
        "solution_not_found"
    );

    let failed = solutions
        .create(&WhatsappSolutionCreate {
            name: "mps2".into(),
            access_token: "fail-activation".into(),
            business_manager: WhatsappBusinessManager::SinchUk,
        })
        .unwrap();
    assert!(failed.solutions.is_empty());
    assert_eq!(
        failed.failed_solutions[0].error_code,
        WhatsappFailedSolutionError::ActivationFailed
    );
    assert_eq!(
        solutions.list().unwrap().len(),
        1,
        "a failed one is not kept"
    );
}

fn flows_status() -> sinch_core::provisioning::whatsapp::flows::WhatsappFlowStatus {
    sinch_core::provisioning::whatsapp::flows::WhatsappFlowStatus::Published
}

#[test]
fn whatsapp_activity_logs_and_comments() {
    let emu = emulator();
    let c = client(&emu, oauth(&emu));
    let account = c.whatsapp_account();
    assert_eq!(
        api_error(account.comment("hello").unwrap_err()).1,
        "project_not_initialized"
    );
    account.create(r#"{"businessName":"Acme"}"#).unwrap();
    let made = account.comment("Please review our display name").unwrap();
    assert_eq!(made.kind, CommentType::Created);
    assert_eq!(made.comment, "Please review our display name");
    assert!(made.created.is_some());
    assert_eq!(
        api_error(account.comment("").unwrap_err()),
        (400, "invalid_input".to_string())
    );
    let log = account.activities(&PageRequest::default()).unwrap();
    // Most recent first: the comment, then the account's creation.
    assert_eq!(log.notifications[0].kind, ActivityType::CommentAdded);
    assert_eq!(
        log.notifications[0].comment.as_deref(),
        Some("Please review our display name")
    );
    assert_eq!(log.total_size, 2);

    let senders = c.whatsapp_senders();
    let s = senders.create(&es_sender()).unwrap();
    for i in 0..3 {
        senders.comment(&s.id, &format!("urgent {i}")).unwrap();
    }
    // Four entries (created + three comments) over pages of two.
    let first = senders
        .activities(&s.id, &PageRequest::signed(Some(2), None).unwrap())
        .unwrap();
    assert_eq!((first.total_size, first.notifications.len()), (4, 2));
    assert_eq!(first.notifications[0].comment.as_deref(), Some("urgent 2"));
    let second = senders
        .activities(
            &s.id,
            &PageRequest::signed(Some(2), first.next_page_token.clone()).unwrap(),
        )
        .unwrap();
    assert_eq!(second.notifications.len(), 2);
    assert_eq!(second.next_page_token, None);
    // A state this version does not know is kept as sent.
    assert!(
        matches!(second.notifications[1].kind, ActivityType::Unknown(ref k) if k == "SENDER_CREATED")
    );
    assert!(matches!(
        senders.activities(&s.id, &PageRequest::signed(Some(101), None).unwrap()),
        Err(SinchError::InvalidConfig { .. })
    ));
    assert_eq!(
        api_error(
            senders
                .activities("no-such-sender", &PageRequest::default())
                .unwrap_err()
        )
        .0,
        404
    );

    let templates = c.whatsapp_templates();
    templates
        .create(&WhatsappTemplateCreate {
            name: "welcome".into(),
            language: "EN_US".into(),
            category: WhatsappTemplateCategory::Marketing,
            components: vec![WhatsappTemplateComponent::Body {
                text: Some("Welcome".into()),
                examples: vec![],
                add_security_recommendation: None,
            }],
            message_send_ttl_seconds: None,
            status: None,
        })
        .unwrap();
    assert!(!templates
        .activities("welcome", "EN_US", &PageRequest::default())
        .unwrap()
        .notifications
        .is_empty());
    assert_eq!(
        api_error(
            templates
                .activities("welcome", "PT_BR", &PageRequest::default())
                .unwrap_err()
        )
        .1,
        "template_not_found"
    );
}

#[test]
fn suggested_usernames_follow_the_display_name() {
    let emu = emulator();
    let senders = client(&emu, oauth(&emu)).whatsapp_senders();
    let s = senders.create(&es_sender()).unwrap();
    let named = WhatsappSenderUpdate {
        status: Some(WhatsappSubmitMode::Submit),
        details: Some(WhatsappSenderDetails {
            display_name: Some("Acme Shop".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    senders.update(&s.id, &named).unwrap();
    let phone = s.phone_number.clone().unwrap();
    let tail = &phone[phone.len() - 4..];
    assert_eq!(
        senders.suggested_usernames(&s.id).unwrap(),
        [
            "acmeshop".to_string(),
            "acmeshop_official".into(),
            format!("acmeshop{tail}")
        ]
    );
    assert_eq!(
        api_error(senders.suggested_usernames("no-such-sender").unwrap_err()),
        (404, "sender_not_found".to_string())
    );
}

/// A submitted EN_US utility template `name`.
fn submitted(templates: &WhatsappTemplates, name: &str, language: &str) {
    templates
        .create(&WhatsappTemplateCreate {
            name: name.into(),
            language: language.into(),
            category: WhatsappTemplateCategory::Utility,
            components: vec![WhatsappTemplateComponent::Body {
                text: Some("Hi {{1}}".into()),
                examples: vec!["Ann".into()],
                add_security_recommendation: None,
            }],
            message_send_ttl_seconds: None,
            status: Some(WhatsappSubmitMode::Submit),
        })
        .unwrap();
}

#[test]
fn template_reads_in_a_view() {
    let emu = emulator();
    let templates = client(&emu, oauth(&emu)).whatsapp_templates();
    submitted(&templates, "order_update", "EN_US");
    submitted(&templates, "order_update", "SV");
    let view = WhatsappTemplateView {
        field_mask: vec!["state".into(), "analytics".into()],
        analytics_date_range: Some(WhatsappAnalyticsDateRange::Week),
    };
    let langs = templates
        .get_by_name_with_view("order_update", &view)
        .unwrap();
    assert_eq!(langs.len(), 2);
    for t in &langs {
        assert_eq!(t.state, Some(WhatsappTemplateState::Pending));
        assert!(t.details.is_none(), "masked out: {t:?}");
        assert_eq!(t.analytics[0].start.as_deref(), Some("WEEK"));
    }
    let one = templates
        .get_with_view("order_update", "SV", &view)
        .unwrap();
    assert!(one.details.is_none() && one.analytics.len() == 1);
    let whole = templates.get("order_update", "SV").unwrap();
    assert!(whole.details.is_some() && whole.analytics.is_empty());
    let bad = WhatsappTemplateView {
        analytics_date_range: Some(WhatsappAnalyticsDateRange::from("DECADE")),
        ..WhatsappTemplateView::default()
    };
    assert_eq!(
        api_error(
            templates
                .get_with_view("order_update", "SV", &bad)
                .unwrap_err()
        ),
        (400, "invalid_input".to_string())
    );
}

#[test]
fn template_comments_and_comparison() {
    use sinch_core::provisioning::whatsapp::template_review::*;
    let emu = emulator();
    let templates = client(&emu, oauth(&emu)).whatsapp_templates();
    submitted(&templates, "order_update", "EN_US");
    submitted(&templates, "order_shipped", "EN_US");

    let made = templates
        .comment("order_update", "EN_US", "Why was this paused?")
        .unwrap();
    assert_eq!(
        (made.kind, made.comment.as_str()),
        (CommentType::Created, "Why was this paused?")
    );
    let log = templates
        .activities("order_update", "EN_US", &PageRequest::default())
        .unwrap();
    assert_eq!(log.notifications[0].kind, ActivityType::CommentAdded);
    assert_eq!(
        api_error(templates.comment("nope", "EN_US", "hi").unwrap_err()),
        (404, "template_not_found".to_string())
    );

    // Still in review: neither has been sent, so they cannot be compared.
    let compare = |other: &str, timeframe: Option<&WhatsappCompareTimeframe>| {
        templates.compare("order_update", "EN_US", other, "EN_US", timeframe, None)
    };
    assert_eq!(
        api_error(compare("order_shipped", None).unwrap_err()),
        (409, "templates_not_eligible_for_comparison".to_string())
    );
    for name in ["order_update", "order_shipped"] {
        emu.set_whatsapp_state(PROJECT, StateTarget::Template, Some(name), None, "APPROVED")
            .unwrap();
    }
    let ranked = compare("order_shipped", Some(&WhatsappCompareTimeframe::Days30)).unwrap();
    let names: Vec<_> = ranked
        .iter()
        .map(|t| (t.name.as_str(), t.block_order, t.message_sends))
        .collect();
    assert_eq!(
        names,
        [
            ("order_shipped", Some(1), Some(30_000)),
            ("order_update", Some(2), Some(30_000))
        ]
    );
    assert_eq!(
        ranked[0].top_block_reason,
        Some(WhatsappBlockReason::NoReason)
    );
    assert_eq!(
        api_error(compare("order_update", None).unwrap_err()),
        (409, "templates_compare_not_unique".to_string())
    );
    assert_eq!(
        api_error(compare("order_gone", None).unwrap_err()),
        (404, "templates_compare_not_found".to_string())
    );
    assert_eq!(
        api_error(
            compare("order_shipped", Some(&WhatsappCompareTimeframe::from("14"))).unwrap_err()
        ),
        (400, "invalid_input".to_string())
    );
}
