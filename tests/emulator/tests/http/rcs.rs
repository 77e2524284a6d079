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
    assert_eq!(
        e["additionalInformation"]["validationErrors"]
            .as_array()
            .unwrap()
            .len(),
        4
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
