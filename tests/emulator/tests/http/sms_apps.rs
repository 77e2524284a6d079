use super::*;
use serde_json::json;

fn base(emu: &Emulator) -> String {
    format!("{}/v1/projects/p1/sms/smsApps", emu.base_url())
}

#[test]
fn crud_status_codes_and_set_field() {
    let emu = start();
    let token = sinch_token(&emu);
    let c = client();
    let resp = c
        .post(base(&emu))
        .bearer_auth(&token)
        .json(&json!({"name": "A", "region": "US"}))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 201);
    let app = json(resp);
    assert_eq!(app["status"], "PENDING_ADD");
    assert_eq!(app["regions"], json!(["US"]));
    assert_eq!(app["test"], false);
    let id = app["id"].as_str().unwrap().to_string();
    let item = format!("{}/{id}", base(&emu));

    // set-field over HTTP, then read it back.
    let resp = c
        .post(format!("{}/_emulator/provisioning/set-field", emu.base_url()))
        .json(&json!({"project_id": "p1", "resource": "sms_apps", "id": id, "field": "status", "value": "NEW_THING"}))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 200);
    let got = json(c.get(&item).bearer_auth(&token).send().unwrap());
    assert_eq!(got["status"], "NEW_THING");

    let resp = c
        .patch(&item)
        .bearer_auth(&token)
        .json(&json!({}))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 400);
    assert_eq!(json(resp)["errorCode"], "no_fields_to_update");

    let resp = c.delete(&item).bearer_auth(&token).send().unwrap();
    assert_eq!(resp.status(), 204);
    let resp = c.get(&item).bearer_auth(&token).send().unwrap();
    assert_eq!(resp.status(), 404);
    assert_eq!(json(resp)["errorCode"], "sms_app_not_found");

    // Unknown resource or id: the control says so.
    let resp = c
        .post(format!("{}/_emulator/provisioning/set-field", emu.base_url()))
        .json(&json!({"project_id": "p1", "resource": "sms_apps", "id": id, "field": "status", "value": 1}))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 404);
}

#[test]
fn validation_and_paging_rules() {
    let emu = start();
    let token = sinch_token(&emu);
    let c = client();
    let resp = c
        .post(base(&emu))
        .bearer_auth(&token)
        .json(&json!({"name": "", "region": "XX", "convApiApp": true, "convApiAppId": "01K"}))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 400);
    let body = json(resp);
    assert_eq!(body["errorCode"], "invalid_input");
    assert_eq!(
        body["additionalInformation"]["validationErrors"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    for bad in ["0x", "101"] {
        let resp = c
            .get(format!("{}?pageSize={bad}", base(&emu)))
            .bearer_auth(&token)
            .send()
            .unwrap();
        assert_eq!(json(resp)["errorCode"], "invalid_page_size", "{bad}");
    }
    let resp = c
        .get(format!("{}?pageSize=100", base(&emu)))
        .bearer_auth(&token)
        .send()
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(json(resp)["smsApps"], json!([]));
}
