//! Provisioning webhooks: `/v1/projects/{projectId}/webhooks[/{webhookId}]`.
//!
//! Lists are ordered alphabetically by `target` (the documented order), max 15 per
//! project. Triggers are an open set: any non-empty UPPER_SNAKE string is accepted and
//! echoed back, so SDKs are tested against triggers they do not know yet.

use super::collection::{Collection, Delete, Edit, Limit, NotFound, Query, Unique};
use super::error::PapiError;
use super::pagination::PageSpec;
use crate::state::AppState;
use crate::tokens;
use axum::http::StatusCode;
use axum::Router;
use serde::Serialize;
use serde_json::{Map, Value};

/// Webhooks per project, as Sinch documents (424 beyond).
pub const MAX_WEBHOOKS: usize = 15;

pub static COLLECTION: Collection<Webhook> = Collection::new(
    "/webhooks",
    "webhooks",
    NotFound {
        code: "webhook_not_found",
        what: "Webhook",
    },
    |p, project_id| p.webhooks.entry(project_id.to_string()).or_default(),
    |hook| Some(&hook.id),
)
.paged(PageSpec {
    max: MAX_WEBHOOKS,
    default: MAX_WEBHOOKS,
})
.select(by_target)
.create(create)
.unique(Unique {
    field: "target",
    key: |hook| &hook.target,
    taken: |hook| exists(&hook.target),
})
.limit(Limit {
    max: MAX_WEBHOOKS,
    reached: || {
        PapiError::new(
            StatusCode::FAILED_DEPENDENCY,
            "webhook_limit_reached",
            "Webhook limit reached.",
            &format!("A project can have at most {MAX_WEBHOOKS} webhooks; delete one first."),
        )
    },
})
.replace(replace)
.update(update)
.delete(Delete::Remove);

/// A stored webhook. The secret signs its callbacks (`crate::callbacks`) and is never
/// serialized.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    pub id: String,
    pub project_id: String,
    pub target: String,
    #[serde(skip)]
    pub secret: String,
    pub triggers: Vec<String>,
}

pub fn routes() -> Router<AppState> {
    COLLECTION.routes()
}

/// Validated, possibly partial, webhook fields.
#[derive(Default)]
struct Fields {
    target: Option<String>,
    secret: Option<String>,
    triggers: Option<Vec<String>>,
}

/// `https://` anywhere, or `http://` on a loopback host: Sinch calls https targets only, and
/// the emulator also calls a receiver on this machine (tests, local development) over http.
pub fn is_url(s: &str) -> bool {
    let (rest, https) = match (s.strip_prefix("https://"), s.strip_prefix("http://")) {
        (Some(rest), _) => (rest, true),
        (None, Some(rest)) => (rest, false),
        (None, None) => return false,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    !host.is_empty() && !s.chars().any(char::is_whitespace) && (https || is_loopback(host))
}

/// `127.x.y.z`, `[::1]` or `localhost`, with or without a port.
fn is_loopback(host_port: &str) -> bool {
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host_port.split(':').next().unwrap_or(""),
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

pub fn is_trigger(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Checks the fields present in `body`; with `require_all` (create, PUT) missing ones are
/// errors too. All problems are reported at once, like the real API.
fn validate(body: &Map<String, Value>, require_all: bool) -> Result<Fields, PapiError> {
    let mut errors = Vec::new();
    let mut fields = Fields::default();
    match body.get("target") {
        Some(Value::String(t)) if is_url(t) => fields.target = Some(t.clone()),
        None if !require_all => {}
        _ => errors.push(
            "target must be a URL address (https://, or http:// on a loopback host in the emulator)"
                .to_string(),
        ),
    }
    match body.get("secret") {
        Some(Value::String(s)) if !s.is_empty() => fields.secret = Some(s.clone()),
        None if !require_all => {}
        Some(Value::String(_)) | None => errors.push("secret should not be empty".to_string()),
        Some(_) => errors.push("secret must be a string".to_string()),
    }
    match body.get("triggers") {
        None if !require_all => {}
        None => errors.push("triggers should not be empty".to_string()),
        Some(Value::Array(items)) => {
            let triggers: Vec<String> = items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            if items.is_empty() {
                errors.push("triggers should not be empty".to_string());
            } else if triggers.len() != items.len() || !triggers.iter().all(|t| is_trigger(t)) {
                errors.push("each value in triggers must be a valid trigger".to_string());
            } else if triggers.len() > 1 && triggers.iter().any(|t| t == "ALL") {
                errors.push("ALL cannot be combined with other triggers".to_string());
            } else {
                fields.triggers = Some(triggers);
            }
        }
        Some(_) => errors.push("triggers must be an array".to_string()),
    }
    if errors.is_empty() {
        Ok(fields)
    } else {
        Err(PapiError::invalid_input(errors))
    }
}

fn exists(target: &str) -> PapiError {
    PapiError::new(
        StatusCode::CONFLICT,
        "webhook_exists",
        "Webhook with this target already exists.",
        "Use a different target or update the existing webhook.",
    )
    .with_info(serde_json::json!({ "target": target }))
}

/// The documented list order: by target (ties by id, so pages are stable).
fn by_target<'a>(hooks: &'a [Webhook], _: &Query) -> Result<Vec<&'a Webhook>, PapiError> {
    let mut hooks: Vec<&Webhook> = hooks.iter().collect();
    hooks.sort_by(|a, b| a.target.cmp(&b.target).then_with(|| a.id.cmp(&b.id)));
    Ok(hooks)
}

fn create(project_id: &str, body: Map<String, Value>) -> Result<Webhook, PapiError> {
    let fields = validate(&body, true)?;
    let (Some(target), Some(secret), Some(triggers)) =
        (fields.target, fields.secret, fields.triggers)
    else {
        return Err(PapiError::invalid_input(vec!["missing fields".into()]));
    };
    Ok(Webhook {
        id: tokens::ulid_like(),
        project_id: project_id.to_string(),
        target,
        secret,
        triggers,
    })
}

/// The validated fields, applied to the stored webhook.
fn apply(fields: Fields) -> Edit<Webhook> {
    Box::new(move |hook| {
        if let Some(target) = fields.target {
            hook.target = target;
        }
        if let Some(secret) = fields.secret {
            hook.secret = secret;
        }
        if let Some(triggers) = fields.triggers {
            hook.triggers = triggers;
        }
    })
}

/// PUT: full replace, same validation as create.
fn replace(body: Map<String, Value>) -> Result<Edit<Webhook>, PapiError> {
    validate(&body, true).map(apply)
}

/// PATCH: any subset of target/secret/triggers; none at all is `no_fields_to_update`.
fn update(body: Map<String, Value>) -> Result<Edit<Webhook>, PapiError> {
    if !["target", "secret", "triggers"]
        .iter()
        .any(|k| body.contains_key(*k))
    {
        return Err(PapiError::no_fields_to_update());
    }
    validate(&body, false).map(apply)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provisioning::error::json_object;

    #[test]
    fn url_and_trigger_rules() {
        assert!(is_url("https://example.com/hook"));
        assert!(is_url("http://127.0.0.1:8080"));
        assert!(is_url("http://localhost/h"));
        assert!(is_url("http://[::1]:9/h"));
        assert!(
            !is_url("http://example.com/hook"),
            "plain http only on loopback"
        );
        assert!(!is_url("http://127.0.0.1.evil.example/h"));
        assert!(!is_url("ftp://x"));
        assert!(!is_url("https://"));
        assert!(!is_url("not a url"));
        assert!(is_trigger("WHATSAPP_SENDER_ACTIVE"));
        assert!(is_trigger("SOMETHING_NEW_2"));
        assert!(!is_trigger("lower"));
        assert!(!is_trigger(""));
    }

    #[test]
    fn validation_collects_errors() {
        let body = json_object(br#"{"target":"x","triggers":["ALL","BUNDLE_DONE"]}"#).unwrap();
        let err = validate(&body, true).err().unwrap();
        let errs = err.additional_information.unwrap()["validationErrors"]
            .as_array()
            .unwrap()
            .len();
        assert_eq!(errs, 3);
    }
}
