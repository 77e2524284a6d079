//! The plumbing every Provisioning collection shares, family by family: page sizes, empty
//! lists, which checks win when several apply, and which routes do not exist. Written against
//! the hand-written handlers before the generic collection replaced them, so any drift in
//! what a client sees shows up here.

use super::*;
use reqwest::Method;
use serde_json::json;

struct Api {
    base: String,
    token: String,
    client: Client,
}

impl Api {
    fn new(emu: &Emulator, project: &str) -> Api {
        Api {
            base: format!("{}/v1/projects/{project}", emu.base_url()),
            token: sinch_token(emu),
            client: client(),
        }
    }

    /// Status and JSON body (`null` when there is none) of `method path` with `body`.
    fn call(&self, method: Method, path: &str, body: Option<&str>) -> (u16, Value) {
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(b) = body {
            req = req
                .header("content-type", "application/json")
                .body(b.to_string());
        }
        let resp = req.send().unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    fn post(&self, path: &str, body: Value) -> Value {
        let (status, got) = self.call(Method::POST, path, Some(&body.to_string()));
        assert_eq!(status, 201, "POST {path}: {got}");
        got
    }
}

fn error_code(got: &(u16, Value)) -> (u16, &str) {
    (got.0, got.1["errorCode"].as_str().unwrap_or(""))
}

fn webhook(target: &str) -> Value {
    json!({"target": target, "secret": "s3cret", "triggers": ["ALL"]})
}

fn sms_app(name: &str) -> Value {
    json!({"name": name, "region": "EU"})
}

fn bundle(name: &str) -> Value {
    json!({"name": name, "region": "EU", "testNumber": true})
}

fn kakaotalk(id: &str) -> Value {
    json!({"plusFriendId": id, "details": {"adminPhoneNo": "010", "name": "N",
        "topLevelCategoryCode": "001", "midLevelCategoryCode": "0001",
        "subLevelCategoryCode": "0001"}})
}

fn rcs(name: &str) -> Value {
    json!({"region": "EU", "billingCategory": "BASIC_MESSAGE", "useCase": "OTP",
        "details": {"brand": {"name": name}}})
}

fn wa_sender() -> Value {
    json!({"region": "EU", "wabaId": "w", "phoneNumberId": "p"})
}

#[test]
fn empty_lists_and_page_size_bounds() {
    let emu = start();
    let api = Api::new(&emu, "p");
    for (path, key, max) in [
        ("/webhooks", "webhooks", 15),
        ("/sms/smsApps", "smsApps", 100),
        ("/bundles", "bundles", 25),
        ("/kakaotalk/senders", "senders", 100),
        ("/rcs/senders", "senders", 100),
        ("/whatsapp/senders", "senders", 100),
        ("/whatsapp/flows", "flows", 100),
        ("/whatsapp/templates", "templates", 1000),
    ] {
        let (status, got) = api.call(Method::GET, path, None);
        assert_eq!(status, 200, "{path}");
        assert_eq!(
            got,
            json!({"totalSize": 0, "pageSize": 0, key: []}),
            "{path}"
        );
        let ok = api.call(Method::GET, &format!("{path}?pageSize={max}"), None);
        assert_eq!(ok.0, 200, "{path} pageSize={max}");
        let over = api.call(Method::GET, &format!("{path}?pageSize={}", max + 1), None);
        assert_eq!(error_code(&over), (400, "invalid_page_size"), "{path}");
        assert_eq!(
            over.1["resolution"],
            format!("Use a pageSize between 1 and {max}.")
        );
        let bad = api.call(Method::GET, &format!("{path}?pageToken=x!"), None);
        assert_eq!(error_code(&bad), (400, "invalid_page_token"), "{path}");
    }
    let (status, got) = api.call(Method::GET, "/whatsapp/solutions?pageSize=9999", None);
    assert_eq!((status, got), (200, json!({"solutions": []})));
}

#[test]
fn default_page_sizes() {
    let emu = start();
    let api = Api::new(&emu, "p");
    for i in 0..15 {
        api.post("/webhooks", webhook(&format!("https://e.com/{i:02}")));
    }
    for i in 0..51 {
        api.post("/sms/smsApps", sms_app(&format!("a{i}")));
        api.post("/kakaotalk/senders", kakaotalk(&format!("@k{i}")));
        api.post("/rcs/senders", rcs(&format!("r{i}")));
        api.post("/whatsapp/senders", wa_sender());
        emu.add_whatsapp_flow("p", serde_json::Map::new(), vec![]);
    }
    for i in 0..11 {
        api.post("/bundles", bundle(&format!("b{i}")));
    }
    for (path, key, default, total) in [
        ("/webhooks", "webhooks", 15, 15),
        ("/sms/smsApps", "smsApps", 50, 51),
        ("/bundles", "bundles", 10, 11),
        ("/kakaotalk/senders", "senders", 50, 51),
        ("/rcs/senders", "senders", 50, 51),
        ("/whatsapp/senders", "senders", 50, 51),
        ("/whatsapp/flows", "flows", 50, 51),
    ] {
        for query in ["", "?pageSize=0"] {
            let (status, got) = api.call(Method::GET, &format!("{path}{query}"), None);
            assert_eq!(status, 200, "{path}");
            assert_eq!(got["totalSize"], total, "{path}");
            assert_eq!(got["pageSize"], default.min(total), "{path}{query}");
            assert_eq!(got[key].as_array().unwrap().len(), default.min(total));
            assert_eq!(
                got.get("nextPageToken").is_some(),
                total > default,
                "{path}"
            );
        }
    }
}

#[test]
fn a_bad_body_is_refused_before_the_id_is_looked_up() {
    let emu = start();
    let api = Api::new(&emu, "p");
    for (method, path, body, want) in [
        (Method::PATCH, "/webhooks/nope", "{}", "no_fields_to_update"),
        (
            Method::PATCH,
            "/webhooks/nope",
            r#"{"target":"x"}"#,
            "invalid_input",
        ),
        (Method::PUT, "/webhooks/nope", "{}", "invalid_input"),
        (Method::PUT, "/webhooks/nope", "[1]", "invalid_payload"),
        (
            Method::PATCH,
            "/sms/smsApps/nope",
            "{}",
            "no_fields_to_update",
        ),
        (
            Method::PATCH,
            "/sms/smsApps/nope",
            r#"{"name":""}"#,
            "invalid_input",
        ),
        (
            Method::PATCH,
            "/sms/smsApps/nope",
            "nope",
            "invalid_payload",
        ),
        (
            Method::PATCH,
            "/kakaotalk/senders/nope",
            "{}",
            "no_fields_to_update",
        ),
        (
            Method::PATCH,
            "/kakaotalk/senders/nope",
            r#"{"details":1}"#,
            "invalid_input",
        ),
        (
            Method::PATCH,
            "/kakaotalk/senders/nope",
            r#"{"details":{"topLevelCategoryCode":"1"}}"#,
            "invalid_input",
        ),
        (
            Method::PATCH,
            "/whatsapp/senders/nope",
            "{}",
            "no_fields_to_update",
        ),
        (
            Method::PATCH,
            "/whatsapp/senders/nope",
            r#"{"x":1}"#,
            "invalid_input",
        ),
    ] {
        let got = api.call(method.clone(), path, Some(body));
        assert_eq!(error_code(&got), (400, want), "{method} {path} {body}");
    }
    for (method, path, body, want) in [
        (
            Method::PATCH,
            "/webhooks/nope",
            r#"{"triggers":["ALL"]}"#,
            "webhook_not_found",
        ),
        (
            Method::PUT,
            "/webhooks/nope",
            &webhook("https://e.com").to_string(),
            "webhook_not_found",
        ),
        (
            Method::PATCH,
            "/sms/smsApps/nope",
            r#"{"name":"n"}"#,
            "sms_app_not_found",
        ),
        (
            Method::PATCH,
            "/kakaotalk/senders/nope",
            r#"{"details":{"name":"n"}}"#,
            "sender_not_found",
        ),
        (
            Method::PATCH,
            "/whatsapp/senders/nope",
            r#"{"status":"SUBMIT"}"#,
            "sender_not_found",
        ),
    ] {
        let got = api.call(method.clone(), path, Some(body));
        assert_eq!(error_code(&got), (404, want), "{method} {path}");
    }
}

#[test]
fn unknown_ids_have_family_codes() {
    let emu = start();
    let api = Api::new(&emu, "p");
    for (path, code, message) in [
        ("/webhooks/x", "webhook_not_found", "Webhook not found."),
        ("/sms/smsApps/x", "sms_app_not_found", "SmsApp not found."),
        ("/bundles/x", "bundle_not_found", "Bundle not found."),
        (
            "/kakaotalk/senders/x",
            "sender_not_found",
            "Sender not found.",
        ),
        ("/rcs/senders/x", "sender_not_found", "Sender not found."),
        (
            "/whatsapp/senders/x",
            "sender_not_found",
            "Sender not found.",
        ),
        (
            "/whatsapp/solutions/x",
            "solution_not_found",
            "Solution not found.",
        ),
    ] {
        let (status, got) = api.call(Method::GET, path, None);
        assert_eq!(status, 404, "{path}");
        assert_eq!(got["errorCode"], code, "{path}");
        assert_eq!(got["message"], message, "{path}");
        assert!(got.get("additionalInformation").is_none(), "{path}");
    }
    for path in [
        "/webhooks/x",
        "/sms/smsApps/x",
        "/kakaotalk/senders/x",
        "/whatsapp/senders/x",
    ] {
        let (status, _) = api.call(Method::DELETE, path, None);
        assert_eq!(status, 404, "DELETE {path}");
    }
}

#[test]
fn routes_a_family_does_not_have_stay_absent() {
    let emu = start();
    let api = Api::new(&emu, "p");
    let id = api.post("/bundles", bundle("b"))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let rcs_id = api.post("/rcs/senders", rcs("r"))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let sol = json!({"details": {"name": "S"}, "accessToken": "t", "businessManager": "SINCH_UK"});
    let sol_id = api.post("/whatsapp/solutions", sol)["solutions"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let flow_id = emu.add_whatsapp_flow("p", serde_json::Map::new(), vec![]);
    for (method, path) in [
        (Method::DELETE, format!("/bundles/{id}")),
        (Method::PATCH, format!("/bundles/{id}")),
        (Method::PUT, format!("/bundles/{id}")),
        (Method::DELETE, format!("/rcs/senders/{rcs_id}")),
        (Method::PUT, "/sms/smsApps/x".to_string()),
        (Method::PUT, "/kakaotalk/senders/x".to_string()),
        (Method::PUT, "/whatsapp/senders/x".to_string()),
        (Method::DELETE, format!("/whatsapp/solutions/{sol_id}")),
        (Method::PATCH, format!("/whatsapp/solutions/{sol_id}")),
        (Method::POST, "/whatsapp/flows".to_string()),
    ] {
        let (status, _) = api.call(method.clone(), &path, Some("{}"));
        assert_eq!(status, 405, "{method} {path}");
    }
    let got = api.call(Method::GET, &format!("/whatsapp/flows/{flow_id}"), None);
    assert_eq!(error_code(&got), (404, "not_found"), "no GET of one flow");
    let got = api.call(
        Method::GET,
        &format!("/whatsapp/flows/{flow_id}/screens"),
        None,
    );
    assert_eq!(got, (200, json!({"screens": []})));
}

#[test]
fn webhook_duplicate_wins_over_the_limit() {
    let emu = start();
    let api = Api::new(&emu, "p");
    for i in 0..15 {
        api.post("/webhooks", webhook(&format!("https://e.com/{i:02}")));
    }
    let body = webhook("https://e.com/03").to_string();
    let got = api.call(Method::POST, "/webhooks", Some(&body));
    assert_eq!(error_code(&got), (409, "webhook_exists"));
    assert_eq!(
        got.1["additionalInformation"],
        json!({"target": "https://e.com/03"})
    );
    let body = webhook("https://e.com/new").to_string();
    let got = api.call(Method::POST, "/webhooks", Some(&body));
    assert_eq!(error_code(&got), (424, "webhook_limit_reached"));
    let got = api.call(
        Method::POST,
        "/webhooks",
        Some(r#"{"target":"https://e.com/03"}"#),
    );
    assert_eq!(error_code(&got), (400, "invalid_input"), "validation first");

    // A PATCH onto another webhook's target is a conflict; onto its own, not.
    let (_, list) = api.call(Method::GET, "/webhooks?pageSize=2", None);
    let first = list["webhooks"][0]["id"].as_str().unwrap().to_string();
    let path = format!("/webhooks/{first}");
    let got = api.call(
        Method::PATCH,
        &path,
        Some(r#"{"target":"https://e.com/01"}"#),
    );
    assert_eq!(error_code(&got), (409, "webhook_exists"));
    let got = api.call(
        Method::PATCH,
        &path,
        Some(r#"{"target":"https://e.com/00"}"#),
    );
    assert_eq!(got.0, 200);
    assert!(got.1.get("secret").is_none(), "the secret is never served");
}

#[test]
fn list_order_filters_and_their_errors() {
    let emu = start();
    let api = Api::new(&emu, "p");
    for t in ["https://c.com", "https://a.com", "https://b.com"] {
        api.post("/webhooks", webhook(t));
    }
    let (_, got) = api.call(Method::GET, "/webhooks", None);
    let targets: Vec<&str> = got["webhooks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["target"].as_str().unwrap())
        .collect();
    assert_eq!(targets, ["https://a.com", "https://b.com", "https://c.com"]);

    let ids: Vec<String> = ["r0", "r1", "r2"]
        .iter()
        .map(|n| {
            api.post("/rcs/senders", rcs(n))["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let (_, got) = api.call(Method::GET, "/rcs/senders?sortDirection=DESC", None);
    let listed: Vec<&str> = got["senders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, [&ids[2], &ids[1], &ids[0]]);
    let got = api.call(
        Method::GET,
        "/rcs/senders?sortColumn=SIZE&pageSize=999",
        None,
    );
    assert_eq!(error_code(&got), (400, "invalid_input"), "sort before page");
    let (_, got) = api.call(Method::GET, "/rcs/senders?filterSenderName=R1", None);
    assert_eq!(got["totalSize"], 1);

    api.post("/whatsapp/senders", wa_sender());
    let got = api.call(
        Method::GET,
        "/whatsapp/senders?filterStates=BOGUS&pageSize=999",
        None,
    );
    assert_eq!(error_code(&got), (400, "invalid_filter_states"));
    assert!(got.1["additionalInformation"]["supportedCodes"].is_string());
    let got = api.call(Method::GET, "/whatsapp/senders?filterStatuses=X", None);
    assert_eq!(error_code(&got), (400, "invalid_filter_statuses"));
    // The bracket form is not the spec's: ignored, so nothing is filtered.
    let (_, got) = api.call(Method::GET, "/whatsapp/senders?filterStates[]=ACTIVE", None);
    assert_eq!(got["totalSize"], 1);
    let (_, got) = api.call(Method::GET, "/whatsapp/senders?filterStates=ACTIVE", None);
    assert_eq!(got["totalSize"], 0);
    let (_, got) = api.call(
        Method::GET,
        "/whatsapp/senders?filterStates=IN_PROGRESS",
        None,
    );
    assert_eq!(got["totalSize"], 1);

    let b = api.post("/bundles", bundle("b"));
    api.post(
        "/bundles",
        json!({"name": "c", "region": "EU", "smsApp": true}),
    );
    let (_, got) = api.call(Method::GET, "/bundles?filterStates=DONE", None);
    assert_eq!(got["totalSize"], 0);
    emu.set_field(
        "p",
        "bundles",
        b["id"].as_str().unwrap(),
        "state",
        json!("DONE"),
    )
    .unwrap();
    let (_, got) = api.call(Method::GET, "/bundles?filterStates=DONE,FAILED", None);
    assert_eq!(got["bundles"][0]["id"], b["id"]);
}

#[test]
fn delete_removes_except_kakaotalk_which_keeps_the_sender_readable() {
    let emu = start();
    let api = Api::new(&emu, "p");
    let hook = api.post("/webhooks", webhook("https://e.com"));
    let app = api.post("/sms/smsApps", sms_app("a"));
    let sender = api.post("/whatsapp/senders", wa_sender());
    api.post("/kakaotalk/senders", kakaotalk("@k"));
    for path in [
        format!("/webhooks/{}", hook["id"].as_str().unwrap()),
        format!("/sms/smsApps/{}", app["id"].as_str().unwrap()),
        format!("/whatsapp/senders/{}", sender["id"].as_str().unwrap()),
    ] {
        assert_eq!(api.call(Method::DELETE, &path, None), (204, Value::Null));
        assert_eq!(api.call(Method::GET, &path, None).0, 404, "{path}");
        assert_eq!(api.call(Method::DELETE, &path, None).0, 404, "{path}");
    }
    let path = "/kakaotalk/senders/@k";
    assert_eq!(api.call(Method::DELETE, path, None), (204, Value::Null));
    assert_eq!(api.call(Method::DELETE, path, None), (204, Value::Null));
    let (status, got) = api.call(Method::GET, path, None);
    assert_eq!((status, got["plusFriendId"].as_str()), (200, Some("@k")));
    let got = api.call(
        Method::POST,
        "/kakaotalk/senders",
        Some(&kakaotalk("@k").to_string()),
    );
    assert_eq!(error_code(&got), (409, "sender_exists"));
    let got = api.call(
        Method::POST,
        "/kakaotalk/senders",
        Some(r#"{"plusFriendId":"@k"}"#),
    );
    assert_eq!(error_code(&got), (400, "invalid_input"), "validation first");
}

#[test]
fn solutions_are_one_unpaged_list_and_keep_the_token_to_themselves() {
    let emu = start();
    let api = Api::new(&emu, "p");
    let bad = api.call(Method::POST, "/whatsapp/solutions", Some("{}"));
    assert_eq!(error_code(&bad), (400, "invalid_input"));
    assert_eq!(
        bad.1["additionalInformation"]["validationErrors"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let body =
        json!({"details": {"name": "S"}, "accessToken": "tok", "businessManager": "SINCH_BR"});
    // The spec's create answer: every solution made, and every one that failed.
    let made = api.post("/whatsapp/solutions", body.clone());
    assert_eq!(made["failedSolutions"], json!([]));
    let a = made["solutions"][0].clone();
    let b = api.post("/whatsapp/solutions", body)["solutions"][0].clone();
    assert!(!made.to_string().contains("tok"));
    assert_eq!(a["assigned"], false);
    assert_eq!(a["partnerApp"]["name"], "SINCH_BR");
    assert!(a["partnerApp"]["id"].is_u64(), "Meta app IDs are numbers");
    let (status, got) = api.call(Method::GET, "/whatsapp/solutions?pageSize=1", None);
    assert_eq!((status, got), (200, json!({"solutions": [a, b]})));
    let path = format!("/whatsapp/solutions/{}", b["id"].as_str().unwrap());
    assert_eq!(api.call(Method::GET, &path, None), (200, b.clone()));
    let (status, _) = api.call(Method::POST, &format!("{path}/assign"), None);
    assert_eq!(status, 204);
    assert_eq!(api.call(Method::GET, &path, None).1["assigned"], true);

    let failed =
        json!({"details": {"name": "F"}, "accessToken": "fail-x", "businessManager": "SINCH_UK"});
    let got = api.post("/whatsapp/solutions", failed);
    assert_eq!(got["solutions"], json!([]));
    assert_eq!(got["failedSolutions"][0]["errorCode"], "ACTIVATION_FAILED");

    // Once the project is onboarded (has a sender), another solution cannot be assigned.
    api.post("/whatsapp/senders", wa_sender());
    let other = format!("/whatsapp/solutions/{}/assign", a["id"].as_str().unwrap());
    let got = api.call(Method::POST, &other, None);
    assert_eq!(error_code(&got), (409, "solution_cannot_be_reassigned"));
}

#[test]
fn set_field_finds_each_family_by_its_id_field() {
    let emu = start();
    let api = Api::new(&emu, "p");
    let ids = [
        (
            "sms_apps",
            "/sms/smsApps",
            api.post("/sms/smsApps", sms_app("a"))["id"].clone(),
        ),
        (
            "bundles",
            "/bundles",
            api.post("/bundles", bundle("b"))["id"].clone(),
        ),
        ("kakaotalk_senders", "/kakaotalk/senders", json!("@k")),
        (
            "rcs_senders",
            "/rcs/senders",
            api.post("/rcs/senders", rcs("r"))["id"].clone(),
        ),
    ];
    api.post("/kakaotalk/senders", kakaotalk("@k"));
    for (resource, path, id) in ids {
        let id = id.as_str().unwrap();
        emu.set_field("p", resource, id, "details.extra", json!(7))
            .unwrap();
        let (_, got) = api.call(Method::GET, &format!("{path}/{id}"), None);
        assert_eq!(got["details"]["extra"], 7, "{resource}");
        let err = emu
            .set_field("p", resource, "nope", "x", json!(1))
            .unwrap_err();
        assert_eq!(err, format!("no {resource} 'nope' in project 'p'"));
    }
    let err = emu
        .set_field("p", "webhooks", "x", "x", json!(1))
        .unwrap_err();
    assert_eq!(err, "unknown resource 'webhooks'");
}
