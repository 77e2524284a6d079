use super::*;
use serde_json::json;

#[test]
fn create_validation_and_list() {
    let emu = start();
    let token = sinch_token(&emu);
    let c = client();
    let base = format!("{}/v1/projects/p1/rcs/senders", emu.base_url());
    let resp = c
        .post(&base)
        .bearer_auth(&token)
        .json(
            &json!({"region": "EU", "billingCategory": "NEW_CAT", "useCase": "OTP",
                      "details": {"brand": {"name": "Acme", "logo": "https://x"}}}),
        )
        .send()
        .unwrap();
    assert_eq!(resp.status(), 201);
    let s = json(resp);
    assert_eq!(s["state"], "IN_PROGRESS");
    assert_eq!(s["billingCategory"], "NEW_CAT");
    assert_eq!(s["details"]["brand"]["logo"], "https://x");

    let resp = c
        .post(&base)
        .bearer_auth(&token)
        .json(&json!({}))
        .send()
        .unwrap();
    let e = json(resp);
    assert_eq!(e["errorCode"], "invalid_input");
    // region, billingCategory, useCase, details, details.brand.name
    assert_eq!(
        e["additionalInformation"]["validationErrors"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    let list = json(
        c.get(format!("{base}?filterSenderName=acm&sortDirection=DESC"))
            .bearer_auth(&token)
            .send()
            .unwrap(),
    );
    assert_eq!(list["totalSize"], 1);
    assert_eq!(list["senders"][0]["id"], s["id"]);
}

#[test]
fn account_log_and_comments_in_the_spec_shapes() {
    let emu = start();
    let token = sinch_token(&emu);
    let c = client();
    let root = format!("{}/v1/projects/p1/rcs", emu.base_url());
    let log = |query: &str| {
        c.get(format!("{root}/activities{query}"))
            .bearer_auth(&token)
            .send()
            .unwrap()
    };
    let missing = log("");
    assert_eq!(missing.status(), 404);
    assert_eq!(json(missing)["errorCode"], "account_not_found");

    let sender = json!({"region": "EU", "billingCategory": "C", "useCase": "OTP",
                        "details": {"brand": {"name": "Acme"}}});
    c.post(format!("{root}/senders"))
        .bearer_auth(&token)
        .json(&sender)
        .send()
        .unwrap();
    let resp = c
        .post(format!("{root}/comments"))
        .bearer_auth(&token)
        .json(&json!({"comment": "Example comment"}))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 201);
    let made = json(resp);
    assert_eq!(
        (made["type"].as_str(), made["comment"].as_str()),
        (Some("CREATED"), Some("Example comment"))
    );
    assert!(made["created"].is_string());

    let page = json(log("?pageSize=1"));
    assert_eq!(
        (page["totalSize"].as_u64(), page["pageSize"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(page["notifications"][0]["type"], "COMMENT_ADDED");
    assert_eq!(page["notifications"][0]["author"], "Provisioning API user");
    let token2 = page["nextPageToken"].as_str().unwrap();
    let rest = json(log(&format!("?pageSize=1&pageToken={token2}")));
    assert_eq!(rest["notifications"][0]["type"], "CREATED");
    assert!(rest.get("nextPageToken").is_none());
    assert_eq!(json(log("?pageSize=101"))["errorCode"], "invalid_page_size");
}

#[test]
fn questionnaire_sections_by_country() {
    let emu = start();
    let token = sinch_token(&emu);
    let c = client();
    let base = format!("{}/v1/projects/p1/rcs/questionnaire", emu.base_url());
    let get = |path: &str| {
        c.get(format!("{base}/{path}"))
            .bearer_auth(&token)
            .send()
            .unwrap()
    };
    let q = json(get("TRANSACTIONAL?countries=US&countries=FR"));
    assert_eq!(
        q["us"]["questions"]["ownershipType"]["suggestedAnswers"][0],
        "PRIVATE"
    );
    assert!(q["fr"]["questions"].is_object());
    assert!(q["general"]["questions"]["optInDescription"]["question"].is_string());
    let bad = get("NOPE");
    assert_eq!(bad.status(), 400);
    assert_eq!(json(bad)["errorCode"], "invalid_input");
    assert_eq!(
        json(get("OTP?usQuestionnaireVersion=v9"))["errorCode"],
        "invalid_input"
    );
}
