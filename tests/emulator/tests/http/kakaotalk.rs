use super::*;
use serde_json::json;

#[test]
fn lifecycle_and_validation() {
    let emu = start();
    let token = sinch_token(&emu);
    let c = client();
    let base = format!("{}/v1/projects/p1/kakaotalk/senders", emu.base_url());
    let details = json!({"adminPhoneNo": "010", "name": "N", "topLevelCategoryCode": "001",
                         "midLevelCategoryCode": "0001", "subLevelCategoryCode": "0001"});
    let resp = c
        .post(&base)
        .bearer_auth(&token)
        .json(&json!({"plusFriendId": "@a", "details": details}))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 201);
    assert_eq!(json(resp)["state"], "INACTIVE");
    let resp = c
        .post(&base)
        .bearer_auth(&token)
        .json(&json!({"plusFriendId": "@a", "details": details}))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 409);

    let resp = c
        .post(format!("{base}/@a/verify"))
        .bearer_auth(&token)
        .json(&json!({"code": "123456"}))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 400, "verify before register");
    let resp = c
        .post(format!("{base}/@a/register"))
        .bearer_auth(&token)
        .json(&json!({}))
        .send()
        .unwrap();
    assert_eq!(json(resp)["state"], "VERIFYING");

    let resp = c
        .post(&base)
        .bearer_auth(&token)
        .json(&json!({"plusFriendId": "", "details": {"topLevelCategoryCode": "1234"}}))
        .send()
        .unwrap();
    let e = json(resp);
    assert_eq!(e["errorCode"], "invalid_input");
    // plusFriendId + all five detail fields.
    assert_eq!(
        e["additionalInformation"]["validationErrors"]
            .as_array()
            .unwrap()
            .len(),
        6
    );
    let resp = c
        .delete(format!("{base}/@a"))
        .bearer_auth(&token)
        .send()
        .unwrap();
    assert_eq!(resp.status(), 204);
    let resp = c
        .get(format!("{base}/@zzz"))
        .bearer_auth(&token)
        .send()
        .unwrap();
    assert_eq!(json(resp)["errorCode"], "sender_not_found");
}
