use super::*;
use serde_json::json;

#[test]
fn create_list_filters_and_errors() {
    let emu = start();
    let token = sinch_token(&emu);
    let c = client();
    let base = format!("{}/v1/projects/p1/bundles", emu.base_url());
    let resp = c
        .post(&base)
        .bearer_auth(&token)
        .json(&json!({"name": "Minimal", "region": "US", "subproject": true, "smsApp": true, "convApp": true}))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 201);
    let b = json(resp);
    assert_eq!(b["state"], "IN_PROGRESS");
    let sms_id = b["smsApp"]["id"].as_str().unwrap().to_string();
    let conv_id = b["convApp"]["id"].as_str().unwrap().to_string();
    assert_eq!(
        b["smsApp"]["conversationApiAppDetails"]["id"],
        conv_id.as_str()
    );

    let q = |query: &str| {
        json(
            c.get(format!("{base}?{query}"))
                .bearer_auth(&token)
                .send()
                .unwrap(),
        )
    };
    assert_eq!(q(&format!("filterSmsAppIds=x,{sms_id}"))["totalSize"], 1);
    assert_eq!(q(&format!("filterConvAppIds={conv_id}"))["totalSize"], 1);
    assert_eq!(q("filterStates=DONE")["totalSize"], 0);
    assert_eq!(
        q("filterStates=DONE&filterStates=IN_PROGRESS")["totalSize"],
        1
    );
    assert_eq!(q("pageSize=26")["errorCode"], "invalid_page_size");

    let resp = c
        .post(&base)
        .bearer_auth(&token)
        .json(&json!({"name": "n", "region": "US", "smsApp": 3, "webhooks": [{"target": "x"}]}))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 400);
    let e = json(resp);
    assert_eq!(e["errorCode"], "invalid_input");
    assert_eq!(
        e["additionalInformation"]["validationErrors"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    let resp = c
        .get(format!("{base}/nope"))
        .bearer_auth(&token)
        .send()
        .unwrap();
    assert_eq!(resp.status(), 404);
    assert_eq!(json(resp)["errorCode"], "bundle_not_found");
}
