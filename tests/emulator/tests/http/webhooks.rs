use super::*;
use serde_json::json;

struct Api {
    base: String,
    token: String,
    client: Client,
}

impl Api {
    fn new(emu: &Emulator, project: &str) -> Api {
        Api {
            base: format!("{}/v1/projects/{project}/webhooks", emu.base_url()),
            token: sinch_token(emu),
            client: client(),
        }
    }
    fn create(&self, body: Value) -> Response {
        self.client
            .post(&self.base)
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .unwrap()
    }
    fn list(&self, query: &str) -> Response {
        self.client
            .get(format!("{}{query}", self.base))
            .bearer_auth(&self.token)
            .send()
            .unwrap()
    }
    fn item(&self, method: reqwest::Method, id: &str, body: Option<Value>) -> Response {
        let mut req = self
            .client
            .request(method, format!("{}/{id}", self.base))
            .bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().unwrap()
    }
}

fn hook(target: &str) -> Value {
    json!({"target": target, "secret": "s3cret", "triggers": ["WHATSAPP_SENDER_ACTIVE"]})
}

#[test]
fn crud() {
    let emu = start();
    let api = Api::new(&emu, "proj-1");
    let resp = api.create(json!({"target": "https://example.com/a", "secret": "x", "triggers": ["SOME_FUTURE_TRIGGER"]}));
    assert_eq!(resp.status(), 201);
    let created = json(resp);
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["projectId"], "proj-1");
    assert_eq!(created["triggers"], json!(["SOME_FUTURE_TRIGGER"]));
    assert!(created.get("secret").is_none(), "secret must not be echoed");

    let got = json(api.item(reqwest::Method::GET, &id, None));
    assert_eq!(got, created);

    let resp = api.item(
        reqwest::Method::PATCH,
        &id,
        Some(json!({"triggers": ["ALL"]})),
    );
    assert_eq!(resp.status(), 200);
    let patched = json(resp);
    assert_eq!(patched["triggers"], json!(["ALL"]));
    assert_eq!(patched["target"], "https://example.com/a");

    let resp = api.item(reqwest::Method::PATCH, &id, Some(json!({})));
    assert_eq!(resp.status(), 400);
    assert_eq!(json(resp)["errorCode"], "no_fields_to_update");

    let resp = api.item(
        reqwest::Method::PUT,
        &id,
        Some(hook("https://example.com/b")),
    );
    assert_eq!(resp.status(), 200);
    assert_eq!(json(resp)["target"], "https://example.com/b");
    let resp = api.item(
        reqwest::Method::PUT,
        &id,
        Some(json!({"target": "https://example.com/c"})),
    );
    assert_eq!(resp.status(), 400, "PUT needs every field");

    let resp = api.item(reqwest::Method::DELETE, &id, None);
    assert_eq!(resp.status(), 204);
    let resp = api.item(reqwest::Method::GET, &id, None);
    assert_eq!(resp.status(), 404);
    let body = json(resp);
    assert_eq!(body["errorCode"], "webhook_not_found");
    assert!(body["message"].is_string() && body["resolution"].is_string());
    assert_eq!(api.item(reqwest::Method::DELETE, &id, None).status(), 404);

    // Projects are isolated.
    let other = Api::new(&emu, "proj-2");
    api.create(hook("https://example.com/only-in-1"));
    assert_eq!(json(other.list(""))["totalSize"], 0);
}

#[test]
fn validation_and_payload_errors() {
    let emu = start();
    let api = Api::new(&emu, "p");
    let resp = api.create(json!({"target": "not-a-url", "triggers": []}));
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
    let resp = api.create(
        json!({"target": "https://x.io", "secret": "s", "triggers": ["ALL", "BUNDLE_DONE"]}),
    );
    assert_eq!(json(resp)["errorCode"], "invalid_input");

    let resp = api
        .client
        .post(&api.base)
        .bearer_auth(&api.token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .unwrap();
    assert_eq!(resp.status(), 400);
    assert_eq!(json(resp)["errorCode"], "invalid_payload");
}

#[test]
fn duplicate_target_and_limit() {
    let emu = start();
    let api = Api::new(&emu, "p");
    for i in 0..15 {
        assert_eq!(
            api.create(hook(&format!("https://example.com/{i:02}")))
                .status(),
            201
        );
    }
    let resp = api.create(hook("https://example.com/00"));
    assert_eq!(resp.status(), 409);
    assert_eq!(json(resp)["errorCode"], "webhook_exists");
    let resp = api.create(hook("https://example.com/new"));
    assert_eq!(resp.status(), 424);
    assert_eq!(json(resp)["errorCode"], "webhook_limit_reached");
}

#[test]
fn pagination_15_by_4() {
    let emu = start();
    let api = Api::new(&emu, "p");
    // Created in reverse order: the list must come back sorted by target.
    for i in (0..15).rev() {
        assert_eq!(
            api.create(hook(&format!("https://example.com/{i:02}")))
                .status(),
            201
        );
    }
    let mut targets = Vec::new();
    let mut token: Option<String> = None;
    let mut pages = 0;
    loop {
        let q = match &token {
            Some(t) => format!("?pageSize=4&pageToken={t}"),
            None => "?pageSize=4".to_string(),
        };
        let resp = api.list(&q);
        assert_eq!(resp.status(), 200);
        let body = json(resp);
        pages += 1;
        assert_eq!(body["totalSize"], 15);
        for w in body["webhooks"].as_array().unwrap() {
            targets.push(w["target"].as_str().unwrap().to_string());
        }
        assert_eq!(body.get("previousPageToken").is_some(), pages > 1);
        match body.get("nextPageToken").and_then(Value::as_str) {
            Some(t) => token = Some(t.to_string()),
            None => break,
        }
        assert!(pages < 10, "pagination does not terminate");
    }
    assert_eq!(pages, 4);
    let expected: Vec<String> = (0..15)
        .map(|i| format!("https://example.com/{i:02}"))
        .collect();
    assert_eq!(targets, expected);

    // No page size: everything (max 15) on one page.
    let body = json(api.list(""));
    assert_eq!(body["webhooks"].as_array().unwrap().len(), 15);
    assert!(body.get("nextPageToken").is_none());
}

#[test]
fn bad_page_token_and_size() {
    let emu = start();
    let api = Api::new(&emu, "p");
    let resp = api.list("?pageToken=definitely-not-a-token");
    assert_eq!(resp.status(), 400);
    assert_eq!(json(resp)["errorCode"], "invalid_page_token");
    for size in ["16", "-1", "x"] {
        let resp = api.list(&format!("?pageSize={size}"));
        assert_eq!(resp.status(), 400);
        assert_eq!(json(resp)["errorCode"], "invalid_page_size");
    }
}
